"""`filter`: keep the rows where a SQL condition is true (`where: "pH > 0"`).

Rows where the condition is false or unknown (a missing value) are removed and counted; the row-loss
guard stops the build when more than `allow_row_loss` of the rows would go.
"""

from __future__ import annotations

from dataclasses import dataclass

from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import Schema, select_list
from mfgdata.prep.steps.base import Step


@dataclass(frozen=True)
class FilterSettings:
    """where: a SQL boolean expression over the columns (names with spaces in double quotes)."""

    where: str


class Filter(Step[FilterSettings]):
    """Keep rows matching a condition."""

    type = "filter"
    settings_type = FilterSettings
    sql_setting = "where"

    def is_row_wise(self) -> bool:
        return True

    def plan(self, schema: Schema) -> Schema:
        if not self.settings.where.strip():
            raise StepError(
                "empty-condition", "'where' 조건이 비어 있습니다.", "The 'where' condition is empty.", "where"
            )
        return schema

    def sql(self, source: str, schema: Schema) -> str:
        return f"SELECT {select_list(schema.passthrough())} FROM {source} WHERE ({self.settings.where})"
