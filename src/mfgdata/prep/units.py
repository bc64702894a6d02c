"""Unit conversion as `value * factor + offset`, computed with pint (so °C ↔ K ↔ °F offsets are right).

Units are read as pint spells them (`degC`, `K`, `kgf/cm**2`, `MPa`) or as factory headers write them
(`℃`, `㎜`, `kgf/㎠` — the aliases of :func:`mfgdata.dataset.headers.normalise_unit`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pint

from mfgdata.dataset.headers import normalise_unit, unit_registry

_SIGNIFICANT = 12  # drops float noise (274.15 - 273.15) while keeping exact factors like 0.45359237
# What a unit measures, named for people: a reference unit for each quantity seen on factory floors.
_QUANTITIES = {
    "K": ("온도", "temperature"),
    "Pa": ("압력", "pressure"),
    "m": ("길이", "length"),
    "kg": ("질량", "mass"),
    "s": ("시간", "time"),
    "m/s": ("속도", "speed"),
    "N": ("힘", "force"),
    "N*m": ("토크·에너지", "torque or energy"),
    "W": ("전력", "power"),
    "A": ("전류", "current"),
    "V": ("전압", "voltage"),
    "Hz": ("주파수", "frequency"),
    "m**3": ("부피", "volume"),
    "m**3/s": ("유량", "flow rate"),
    "kg/m**3": ("밀도", "density"),
}


@dataclass(frozen=True)
class Linear:
    """`to = from * factor + offset`."""

    factor: float
    offset: float


class UnknownUnit(ValueError):
    """The text is not a unit pint knows."""


class IncompatibleUnits(ValueError):
    """The two units measure different things (temperature vs pressure); what each measures, in ko and en."""

    def __init__(self, source: str, target: str) -> None:
        super().__init__(f"{source} and {target} measure different quantities")
        self.source_quantity = quantity(source)
        self.target_quantity = quantity(target)


def parse_unit(text: str) -> pint.Unit:
    """The pint unit for `text`, or UnknownUnit."""
    spelled = normalise_unit(text) or text.strip()
    try:
        return unit_registry().parse_units(spelled)
    except Exception as error:  # pint raises several types for text that is not a unit
        raise UnknownUnit(text) from error


def quantity(text: str) -> tuple[str, str]:
    """What a unit measures, e.g. ("온도", "temperature") for degC; its pint dimensionality when unnamed."""
    dimensionality = parse_unit(text).dimensionality
    for reference, names in _QUANTITIES.items():
        if parse_unit(reference).dimensionality == dimensionality:
            return names
    return str(dimensionality), str(dimensionality)


def _round(value: float) -> float:
    return float(f"{value:.{_SIGNIFICANT}g}") + 0.0


def linear(source: str, target: str) -> Linear:
    """The factor and offset turning values in `source` into `target`."""
    from_unit, to_unit = parse_unit(source), parse_unit(target)
    if from_unit.dimensionality != to_unit.dimensionality:
        raise IncompatibleUnits(source, target)
    quantity = unit_registry().Quantity
    at_zero = float(quantity(0.0, from_unit).to(to_unit).magnitude)
    at_one = float(quantity(1.0, from_unit).to(to_unit).magnitude)
    return Linear(factor=_round(at_one - at_zero), offset=_round(at_zero))
