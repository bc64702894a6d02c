"""Calendar arithmetic the notices need: whole calendar months (3개월 이내, 4개월, 창업 7년)."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months, the day clamped to the month's end.

    11-30 minus 3 months is 08-30; 05-31 minus 3 months is 02-28 (there is no 02-31).
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
