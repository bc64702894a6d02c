"""`limits`: mark (and only if asked, clip or blank) values outside their limits.

Limits are numbers (`min`, `max`) or spec-limit columns carried in the data (`min_column`, `max_column`,
as in die-casting exports with `Factory_Temp_Min`/`_Max`). The step always adds a boolean
`<column>_out_of_limits` (missing when the value is missing) and never changes a value unless `action`
is `clip` (to the nearest limit) or `null` (blanked). The lineage counts flagged and changed values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import NUMERIC, Field, Schema, quote, refuse_taken, select_list
from mfgdata.prep.steps.base import MadeColumn, Step

FLAG_SUFFIX = "_out_of_limits"


@dataclass(frozen=True)
class LimitsSettings:
    """column: the measured column; min/max: numeric limits, or min_column/max_column: spec-limit
    columns; action: flag (default, values unchanged), clip or null."""

    column: str
    min: float | None = None
    max: float | None = None
    min_column: str | None = None
    max_column: str | None = None
    action: Literal["flag", "clip", "null"] = "flag"


class Limits(Step[LimitsSettings]):
    """Flag, clip or blank values outside limits."""

    type = "limits"
    settings_type = LimitsSettings

    def is_row_wise(self) -> bool:
        return True

    @property
    def flag(self) -> str:
        return self.settings.column + FLAG_SUFFIX

    def _bounds(self) -> tuple[str | None, str | None]:
        s = self.settings
        low = quote(s.min_column) if s.min_column else (repr(s.min) if s.min is not None else None)
        high = quote(s.max_column) if s.max_column else (repr(s.max) if s.max is not None else None)
        return low, high

    def _check_settings(self) -> None:
        s = self.settings
        for number, column, name in ((s.min, s.min_column, "min"), (s.max, s.max_column, "max")):
            if number is not None and column is not None:
                raise StepError(
                    "two-limits",
                    f"'{name}' 설정과 '{name}_column' 설정은 함께 쓸 수 없습니다. 하나만 남기세요.",
                    f"Use either '{name}' or '{name}_column', not both.",
                    name,
                )
        if s.min is None and s.max is None and s.min_column is None and s.max_column is None:
            raise StepError(
                "no-limits",
                "한계가 없습니다. min/max 또는 min_column/max_column을 적으세요.",
                "No limits given. Write min/max or min_column/max_column.",
                "column",
            )
        if s.min is not None and s.max is not None and s.min > s.max:
            raise StepError(
                "limits-reversed",
                f"min 값({s.min})이 max 값({s.max})보다 큽니다.",
                f"min ({s.min}) exceeds max ({s.max}).",
                "min",
            )

    def plan(self, schema: Schema) -> Schema:
        self._check_settings()
        schema.require(self.settings.column, "column", NUMERIC)
        for setting in ("min_column", "max_column"):
            name = getattr(self.settings, setting)
            if name is not None:
                schema.require(name, setting, NUMERIC)
        refuse_taken(schema, self.flag, "column")
        fields: list[Field] = []
        for field in schema.fields:
            fields.append(field)
            if field.name == self.settings.column:
                fields.append(Field(self.flag, "BOOLEAN"))
        return schema.with_fields(fields)

    def _outside(self) -> tuple[str, str]:
        value = quote(self.settings.column)
        low, high = self._bounds()
        below = f"coalesce({value} < {low}, FALSE)" if low else "FALSE"
        above = f"coalesce({value} > {high}, FALSE)" if high else "FALSE"
        return below, above

    def sql(self, source: str, schema: Schema) -> str:
        column = schema.require(self.settings.column, "column")
        value = quote(column.name)
        below, above = self._outside()
        low, high = self._bounds()
        flag = f"CASE WHEN {value} IS NULL THEN NULL ELSE ({below} OR {above}) END"
        if self.settings.action == "clip":
            branches = (f"WHEN {below} THEN {low} " if low else "") + (f"WHEN {above} THEN {high} " if high else "")
            value = f"CAST(CASE {branches}ELSE {value} END AS {column.type})"
        elif self.settings.action == "null":
            value = f"CASE WHEN {below} OR {above} THEN NULL ELSE {value} END"
        pairs: list[tuple[str, str]] = []
        for name, expression in schema.passthrough({column.name: value}):
            pairs.append((name, expression))
            if name == column.name:
                pairs.append((self.flag, flag))
        return f"SELECT {select_list(pairs)} FROM {source}"

    def changed_columns(self, schema: Schema) -> tuple[str, ...]:
        return (self.settings.column,)

    def made_column(self, name: str) -> MadeColumn:
        s = self.settings
        low = s.min_column or (f"{s.min:g}" if s.min is not None else "-∞")
        high = s.max_column or (f"{s.max:g}" if s.max is not None else "+∞")
        shown = f"{low} ~ {high}"
        return MadeColumn(
            "feature",
            f"'{self.settings.column}' 값이 한계({shown}) 밖이면 참입니다. 값이 없으면 비어 있습니다.",
            f"True where '{self.settings.column}' lies outside its limits ({shown}); empty where the value is missing.",
        )

    def counts(self, schema: Schema) -> dict[str, str]:
        return {"values_out_of_limits": f"count(*) FILTER (WHERE {quote(self.flag)})"}
