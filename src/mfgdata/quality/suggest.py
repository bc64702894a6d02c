"""Suggest a suite (placeholder: replaced below)."""

from __future__ import annotations

from mfgdata.quality.model import CheckSpec, TableInfo


def suggest_for_tables(tables: dict[str, TableInfo]) -> list[CheckSpec]:
    """Checks that fit any table: it has rows and no exact duplicate rows."""
    specs = []
    for name in tables:
        specs.append(CheckSpec(f"{name}.row-count", "row-count", name, {"min": 1}))
        specs.append(CheckSpec(f"{name}.unique", "unique", name, {}, severity="warn"))
    return specs
