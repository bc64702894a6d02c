"""사업자등록번호 (business registration number): ten digits whose last is a check digit.

The check: weights 1,3,7,1,3,7,1,3,5 on the first nine digits, plus the tens of (9th digit × 5); the check
digit makes the sum a multiple of ten. Django-free so the library and the site can share it.
"""

from __future__ import annotations

import re

_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
_SEPARATORS = re.compile(r"[\s\-]")


def normalise_business_number(text: str) -> str:
    """`"124-81-00998"` → `"1248100998"` (spaces and hyphens removed; nothing else changed)."""
    return _SEPARATORS.sub("", text or "")


def business_number_is_valid(text: str) -> bool:
    """True when `text` is ten digits (hyphens allowed) with a correct check digit."""
    digits = normalise_business_number(text)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    values = [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values[:9], _WEIGHTS, strict=True)) + (values[8] * 5) // 10
    return (10 - total % 10) % 10 == values[9]


def format_business_number(digits: str) -> str:
    """`"1248100998"` → `"124-81-00998"`, the way it is printed on certificates and invoices."""
    digits = normalise_business_number(digits)
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}" if len(digits) == 10 else digits


def with_check_digit(first_nine: str) -> str:
    """The ten-digit number whose first nine digits are `first_nine` (for demo data and tests)."""
    values = [int(d) for d in first_nine]
    total = sum(v * w for v, w in zip(values, _WEIGHTS, strict=True)) + (values[8] * 5) // 10
    return f"{first_nine}{(10 - total % 10) % 10}"
