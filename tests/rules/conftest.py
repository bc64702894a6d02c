"""Helpers for the programme-rules tests: the shipped definitions and the notices they come from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mfgdata.rules import Programme, find_programme
from mfgdata.rules.loader import shipped_dir

REPO = Path(__file__).resolve().parents[2]


def seeds_dir() -> Path:
    """`$MFGDATA_SHARED_SEEDS`, else `../shared/seeds` next to the repository."""
    configured = os.environ.get("MFGDATA_SHARED_SEEDS")
    return Path(configured) if configured else REPO.parent / "shared" / "seeds"


@pytest.fixture
def productization() -> Programme:
    programme = find_programme("productization", 2026)
    assert programme is not None
    return programme


@pytest.fixture
def purchase() -> Programme:
    programme = find_programme("purchase", 2023)
    assert programme is not None
    return programme


@pytest.fixture
def shipped() -> Path:
    return shipped_dir()


@pytest.fixture
def notice_line():
    """`notice_line("000", 22)`: that line of the notice text (skips when the notices are absent)."""

    def read(prefix: str, number: int) -> str:
        folder = seeds_dir()
        matches = sorted(folder.glob(f"{prefix}_*.txt")) if folder.is_dir() else []
        if not matches:
            pytest.skip(f"notices absent: {folder} has no {prefix}_*.txt (set MFGDATA_SHARED_SEEDS)")
        return matches[0].read_text(encoding="utf-8").splitlines()[number - 1]

    return read
