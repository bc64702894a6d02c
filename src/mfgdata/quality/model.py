"""What a suite is made of and what it reports: check specs, tables, measures, results.

A check's *measure* (how many values were checked, how many fail, the metric) is kept apart from its
*verdict* (passed or not, given `mostly` and the severity), as Great Expectations keeps metric and
expectation apart. Results are plain data; `to_dict()` gives the `results.json` form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["block", "warn"]
ColumnKind = Literal["integer", "number", "text", "timestamp", "date", "boolean", "other"]
CHARACTERISTICS = ("accuracy", "completeness", "consistency", "credibility", "currentness", "uniqueness", "validity")
_TOLERANCE = 1e-12


@dataclass(frozen=True)
class ColumnInfo:
    """A column as the engine sees it, with what the contract says about it."""

    name: str
    kind: ColumnKind
    unit: str | None = None
    role: str | None = None
    description: str = ""
    few_values: bool = False  # at most 1 % of the rows are distinct values (the file's statistics say so)


@dataclass(frozen=True)
class TableInfo:
    """A registered table: its name in the contract, its name in the engine, its columns and rows."""

    name: str
    relation: str
    columns: dict[str, ColumnInfo]
    rows: int

    def column(self, name: str) -> ColumnInfo | None:
        return self.columns.get(name)


@dataclass(frozen=True)
class CheckSpec:
    """The parts every check has, whatever its type: where it came from and how it is judged."""

    id: str
    type: str
    table: str
    settings: dict[str, Any]
    severity: Severity = "block"
    mostly: float = 1.0
    max_failing: int | None = None
    source: str = "contract"  # contract | suggested
    reason_ko: str | None = None
    reason_en: str | None = None


@dataclass(frozen=True)
class Measure:
    """What a check measured. `violated` decides set-level checks (drift, balance) instead of the ratio."""

    checked: int
    failing: int
    metric: dict[str, Any] = field(default_factory=dict)
    violated: bool | None = None

    @property
    def ratio(self) -> float:
        return self.failing / self.checked if self.checked else 0.0

    def passes(self, mostly: float, max_failing: int | None) -> bool:
        """The verdict: set-level checks by their rule, row checks by `mostly` and an optional count cap."""
        if self.violated is not None:
            return not self.violated
        if max_failing is not None and self.failing > max_failing:
            return False
        return self.ratio <= (1.0 - mostly) + _TOLERANCE


@dataclass(frozen=True)
class Example:
    """One failing row: its 1-based data row number and the values the check looked at."""

    row: int
    values: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"row": self.row, "values": self.values}


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one check, as written to results.json."""

    spec: CheckSpec
    column: str | None
    characteristic: str
    measure: Measure
    passed: bool
    examples: tuple[Example, ...]
    message_ko: str
    message_en: str
    not_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.spec.id,
            "type": self.spec.type,
            "table": self.spec.table,
            "column": self.column,
            "severity": self.spec.severity,
            "mostly": self.spec.mostly,
            "passed": self.passed,
            "checked_count": self.measure.checked,
            "failing_count": self.measure.failing,
            "failing_ratio": round(self.measure.ratio, 12),
            "characteristic": self.characteristic,
            "metric": self.measure.metric,
            "examples": [example.to_dict() for example in self.examples],
            "message_ko": self.message_ko,
            "message_en": self.message_en,
            "source": self.spec.source,
            "not_run": self.not_run,
        }
