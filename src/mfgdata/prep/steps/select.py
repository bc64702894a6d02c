"""`select`: keep only the listed columns, in the listed order."""

from __future__ import annotations

from dataclasses import dataclass

from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import Schema, select_list
from mfgdata.prep.steps.base import Step


@dataclass(frozen=True)
class SelectSettings:
    """columns: the columns to keep, in the order they should appear."""

    columns: tuple[str, ...]


def distinct_columns(columns: tuple[str, ...], setting: str = "columns") -> None:
    """Refuse an empty list or one naming a column twice."""
    if not columns:
        raise StepError("no-columns", "열을 하나 이상 적으세요.", "List at least one column.", setting)
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            raise StepError(
                "repeated-column", f"'{name}' 열이 두 번 적혀 있습니다.", f"'{name}' is listed twice.", setting
            )
        seen.add(name)


class Select(Step[SelectSettings]):
    """Keep the listed columns."""

    type = "select"
    settings_type = SelectSettings

    def is_row_wise(self) -> bool:
        return True

    def plan(self, schema: Schema) -> Schema:
        distinct_columns(self.settings.columns)
        return schema.with_fields(schema.require(name, "columns") for name in self.settings.columns)

    def sql(self, source: str, schema: Schema) -> str:
        kept = self.plan(schema)
        return f"SELECT {select_list(kept.passthrough())} FROM {source}"
