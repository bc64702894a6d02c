"""What the profile already knows about a table, gathered once for the role rules.

The profiler found the time axis, the entity column, the labels and the candidate keys; the role rules
read those facts instead of guessing again. Spec-limit pairs (`Factory_Temp_Min` / `Factory_Temp_Max`
beside `Factory_Temp`) and 0/1 flags that trail a label column (`TWF`, `HDF` after `Machine failure`) are
worked out here because more than one rule needs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mfgdata.dictionary.names import is_binary

# `_Min`, `_Max`, `_LSL`, `_USL` … after a separator; the Korean 하한/상한 may follow directly.
_SPEC_SUFFIX = re.compile(
    r"^(?P<base>.+?)(?:[_ .\-](?P<en>min|max|lsl|usl|lower|upper|ll|ul)|(?P<ko>하한|상한))$", re.I
)
_LOWER = {"min", "lsl", "lower", "ll", "하한"}


@dataclass(frozen=True)
class SpecLimit:
    """One limit column: the column it bounds and which side."""

    base: str
    side: str  # "min" or "max"


@dataclass(frozen=True)
class TableFacts:
    """Facts of one profiled table that decide roles."""

    rows: int
    combined: bool
    names: tuple[str, ...]
    time_axes: dict[str, dict[str, Any]] = field(default_factory=dict)
    entity_series: dict[str, int] = field(default_factory=dict)
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    label_flags: dict[str, str] = field(default_factory=dict)
    single_keys: frozenset[str] = frozenset()
    spec_limits: dict[str, SpecLimit] = field(default_factory=dict)


def spec_limit_of(name: str, column: dict[str, Any], names: set[str]) -> SpecLimit | None:
    """A limit column when its name ends in a limit word and it bounds a column present in the table.

    A limit word alone is not enough (`X_Minimum` in the steel-plate data is a coordinate): the base column
    must exist, or the column must hold one fixed number, as a limit written on every row does.
    """
    match = _SPEC_SUFFIX.match(name)
    if not match:
        return None
    base = match.group("base").rstrip("_ .-")
    side_word = (match.group("en") or match.group("ko")).lower()
    constant = column["distinct"] <= 1 and column["type"] in ("integer", "float")
    if base not in names and not constant:
        return None
    return SpecLimit(base=base, side="min" if side_word in _LOWER else "max")


def _label_flags(columns: list[dict[str, Any]], label_names: set[str]) -> dict[str, str]:
    """0/1 columns that directly follow a single-column label: its failure or defect modes."""
    flags: dict[str, str] = {}
    for index, column in enumerate(columns):
        if column["name"] not in label_names or not is_binary(column):
            continue
        for after in columns[index + 1 :]:
            if after["name"] in label_names or not is_binary(after):
                break
            flags[after["name"]] = column["name"]
    return flags


def table_facts(profile: dict[str, Any]) -> TableFacts:
    """Gather the facts the role rules read from a profile document."""
    columns = profile.get("columns", [])
    names = {column["name"] for column in columns}
    labels = {name: entry for entry in profile.get("labels", []) for name in entry["columns"]}
    single_labels = {entry["columns"][0] for entry in profile.get("labels", []) if len(entry["columns"]) == 1}
    spec_limits = {}
    for column in columns:
        limit = spec_limit_of(column["name"], column, names)
        if limit is not None:
            spec_limits[column["name"]] = limit
    series = profile.get("timeseries", [])
    return TableFacts(
        rows=int(profile.get("rows") or 0),
        combined=bool((profile.get("source") or {}).get("combined")),
        names=tuple(column["name"] for column in columns),
        time_axes={entry["time_column"]: entry for entry in series},
        entity_series={entry["entity_column"]: entry["entities"] for entry in series if entry["entity_column"]},
        labels=labels,
        label_flags=_label_flags(columns, single_labels),
        single_keys=frozenset(key[0] for key in profile.get("candidate_keys", []) if len(key) == 1),
        spec_limits=spec_limits,
    )


def spec_pairs(facts: TableFacts) -> list[tuple[str, str, str]]:
    """`(column, min_column, max_column)` for every measured column with both limits in the table."""
    by_base: dict[str, dict[str, str]] = {}
    for name, limit in facts.spec_limits.items():
        by_base.setdefault(limit.base, {})[limit.side] = name
    return [
        (base, sides["min"], sides["max"])
        for base, sides in by_base.items()
        if base in facts.names and {"min", "max"} <= set(sides)
    ]
