"""Factory time formats, parsed to timestamps in Asia/Seoul inside DuckDB.

One pattern covers what PLC loggers, MES clients and Korean Excel write: `오후 4:27:17.0` (Korean AM/PM,
often without a date — the date is then in the file name), `2020 10 30 00:00:04`, `2020/03/04 0:00`,
`2022-03-13 7:04`, `2021년 9월 6일 오전 8:00`, ISO 8601, and several of them mixed in one column.
Values that match nothing are kept as missing and counted by the caller — never dropped silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

TIMEZONE = "Asia/Seoul"

# RE2 (DuckDB) and Python `re` both accept this pattern.
_PATTERN = (
    r"^\s*(?:(\d{4})\s*[-./년 ]\s*(\d{1,2})\s*[-./월 ]\s*(\d{1,2})\s*일?)?\s*T?\s*"
    r"(오전|오후|AM|PM|am|pm)?\s*(?:(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(AM|PM|am|pm)?\s*$"
)
_GROUPS = ["y", "mo", "d", "ap", "h", "mi", "s", "frac", "ap2"]
_REGEX = re.compile(_PATTERN)
_DATE_IN_NAME = r"(\d{4})[-._]?(\d{2})[-._]?(\d{2})"
_DATE_IN_NAME_RE = re.compile(_DATE_IN_NAME)
_MIN_MATCH_RATIO = 0.9


@dataclass(frozen=True)
class TimeFormat:
    """What a text column holds: dates, times of day, or both, and the layouts seen."""

    has_date: bool
    has_time: bool
    layouts: tuple[str, ...]

    def describe(self, date_from_name: bool) -> str:
        """Human-readable layouts, e.g. `오전/오후 h:mm:ss.f + date from file name`."""
        text = ", ".join(self.layouts)
        return f"{text} + date from file name" if date_from_name else text


def _layout(match: re.Match[str]) -> str:
    y, mo, _d, ap, h, _mi, s, frac, ap2 = match.groups()
    parts: list[str] = []
    if y:
        between = match.string[match.end(1) : match.start(2)].strip() or " "
        month = "M" if len(mo) == 1 else "MM"
        parts.append(f"YYYY년 {month}월 D일" if between == "년" else f"YYYY{between}{month}{between}DD")
    if h:
        hours = ("h" if ap or ap2 else "H") * len(h)
        clock = f"{hours}:mm" + (":ss" if s else "") + (".f" if frac else "")
        parts.append(f"오전/오후 {clock}" if ap in {"오전", "오후"} else clock + (" AM/PM" if ap or ap2 else ""))
    return " ".join(parts)


def detect_time_format(values: list[str]) -> TimeFormat | None:
    """A TimeFormat when (nearly) every sampled value is a date or a time, else None."""
    if not values:
        return None
    matches = [m for m in (_REGEX.match(value) for value in values) if m and (m.group(1) or m.group(5))]
    if len(matches) < _MIN_MATCH_RATIO * len(values):
        return None
    has_date = any(m.group(1) for m in matches)
    has_time = any(m.group(5) for m in matches)
    if has_date and not all(m.group(1) for m in matches):
        return None  # dates and bare times mixed: not one column of timestamps
    layouts = tuple(layout for layout, _ in Counter(_layout(m) for m in matches).most_common(5))
    return TimeFormat(has_date, has_time, layouts)


def date_in_name(file_name: str) -> str | None:
    """`2021-09-06` from names like `kemp-abh-sensor-2021.09.06.csv`, if there is a valid date."""
    match = _DATE_IN_NAME_RE.search(file_name)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not (1900 <= year <= 2200 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def file_date_sql(file_column: str) -> str:
    """SQL for the date carried in a file-name column (NULL when there is none)."""
    pattern = _DATE_IN_NAME.replace("'", "''")
    parts = [f"TRY_CAST(regexp_extract({file_column}, '{pattern}', {i}) AS INTEGER)" for i in (1, 2, 3)]
    return f"try(make_date({', '.join(parts)}))"


def timestamp_sql(column: str, fmt: TimeFormat, date_sql: str | None) -> str:
    """SQL turning a text column into TIMESTAMPTZ (Asia/Seoul), or TIME when there is no date at all."""
    p = f"regexp_extract({column}, '{_PATTERN}', {_GROUPS!r})"
    hour = f"TRY_CAST(NULLIF({p}.h, '') AS INTEGER)"
    marker = f"upper(coalesce(NULLIF({p}.ap, ''), NULLIF({p}.ap2, ''), ''))"
    hour24 = (
        f"(CASE WHEN {marker} IN ('오후', 'PM') AND {hour} < 12 THEN {hour} + 12 "
        f"WHEN {marker} IN ('오전', 'AM') AND {hour} = 12 THEN 0 ELSE coalesce({hour}, 0) END)"
    )
    minute = f"coalesce(TRY_CAST(NULLIF({p}.mi, '') AS INTEGER), 0)"
    second = f"coalesce(TRY_CAST(NULLIF({p}.s || {p}.frac, '') AS DOUBLE), 0)"
    clock = f"try(make_time({hour24}, {minute}, {second}))"
    if fmt.has_date:
        day = (
            f"try(make_date(TRY_CAST(NULLIF({p}.y, '') AS INTEGER), "
            f"TRY_CAST(NULLIF({p}.mo, '') AS INTEGER), TRY_CAST(NULLIF({p}.d, '') AS INTEGER)))"
        )
    elif date_sql is not None:
        day = date_sql
    else:
        return f"(CASE WHEN {p}.h <> '' THEN {clock} END)"
    valid = f"({p}.y <> '' OR {p}.h <> '')"
    return f"(CASE WHEN {valid} THEN timezone('{TIMEZONE}', ({day} + {clock})::TIMESTAMP) END)"


def localize_sql(column: str) -> str:
    """SQL reading a naive TIMESTAMP column as Asia/Seoul wall-clock time."""
    return f"timezone('{TIMEZONE}', {column})"
