"""`rename`: give columns new names (`{old: new}`), keeping their place, type and unit."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import Schema, quote, refuse_taken, select_list
from mfgdata.prep.steps.base import Step


@dataclass(frozen=True)
class RenameSettings:
    """columns: old name → new name."""

    columns: dict[str, str]


class Rename(Step[RenameSettings]):
    """Rename columns."""

    type = "rename"
    settings_type = RenameSettings

    def is_row_wise(self) -> bool:
        return True

    def plan(self, schema: Schema) -> Schema:
        mapping = self.settings.columns
        if not mapping:
            raise StepError("no-columns", "바꿀 열을 하나 이상 적으세요.", "List at least one column.", "columns")
        for old in mapping:
            schema.require(old, "columns")
        remaining = schema.with_fields(f for f in schema.fields if f.name not in mapping)
        for new in mapping.values():
            refuse_taken(remaining, new, "columns")
        if len({new.lower() for new in mapping.values()}) < len(mapping):
            raise StepError(
                "repeated-column",
                "새 이름이 겹칩니다(대소문자는 구분하지 않습니다).",
                "Two columns would get the same new name (case is ignored).",
                "columns",
            )
        return schema.with_fields(replace(f, name=mapping.get(f.name, f.name)) for f in schema.fields)

    def renamed_columns(self) -> dict[str, str]:
        return dict(self.settings.columns)

    def sql(self, source: str, schema: Schema) -> str:
        pairs = [(self.settings.columns.get(f.name, f.name), quote(f.name)) for f in schema.fields]
        return f"SELECT {select_list(pairs)} FROM {source}"
