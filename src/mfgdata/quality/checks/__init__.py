"""Quality checks, one per module; `mfgdata.quality.registry` finds them by `type`."""
