"""`drop-sensitive`: remove the columns the data contract marks sensitive (names, phone numbers …).

The same operation as `drop`; a separate type so the lineage shows that personal or secret data was
removed on purpose, and so `init` can write it from the contract.
"""

from __future__ import annotations

from dataclasses import dataclass

from mfgdata.prep.schema import Schema, select_list
from mfgdata.prep.steps.base import Step
from mfgdata.prep.steps.drop import without


@dataclass(frozen=True)
class DropSensitiveSettings:
    """columns: the sensitive columns to remove."""

    columns: tuple[str, ...]


class DropSensitive(Step[DropSensitiveSettings]):
    """Remove sensitive columns."""

    type = "drop-sensitive"
    settings_type = DropSensitiveSettings

    def is_row_wise(self) -> bool:
        return True

    def plan(self, schema: Schema) -> Schema:
        return without(schema, self.settings.columns)

    def sql(self, source: str, schema: Schema) -> str:
        return f"SELECT {select_list(self.plan(schema).passthrough())} FROM {source}"
