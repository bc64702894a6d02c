"""Units of semantic ids compared with units of columns, through the same pint registry as the recipe steps."""

from __future__ import annotations

from mfgdata.prep.units import Linear, UnknownUnit, linear, parse_unit, quantity


class UnitProblem(ValueError):
    """A unit text pint does not know."""


def check_unit(text: str) -> None:
    """Raise UnitProblem when `text` is neither empty nor a unit pint knows."""
    if not text:
        return
    try:
        parse_unit(text)
    except UnknownUnit as error:
        raise UnitProblem(f"unknown unit '{text}'") from error


def same_dimension(first: str, second: str) -> bool:
    """True when both units measure the same quantity (K and degC: yes; K and Pa: no)."""
    return parse_unit(first).dimensionality == parse_unit(second).dimensionality


def needs_conversion(source: str, target: str) -> bool:
    """True when values in `source` change on the way to `target` (rpm → 1/min: no; K → degC: yes)."""
    step: Linear = linear(source, target)
    return step.factor != 1.0 or step.offset != 0.0


def quantity_names(text: str) -> tuple[str, str]:
    """What a unit measures, in Korean and English (온도/temperature)."""
    return quantity(text)
