"""Shared test helpers: where the reference datasets live.

The openly licensed datasets ship in `data/open/`. The KAMP datasets (no redistribution licence) and the
non-commercial casting images stay in `../shared/data` (or `$MFGDATA_SHARED_DATA`); tests that need them
are skipped, with the reason printed, only where that folder is absent. CI always has it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
OPEN_DATA = REPO / "data" / "open"


def shared_data_dir() -> Path:
    """`$MFGDATA_SHARED_DATA`, else `../shared/data` next to the repository."""
    configured = os.environ.get("MFGDATA_SHARED_DATA")
    return Path(configured) if configured else REPO.parent / "shared" / "data"


@pytest.fixture
def open_data() -> Path:
    return OPEN_DATA


@pytest.fixture
def shared_data() -> Path:
    folder = shared_data_dir()
    if not folder.is_dir():
        pytest.skip(f"shared datasets absent: {folder} does not exist (set MFGDATA_SHARED_DATA); CI always has it")
    return folder
