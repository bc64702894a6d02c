"""`convert-unit`: convert a numeric column to another unit (`to`), from its known unit or `from`.

The factor and offset come from pint (°C → K adds 273.15; °C → °F is × 1.8 + 32). A unit pint does not
know, or one measuring something else, is refused before any work, naming both units.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from mfgdata.prep.errors import StepError
from mfgdata.prep.schema import NUMERIC, Schema, quote, select_list
from mfgdata.prep.steps.base import Step
from mfgdata.prep.units import IncompatibleUnits, Linear, UnknownUnit, linear


@dataclass(frozen=True)
class ConvertUnitSettings:
    """column: a numeric column; to: the target unit; from: its unit (default: the unit read from the header)."""

    column: str
    to: str
    from_unit: str | None = field(default=None, metadata={"key": "from"})


class ConvertUnit(Step[ConvertUnitSettings]):
    """Convert a column's values to another unit."""

    type = "convert-unit"
    settings_type = ConvertUnitSettings

    def is_row_wise(self) -> bool:
        return True

    def _source_unit(self, schema: Schema) -> str:
        column = schema.require(self.settings.column, "column", NUMERIC)
        unit = self.settings.from_unit or column.unit
        if unit is None:
            raise StepError(
                "unit-unknown-for-column",
                f"'{column.name}' 열의 단위를 모릅니다. 'from:'에 지금 단위를 적으세요(예: from: degC).",
                f"The unit of column '{column.name}' is not known. Write its current unit in 'from:' (e.g. degC).",
                "column",
            )
        return unit

    def conversion(self, schema: Schema) -> Linear:
        """Factor and offset for this column, refusing unknown or incompatible units."""
        source, target = self._source_unit(schema), self.settings.to
        try:
            return linear(source, target)
        except UnknownUnit as error:
            setting = "to" if str(error) == target else ("from" if self.settings.from_unit else "column")
            raise StepError(
                "unknown-unit",
                f"'{error}' 단위를 알 수 없습니다('{source}' → '{target}'). "
                "degC, K, degF, mm, MPa, kgf/cm**2처럼 적으세요.",
                f"Unknown unit '{error}' (converting '{source}' to '{target}'). "
                "Write units like degC, K, degF, mm, MPa, kgf/cm**2.",
                setting,
            ) from error
        except IncompatibleUnits as error:
            raise StepError(
                "incompatible-units",
                f"'{source}'({error.source_quantity[0]}) 단위는 '{target}'({error.target_quantity[0]}) 단위로 "
                "바꿀 수 없습니다. 같은 종류의 단위(온도끼리, 압력끼리)만 바꿀 수 있습니다.",
                f"'{source}' ({error.source_quantity[1]}) cannot be converted to '{target}' "
                f"({error.target_quantity[1]}); only units of the same quantity convert.",
                "to",
            ) from error

    def plan(self, schema: Schema) -> Schema:
        self.conversion(schema)
        column = schema.require(self.settings.column, "column")
        return schema.replaced(column.name, replace(column, type="DOUBLE", unit=self.settings.to))

    def sql(self, source: str, schema: Schema) -> str:
        conversion = self.conversion(schema)
        expression = f"CAST({quote(self.settings.column)} AS DOUBLE) * {conversion.factor!r}"
        if conversion.offset:
            expression = f"({expression} + {conversion.offset!r})"
        overrides = {self.settings.column: expression}
        return f"SELECT {select_list(schema.passthrough(overrides))} FROM {source}"

    def changed_columns(self, schema: Schema) -> tuple[str, ...]:
        return (self.settings.column,)
