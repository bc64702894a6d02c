"""The recipe steps, one per module; :mod:`mfgdata.prep.registry` finds them by `type`."""
