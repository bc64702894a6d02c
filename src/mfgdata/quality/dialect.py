"""The few spellings that differ between DuckDB SQL and Spark SQL, so every check is written once.

Checks build their SQL from these helpers and from portable SQL (CASE, SUM, COUNT, MIN, MAX, AVG, window
LAG, GROUP BY, LEFT JOIN, IS NOT DISTINCT FROM), so the same text runs on both engines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

EngineName = Literal["duckdb", "spark"]
ROW = "__row"  # 1-based data row number, added when a table is registered


@dataclass(frozen=True)
class Dialect:
    """SQL spelling for one engine."""

    engine: EngineName

    def quote(self, name: str) -> str:
        """An identifier, quoted so spaces, Hangul and keywords are safe."""
        if self.engine == "spark":
            return "`" + name.replace("`", "``") + "`"
        return '"' + name.replace('"', '""') + '"'

    def text(self, value: str) -> str:
        """A string literal."""
        if self.engine == "spark":
            return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
        return "'" + value.replace("'", "''") + "'"

    def literal(self, value: object) -> str:
        """A literal for a number, a boolean or a string."""
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            if not math.isfinite(value):
                raise ValueError("limits must be finite numbers")
            return f"CAST({value!r} AS DOUBLE)"
        return self.text(str(value))

    def as_text(self, expression: str) -> str:
        """A value as text."""
        return f"CAST({expression} AS {'STRING' if self.engine == 'spark' else 'VARCHAR'})"

    def matches(self, expression: str, pattern: str) -> str:
        """Whether the text matches `pattern` in full (RE2 in DuckDB, Java regex in Spark: keep to the common part)."""
        anchored = self.text(f"^(?:{pattern})$")
        if self.engine == "spark":
            return f"({expression} RLIKE {anchored})"
        return f"regexp_matches({expression}, {anchored})"

    def seconds(self, expression: str) -> str:
        """A timestamp as seconds since 1970 (fractional), for gaps between readings."""
        if self.engine == "spark":
            return f"(unix_micros(CAST({expression} AS TIMESTAMP)) / 1000000.0)"
        return f"epoch({expression})"

    def count_if(self, condition: str) -> str:
        """How many rows satisfy `condition` (a NULL condition does not count). DuckDB's own aggregate is
        cheaper than the portable sum of a CASE (10 % of the fused scan at 10M rows), which Spark keeps."""
        if self.engine == "spark":
            return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"
        return f"count_if({condition})"

    def sum_if(self, condition: str, value: str) -> str:
        """The sum of `value` over the rows satisfying `condition` (0 when none)."""
        return f"SUM(CASE WHEN {condition} THEN {value} ELSE 0 END)"
