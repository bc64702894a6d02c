"""`drop`: remove the listed columns."""

from __future__ import annotations

from dataclasses import dataclass

from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import Schema, select_list
from mfgdata.prep.steps.base import Step
from mfgdata.prep.steps.select import distinct_columns


@dataclass(frozen=True)
class DropSettings:
    """columns: the columns to remove."""

    columns: tuple[str, ...]


def without(schema: Schema, columns: tuple[str, ...]) -> Schema:
    """`schema` without `columns`, refusing missing ones and a result with no column left."""
    distinct_columns(columns)
    for name in columns:
        schema.require(name, "columns")
    kept = [f for f in schema.fields if f.name not in columns]
    if not kept:
        raise StepError(
            "no-columns-left",
            "모든 열을 지우면 남는 데이터가 없습니다. 지울 열을 줄이세요.",
            "Removing every column leaves no data. Remove fewer columns.",
            "columns",
        )
    return schema.with_fields(kept)


class Drop(Step[DropSettings]):
    """Remove the listed columns."""

    type = "drop"
    settings_type = DropSettings

    def is_row_wise(self) -> bool:
        return True

    def plan(self, schema: Schema) -> Schema:
        return without(schema, self.settings.columns)

    def sql(self, source: str, schema: Schema) -> str:
        return f"SELECT {select_list(self.plan(schema).passthrough())} FROM {source}"
