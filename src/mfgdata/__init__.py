"""mfgdata: turn raw factory data into manufacturing data products."""

__version__ = "0.1.0"
