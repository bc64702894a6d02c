"""`derive`: a new (or replaced) column from a SQL expression, window functions allowed.

Examples: remaining useful life `max(cycle) OVER (PARTITION BY engine) - cycle`; a pass/fail label
`Short_Shot_1 + Bubble_1 > 0`; a date for joining labels `CAST("Time" AS DATE)`. Its type is what the
engine says when the recipe is bound to the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import UNKNOWN, Field, Schema, refuse_taken, select_list
from mfgdata.prep.steps.base import MadeColumn, Step

_WINDOW = re.compile(r"\bover\b", re.IGNORECASE)
Role = Literal["timestamp", "entity", "lot", "measurement", "setpoint", "spec_limit", "label", "feature", "identifier"]


@dataclass(frozen=True)
class DeriveSettings:
    """column: the column to create (or replace); expression: SQL over the existing columns; role: what the
    column is in the data contract (default feature); description: {ko: …, en: …} for the contract."""

    column: str
    expression: str
    role: Role = "feature"
    description: dict[str, str] | None = None


class Derive(Step[DeriveSettings]):
    """Add or replace a column computed by an expression."""

    type = "derive"
    settings_type = DeriveSettings
    sql_setting = "expression"

    def plan(self, schema: Schema) -> Schema:
        if not self.settings.expression.strip():
            raise StepError(
                "empty-expression", "'expression'이 비어 있습니다.", "The expression is empty.", "expression"
            )
        name = self.settings.column
        if schema.find(name) is not None:
            return schema.replaced(name, Field(name, UNKNOWN))
        refuse_taken(schema, name, "column")
        return schema.with_fields([*schema.fields, Field(name, UNKNOWN)])

    def sql(self, source: str, schema: Schema) -> str:
        name, expression = self.settings.column, f"({self.settings.expression})"
        if schema.find(name) is not None:
            pairs = schema.passthrough({name: expression})
        else:
            pairs = [*schema.passthrough(), (name, expression)]
        return f"SELECT {select_list(pairs)} FROM {source}"

    def is_row_wise(self) -> bool:
        return _WINDOW.search(self.settings.expression) is None

    def repeats_in_parallel(self) -> bool:
        return _WINDOW.search(self.settings.expression) is None  # a window may sum floats

    def made_column(self, name: str) -> MadeColumn:
        given = self.settings.description or {}
        expression = self.settings.expression.strip()
        return MadeColumn(
            self.settings.role,
            given.get("ko") or f"계산한 열: {expression}",
            given.get("en") or f"Computed: {expression}",
        )

    def changed_columns(self, schema: Schema) -> tuple[str, ...]:
        return (self.settings.column,) if schema.find(self.settings.column) is not None else ()
