"""`physical-range`: values a physical quantity can take, from the column's unit — no temperature below
absolute zero, no relative humidity above 100 % or below 0 %.

The unit comes from the contract (pint spelling); the kind of quantity from the unit's dimension
(temperature) or, for percentages, from the column being a humidity (name or description).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from mfgdata.dataset.headers import unit_registry
from mfgdata.prep.units import parse_unit
from mfgdata.quality.checks.base import NUMERIC, CheckContext, Finding, RowCheck, column_info
from mfgdata.quality.errors import quality_error
from mfgdata.quality.model import Measure

Quantity = Literal["auto", "absolute-temperature", "relative-humidity"]
_HUMIDITY_WORDS = ("humid", "습도", "rh")


@dataclass(frozen=True)
class PhysicalRangeSettings:
    """column: the column; quantity: `auto` (from the unit) or the quantity to assume; unit: overrides
    the contract's unit."""

    column: str
    quantity: Quantity = "auto"
    unit: str | None = None


def absolute_zero(unit: str) -> float:
    """Absolute zero expressed in `unit` (a temperature unit)."""
    return float(unit_registry().Quantity(0.0, "kelvin").to(parse_unit(unit)).magnitude)


def quantity_of(unit: str | None, name: str, description: str) -> Quantity | None:
    """Which plausibility rule applies to a column with this unit, or None."""
    if not unit:
        return None
    try:
        parsed = parse_unit(unit)
    except ValueError:
        return None
    if parsed.dimensionality == unit_registry().kelvin.dimensionality:
        return "absolute-temperature"
    words = f"{name} {description}".lower()
    if str(parsed) == "percent" and any(word in words for word in _HUMIDITY_WORDS):
        return "relative-humidity"
    return None


class PhysicalRange(RowCheck[PhysicalRangeSettings]):
    """Rows with physically impossible values fail."""

    type = "physical-range"
    settings_type = PhysicalRangeSettings
    characteristic = "credibility"
    findings = (
        Finding(
            "physically-impossible",
            "값이 있는 {checked}행 중 {failing}행이 물리적으로 불가능한 값입니다 ({rule}).",
            "{failing} of {checked} present values are physically impossible ({rule}).",
        ),
    )

    def _rule(self, context: CheckContext) -> tuple[Quantity, str]:
        info = column_info(context, self.settings.column)
        unit = self.settings.unit or info.unit
        found = quantity_of(unit, info.name, info.description) if self.settings.quantity == "auto" else None
        quantity = self.settings.quantity if self.settings.quantity != "auto" else found
        if quantity is None or (quantity == "absolute-temperature" and not unit):
            raise quality_error(
                "no-physical-rule",
                f"검사 '{self.spec.id}': 열 '{info.name}'의 단위({unit})로는 물리적 한계를 정할 수 없습니다. "
                "contract.yaml에 단위를 적거나 quantity를 지정하세요.",
                f"Check '{self.spec.id}': the unit of '{info.name}' ({unit}) gives no physical limit. "
                "Give the unit in contract.yaml or set 'quantity'.",
            )
        return quantity, unit or "percent"

    def validate(self, context: CheckContext) -> None:
        self.require_kind(context, self.settings.column, NUMERIC, ("숫자", "a numeric"))
        self._rule(context)

    def applies(self, context: CheckContext) -> str | None:
        return f"{context.dialect.quote(self.settings.column)} IS NOT NULL"

    def failing(self, context: CheckContext) -> str:
        d = context.dialect
        name = d.quote(self.settings.column)
        quantity, unit = self._rule(context)
        if quantity == "absolute-temperature":
            zero = absolute_zero(unit)
            self._rule_text = f"{self.settings.column} >= {zero:g} {unit}"
            return f"{name} < {d.literal(zero)}"
        self._rule_text = f"0 <= {self.settings.column} <= 100 %"
        return f"{name} < 0 OR {name} > 100"

    def measure(self, values: dict[str, Any], rows: dict[str, list[tuple[Any, ...]]]) -> Measure:
        measured = super().measure(values, rows)
        return Measure(measured.checked, measured.failing, {"rule": self.rule})

    @property
    def rule(self) -> str:
        """The rule applied, in words (set when compiled)."""
        return getattr(self, "_rule_text", "")
