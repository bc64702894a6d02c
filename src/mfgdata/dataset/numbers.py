"""Numbers written as text: thousands separators as Korean Excel exports formatted cells (`"1,234"`).

DuckDB reads such a column as text; we recognise it from the values and read it as numbers, counting
values that are not numbers as unparsed (kept as missing, shown in the profile), never dropping them.
"""

from __future__ import annotations

import re

GROUPED_NUMBERS = "1,234.5 (thousands separators)"
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")
_MIN_MATCH_RATIO = 0.9


def has_grouped_numbers(values: list[str]) -> bool:
    """Nearly every value is a number and some use thousands separators."""
    stripped = [value.strip() for value in values if value.strip()]
    if not stripped:
        return False
    grouped = sum(1 for value in stripped if _GROUPED.match(value))
    numbers = grouped + sum(1 for value in stripped if _PLAIN.match(value))
    return grouped > 0 and numbers >= _MIN_MATCH_RATIO * len(stripped)


def grouped_number_sql(column: str) -> str:
    """SQL reading a text column with thousands separators as DOUBLE (NULL where it is not a number)."""
    return f"TRY_CAST(replace(trim({column}), ',', '') AS DOUBLE)"
