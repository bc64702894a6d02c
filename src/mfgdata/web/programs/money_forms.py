"""Parsing the agreement and claim forms: amounts in whole won (commas and 원 allowed) and dates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from mfgdata.web.core.errors import SiteError


def won(value: str, *, label_ko: str, label_en: str) -> int:
    """`"50,000,000"` or `"50000000원"` → 50000000; anything else is refused naming the field."""
    text = re.sub(r"[\s,원]", "", value or "")
    if not text.isdigit():
        raise SiteError(
            "amount-invalid",
            f"{label_ko}은(는) 0 이상의 원 단위 정수로 쓰세요(입력: '{value}').",
            f"{label_en} must be a whole number of won, 0 or more (given: '{value}').",
        )
    return int(text)


def day(value: str, *, label_ko: str, label_en: str, required: bool = True) -> date | None:
    """An ISO date (`2026-04-01`); an empty optional field is None."""
    if not (value or "").strip():
        if not required:
            return None
        raise SiteError("date-missing", f"{label_ko}을(를) 입력하세요.", f"Enter the {label_en}.")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise SiteError(
            "date-invalid",
            f"{label_ko}은(는) 2026-04-01 형식의 날짜로 쓰세요(입력: '{value}').",
            f"The {label_en} must be a date like 2026-04-01 (given: '{value}').",
        ) from None


def budget_amounts(data: Mapping[str, str]) -> dict[str, int]:
    """정부지원금, 현금, 현물 from a budget form (현물 may be left empty: 0)."""
    return {
        "government_krw": won(data.get("government_krw", ""), label_ko="정부지원금", label_en="The government amount"),
        "cash_krw": won(data.get("cash_krw", ""), label_ko="기업부담금 현금", label_en="The cash contribution"),
        "in_kind_krw": won(
            data.get("in_kind_krw", "") or "0", label_ko="기업부담금 현물", label_en="The in-kind amount"
        ),
    }
