"""The shape of a table between recipe steps: column names, types and units, in order.

Steps check their settings against the schema they receive and return the schema they produce, so a
whole recipe is checked before any data is touched. Types are DuckDB type names; `UNKNOWN` stands for a
type only the engine can tell (a derived expression) until the plan is bound to real data.

Every relation between steps also carries a hidden row number (`ROW`): the input's file order, then the
order set by `sort`. It makes `keep: first`, forward fill and the final row order of the output exact.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from mfgdata.prep.errors import StepError

ROW = "__mfgdata_row"
UNKNOWN = "UNKNOWN"
NUMERIC = frozenset({"integer", "float"})
_INTEGERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}
_KIND_KO = {
    "integer": "정수",
    "float": "실수",
    "string": "문자열",
    "boolean": "참/거짓",
    "timestamp": "시각",
    "date": "날짜",
    "time": "하루 중 시각",
    "other": "기타",
    "unknown": "알 수 없음",
}


def quote(name: str) -> str:
    """A SQL identifier, double-quoted (standard SQL; DuckDB and Spark SQL in ANSI mode)."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def kind_of(duckdb_type: str) -> str:
    """The kind a person thinks in: integer, float, string, boolean, timestamp, date, time, other, unknown."""
    upper = duckdb_type.upper()
    if upper in _INTEGERS:
        return "integer"
    if upper in {"DOUBLE", "FLOAT", "REAL"} or upper.startswith("DECIMAL"):
        return "float"
    if upper.startswith("VARCHAR"):
        return "string"
    if upper.startswith("TIMESTAMP"):
        return "timestamp"
    simple = {"BOOLEAN": "boolean", "DATE": "date", "TIME": "time", UNKNOWN: "unknown"}
    return simple.get(upper, "other")


def kind_ko(kind: str) -> str:
    """The Korean word for a kind."""
    return _KIND_KO.get(kind, kind)


@dataclass(frozen=True)
class Field:
    """One column: name, DuckDB type, unit (pint spelling) if known, and the input column it carries.

    `origin` is the name of the input column whose values this column carries (through renames, casts and
    conversions, which copy the field); it is None for a column a step made (a label, a split, a flag).
    """

    name: str
    type: str
    unit: str | None = None
    origin: str | None = None

    @property
    def kind(self) -> str:
        return kind_of(self.type)


@dataclass(frozen=True)
class Schema:
    """The visible columns of a relation, in order (the hidden row number is implied).

    `file_date` is the date in the single input file's name (`…-2021.09.06.csv`), for steps that complete
    times of day; combined folders carry it per row in `source_file` instead.
    """

    fields: tuple[Field, ...]
    file_date: str | None = None

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def find(self, name: str) -> Field | None:
        """The column called exactly `name`, if any."""
        return next((f for f in self.fields if f.name == name), None)

    def clashes(self, name: str) -> bool:
        """True when `name` is taken: SQL names ignore case, so `Lot` and `LoT` are one column."""
        return name.lower() == ROW or any(f.name.lower() == name.lower() for f in self.fields)

    def require(self, name: str, setting: str, kinds: Iterable[str] | None = None) -> Field:
        """The column `name`, refusing a missing one (with close names) or one of the wrong kind."""
        found = self.find(name)
        if found is None:
            raise missing_column(name, setting, self.names)
        allowed = set(kinds) if kinds is not None else None
        if allowed is not None and found.kind not in allowed | {"unknown"}:
            wanted_ko = ", ".join(kind_ko(k) for k in sorted(allowed))
            raise StepError(
                "wrong-column-type",
                f"'{name}' 열은 {kind_ko(found.kind)}({found.type}) 열입니다. 이 단계에는 {wanted_ko} 열이 필요합니다.",
                f"Column '{name}' is {found.kind} ({found.type}); this step needs {', '.join(sorted(allowed))}.",
                setting,
            )
        return found

    def with_fields(self, fields: Iterable[Field]) -> Schema:
        """The same schema with other columns."""
        return replace(self, fields=tuple(fields))

    def replaced(self, name: str, new: Field) -> Schema:
        """The schema with column `name` replaced by `new`, in the same place."""
        return self.with_fields(new if f.name == name else f for f in self.fields)

    def passthrough(self, overrides: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
        """(name, SQL expression) for every column; `overrides` replace the expression of some columns."""
        overrides = overrides or {}
        return [(f.name, overrides.get(f.name, quote(f.name))) for f in self.fields]


def missing_column(name: str, setting: str, names: list[str]) -> StepError:
    """The error for a column that is not there, suggesting close names."""
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    close += [n for n in names if n.lower() == name.lower() and n not in close]
    hint_ko = f" 비슷한 이름: {', '.join(close)}." if close else ""
    hint_en = f" Close names: {', '.join(close)}." if close else ""
    shown = ", ".join(names[:12]) + (" …" if len(names) > 12 else "")
    return StepError(
        "missing-column",
        f"'{name}' 열이 없습니다.{hint_ko} 이 단계 앞에서 쓸 수 있는 열: {shown}",
        f"There is no column '{name}'.{hint_en} Columns available before this step: {shown}",
        setting,
    )


def select_list(pairs: Iterable[tuple[str, str]], row: str | None = quote(ROW)) -> str:
    """`expr AS "name", …` for the output columns, then the row number (`row`; None leaves it out)."""
    parts = [expr if expr == quote(name) else f"{expr} AS {quote(name)}" for name, expr in pairs]
    if row is not None:
        parts.append(row if row == quote(ROW) else f"{row} AS {quote(ROW)}")
    return ", ".join(parts)


def refuse_taken(schema: Schema, name: str, setting: str) -> None:
    """Refuse a new column name that is empty or already used (ignoring case)."""
    if not name.strip():
        raise StepError("empty-column-name", "열 이름이 비어 있습니다.", "The column name is empty.", setting)
    if schema.clashes(name):
        raise StepError(
            "column-exists",
            f"'{name}' 열이 이미 있습니다(대소문자는 구분하지 않습니다). 다른 이름을 쓰세요.",
            f"A column '{name}' already exists (case is ignored). Choose another name.",
            setting,
        )
