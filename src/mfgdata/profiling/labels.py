"""Label columns and their class balance.

A label is what a model would learn: a pass/fail or defect column found by its name, a group of
one-hot columns at the end of the table (exactly one set per row), or a group of defect-count columns
under a header group such as `Defects`. The reason is recorded with each, so a person can disagree.
"""

from __future__ import annotations

import re
from typing import Any

import duckdb

from mfgdata.dataset.relation import quote
from mfgdata.profiling.columns import ColumnStats
from mfgdata.profiling.jsonify import plain

MAX_CLASSES = 50
_LABEL_NAME = re.compile(
    r"^(label|target|class|y|tag|result|judge(ment)?|quality|ok_?ng|pass_?fail|passorfail|"
    r"불량|양불|판정|결과|라벨|품질)$|fail|defect|fault|불량|양불",
    re.IGNORECASE,
)
_LABEL_GROUP = re.compile(r"defect|fault|label|불량", re.IGNORECASE)


def _class_counts(con: duckdb.DuckDBPyConnection, relation: str, expression: str) -> list[tuple[Any, int]]:
    query = f"SELECT {expression} AS v, count(*) AS n FROM {relation} GROUP BY v ORDER BY n DESC, v NULLS LAST"
    return [(value, int(count)) for value, count in con.execute(query).fetchall()]


def _entry(columns: list[str], kind: str, counts: list[tuple[Any, int]], reason: str) -> dict[str, Any]:
    total = sum(count for _, count in counts) or 1
    present = [count for value, count in counts if value is not None]
    return {
        "columns": columns,
        "kind": kind,
        "classes": [{"value": plain(v), "count": n, "ratio": round(n / total, 6)} for v, n in counts],
        "imbalance_ratio": round(max(present) / min(present), 4) if present else None,
        "reason": reason,
    }


def _known_counts(column: ColumnStats, rows: int) -> list[tuple[Any, int]] | None:
    """Class counts from the exact top-value counts of scan 2, when they cover every class."""
    counts = column.stats.get("top_counts") or {}
    if not counts or len(counts) != column.stats.get("distinct"):
        return None
    found = [(value, int(count)) for value, count in counts.items()]
    missing = rows - int(column.stats.get("count") or 0)
    if missing:
        found.append((None, missing))
    return sorted(found, key=lambda item: (-item[1], item[0] is None, str(item[0])))


def _named_labels(
    con: duckdb.DuckDBPyConnection, relation: str, columns: list[ColumnStats], taken: set[str], rows: int
) -> list[dict[str, Any]]:
    found = []
    for column in (c for c in columns if c.name not in taken):
        distinct = column.stats.get("distinct") or 0
        if column.group and _LABEL_GROUP.search(column.group):
            continue  # part of a label group, reported as a whole below
        if _LABEL_NAME.search(column.name) and 1 <= distinct <= MAX_CLASSES and column.kind != "float":
            counts = _known_counts(column, rows) or _class_counts(con, relation, quote(column.name))
            present = [v for v, _ in counts if v is not None]
            kind = "binary" if len(present) == 2 else "multiclass"
            found.append(_entry([column.name], kind, counts, f"name '{column.name}' reads as a label"))
    return found


def _is_flag(column: ColumnStats) -> bool:
    low, high = column.stats.get("min"), column.stats.get("max")
    return column.kind in {"integer", "boolean"} and low in (0, False) and high in (1, True)


def _one_hot(con: duckdb.DuckDBPyConnection, relation: str, columns: list[ColumnStats]) -> dict[str, Any] | None:
    """Trailing 0/1 columns that always sum to exactly one: one label encoded one-hot."""
    trailing: list[ColumnStats] = []
    for column in reversed(columns):
        if not _is_flag(column):
            break
        trailing.insert(0, column)
    if len(trailing) < 3:
        return None
    names = [quote(c.name) for c in trailing]
    total = " + ".join(f"coalesce({n}::INTEGER, 0)" for n in names)
    exactly_one = (con.execute(f"SELECT bool_and({total} = 1) FROM {relation}").fetchone() or (False,))[0]
    if not exactly_one:
        return None
    case = "CASE " + " ".join(f"WHEN {n}::INTEGER = 1 THEN '{c.name}'" for n, c in zip(names, trailing, strict=True))
    counts = _class_counts(con, relation, case + " END")
    return _entry([c.name for c in trailing], "one_hot", counts, "trailing 0/1 columns with exactly one set per row")


def _count_group(con: duckdb.DuckDBPyConnection, relation: str, columns: list[ColumnStats]) -> dict[str, Any] | None:
    """Defect-count columns under one header group: rows with any defect vs none."""
    members = [c for c in columns if c.group and _LABEL_GROUP.search(c.group) and c.kind == "integer"]
    if len(members) < 2:
        return None
    total = " + ".join(f"coalesce({quote(c.name)}, 0)" for c in members)
    expression = f"CASE WHEN {total} > 0 THEN 'defect' ELSE 'none' END"
    counts = _class_counts(con, relation, expression)
    return _entry(
        [c.name for c in members], "count", counts, f"count columns under the header group '{members[0].group}'"
    )


def find_labels(
    con: duckdb.DuckDBPyConnection, relation: str, columns: list[ColumnStats], rows: int
) -> list[dict[str, Any]]:
    """Every label found, with its class balance (from scan 2's exact counts where they cover it)."""
    grouped = [entry for entry in (_one_hot(con, relation, columns), _count_group(con, relation, columns)) if entry]
    taken = {name for entry in grouped for name in entry["columns"]}
    return _named_labels(con, relation, columns, taken, rows) + grouped
