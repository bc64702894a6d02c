"""`cast`: change column types (`{name: integer|float|string|boolean|timestamp|date}`).

Uses TRY_CAST: a value that does not fit the new type becomes missing instead of stopping the build;
the lineage counts those values (`values_nulled`). Text becomes a timestamp in Asia/Seoul unless it
carries its own offset.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import Schema, quote, select_list
from mfgdata.prep.steps.base import Step

Target = Literal["integer", "float", "string", "boolean", "timestamp", "date"]
SQL_TYPES: dict[str, str] = {
    "integer": "BIGINT",
    "float": "DOUBLE",
    "string": "VARCHAR",
    "boolean": "BOOLEAN",
    "timestamp": "TIMESTAMPTZ",
    "date": "DATE",
}
_UNIT_KEEPING = {"integer", "float"}


@dataclass(frozen=True)
class CastSettings:
    """columns: column name → integer, float, string, boolean, timestamp or date."""

    columns: dict[str, Target]


class Cast(Step[CastSettings]):
    """Change column types; values that do not fit become missing and are counted."""

    type = "cast"
    settings_type = CastSettings

    def is_row_wise(self) -> bool:
        return True

    def plan(self, schema: Schema) -> Schema:
        if not self.settings.columns:
            raise StepError("no-columns", "바꿀 열을 하나 이상 적으세요.", "List at least one column.", "columns")
        for name, target in self.settings.columns.items():
            field = schema.require(name, "columns")
            unit = field.unit if target in _UNIT_KEEPING else None
            schema = schema.replaced(name, replace(field, type=SQL_TYPES[target], unit=unit))
        return schema

    def sql(self, source: str, schema: Schema) -> str:
        overrides = {
            name: f"TRY_CAST({quote(name)} AS {SQL_TYPES[target]})" for name, target in self.settings.columns.items()
        }
        return f"SELECT {select_list(schema.passthrough(overrides))} FROM {source}"

    def changed_columns(self, schema: Schema) -> tuple[str, ...]:
        return tuple(self.settings.columns)
