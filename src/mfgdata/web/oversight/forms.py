"""Reading posted values: dates, whole won, person-months — a bad value is refused with what to write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.http import QueryDict

from mfgdata.web.core.errors import SiteError


def posted_date(post: QueryDict, name: str, label_ko: str, label_en: str) -> date:
    raw = post.get(name, "").strip()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise SiteError(
            "date-invalid", f"{label_ko}은(는) YYYY-MM-DD 형식으로 적으세요.", f"Write the {label_en} as YYYY-MM-DD."
        ) from None


def posted_month(post: QueryDict, name: str) -> date:
    raw = post.get(name, "").strip()
    try:
        return date.fromisoformat(f"{raw}-01" if len(raw) == 7 else raw).replace(day=1)
    except ValueError:
        raise SiteError("month-invalid", "월은 YYYY-MM 형식으로 적으세요.", "Write the month as YYYY-MM.") from None


def posted_won(post: QueryDict, name: str) -> int:
    raw = post.get(name, "").replace(",", "").strip()
    if not raw.isdigit():
        raise SiteError("amount-invalid", "금액은 원 단위 정수로 적으세요.", "Write the amount in whole won.")
    return int(raw)


def posted_int(post: QueryDict, name: str, label_ko: str, label_en: str) -> int:
    raw = post.get(name, "").strip()
    if not raw.isdigit():
        raise SiteError(
            "number-invalid", f"{label_ko}은(는) 정수로 적으세요.", f"Write the {label_en} as a whole number."
        )
    return int(raw)


def posted_person_months(post: QueryDict, name: str) -> Decimal:
    try:
        return Decimal(post.get(name, "").strip())
    except InvalidOperation:
        raise SiteError(
            "person-months-invalid",
            "참여율은 0.5처럼 숫자로 적으세요.",
            "Write the person-months as a number, e.g. 0.5.",
        ) from None
