"""`normalize-text`: tidy text columns — Unicode NFKC (full-width `ＡＢ１` → `AB1`, `㎏` → `kg`), trimmed
spaces, optional lower/upper case — so the same code written two ways becomes one value.

NFKC runs as a vectorised Python function registered on the DuckDB connection (`mfgdata_nfkc`, via
pyarrow) because DuckDB has no NFKC; another engine registers its own function under that name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from mfgdata.prep.engine import one_row
from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import Schema, quote, select_list
from mfgdata.prep.steps.base import Step, StepContext

NFKC_FUNCTION = "mfgdata_nfkc"


@dataclass(frozen=True)
class NormalizeTextSettings:
    """columns: text columns; trim: remove leading/trailing spaces; case: none, lower or upper;
    nfkc: Unicode compatibility normalisation (full-width letters and digits, unit symbols)."""

    columns: tuple[str, ...]
    trim: bool = True
    case: Literal["none", "lower", "upper"] = "none"
    nfkc: bool = True


def _nfkc(values: pa.Array) -> pa.Array:
    return pc.utf8_normalize(values, form="NFKC")


def register_nfkc(con: duckdb.DuckDBPyConnection) -> None:
    """Make `mfgdata_nfkc(text)` available on the connection (once)."""
    registered = one_row(con, "SELECT count(*) FROM duckdb_functions() WHERE function_name = ?", [NFKC_FUNCTION])
    if registered and registered[0] == 0:
        con.create_function(NFKC_FUNCTION, _nfkc, ["VARCHAR"], "VARCHAR", type="arrow")


class NormalizeText(Step[NormalizeTextSettings]):
    """Normalise text columns."""

    type = "normalize-text"
    settings_type = NormalizeTextSettings

    def is_row_wise(self) -> bool:
        return True

    def prepare(self, context: StepContext) -> None:
        if self.settings.nfkc:
            register_nfkc(context.con)

    def plan(self, schema: Schema) -> Schema:
        if not self.settings.columns:
            raise StepError("no-columns", "열을 하나 이상 적으세요.", "List at least one column.", "columns")
        for name in self.settings.columns:
            schema.require(name, "columns", {"string"})
        return schema

    def _expression(self, name: str) -> str:
        expression = quote(name)
        if self.settings.nfkc:
            expression = f"{NFKC_FUNCTION}({expression})"
        if self.settings.trim:
            expression = f"trim({expression})"
        if self.settings.case != "none":
            expression = f"{self.settings.case}({expression})"
        return expression

    def sql(self, source: str, schema: Schema) -> str:
        overrides = {name: self._expression(name) for name in self.settings.columns}
        return f"SELECT {select_list(schema.passthrough(overrides))} FROM {source}"

    def changed_columns(self, schema: Schema) -> tuple[str, ...]:
        return self.settings.columns
