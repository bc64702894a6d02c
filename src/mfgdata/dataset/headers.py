"""Column names from factory headers: stray spaces trimmed, units split off, duplicates made unique.

`온도(℃)` → `온도` + `degC`; `Torque [Nm]` → `Torque` + `N*m`; `[rpm]` → `rpm`. A bracket whose content
is not a unit (`Type (A)`) stays part of the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pint

_UNIT_IN_HEADER = re.compile(r"^(?P<name>.*?)\s*[\(\[]\s*(?P<unit>[^\(\)\[\]]+?)\s*[\)\]]\s*$")
# Spellings common in Korean and European factory exports that pint does not read directly.
# Case matters only for `Nm` (newton metre), which must not become `nm` (nanometre).
_UNIT_EXACT = {"Nm": "N*m", "N.m": "N*m", "N·m": "N*m", "kNm": "kN*m"}
_UNIT_ALIASES = {
    "℃": "degC",
    "°c": "degC",
    "도": "degC",
    "℉": "degF",
    "°f": "degF",
    "%": "percent",
    "％": "percent",
    "%rh": "percent",
    "rpm": "rpm",
    "min": "minute",
    "초": "second",
    "분": "minute",
    "sec": "second",
    "kgf/cm2": "kgf/cm**2",
    "kgf/㎠": "kgf/cm**2",
    "㎜": "mm",
    "㎏": "kg",
    "㎾": "kW",
    "bar": "bar",
    "mpa": "MPa",
    "kpa": "kPa",
    "ton": "metric_ton",
}


@dataclass(frozen=True)
class HeaderName:
    """A header as written, and what we make of it."""

    original: str
    name: str
    unit: str | None
    unit_label: str | None


@cache
def unit_registry() -> pint.UnitRegistry:
    """The one pint registry of the process (importing pint and building it take a tenth of a second each,
    so both wait until a header's unit is read)."""
    import pint

    return pint.UnitRegistry()


def normalise_unit(label: str) -> str | None:
    """A pint-parsable unit for a header's unit text, or None when it is not a unit."""
    text = label.strip()
    candidate = _UNIT_EXACT.get(text) or _UNIT_ALIASES.get(text.lower(), text)
    if not candidate or candidate.isdigit():
        return None
    try:
        parsed = unit_registry().parse_units(candidate)
    except Exception:  # pint raises many types for text that is not a unit
        return None
    if parsed.dimensionless and candidate not in {"percent", "ppm"}:
        return None
    return candidate


def parse_header(original: str) -> HeaderName:
    """Split a unit off a header and trim it; keep the original for the record."""
    trimmed = " ".join(original.split())
    match = _UNIT_IN_HEADER.match(trimmed)
    if match:
        unit = normalise_unit(match["unit"])
        if unit is not None:
            name = match["name"].strip() or unit
            return HeaderName(original, name, unit, match["unit"])
    return HeaderName(original, trimmed, None, None)


def clean_headers(originals: list[str]) -> list[HeaderName]:
    """Parse every header; empty names become `column_<n>` and repeats get `_2`, `_3`."""
    parsed: list[HeaderName] = []
    seen: dict[str, int] = {}
    for position, original in enumerate(originals, start=1):
        header = parse_header(original)
        name = header.name or f"column_{position}"
        count = seen.get(name.lower(), 0) + 1
        seen[name.lower()] = count
        if count > 1:
            name = f"{name}_{count}"
        parsed.append(HeaderName(header.original, name, header.unit, header.unit_label))
    return parsed


def generated_names(count: int) -> list[HeaderName]:
    """Names for a headerless file: `column_1` … `column_<count>`."""
    return [HeaderName("", f"column_{index}", None, None) for index in range(1, count + 1)]
