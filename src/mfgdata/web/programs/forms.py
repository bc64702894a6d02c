"""Reading the application form: field names follow the definition (fact_<id>, section_<id>, bonus)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.http import QueryDict

from mfgdata.rules import Programme
from mfgdata.web.accounts.models import Organisation
from mfgdata.web.core.errors import SiteError
from mfgdata.web.listings.models import Listing


def _fact_value(kind: str, raw: str) -> Any:
    if kind == "bool":
        return {"yes": True, "no": False}.get(raw)
    return raw or None


def application_fields(programme: Programme, post: QueryDict) -> dict[str, Any]:
    """The keyword arguments of `application_update` from a posted form (blank answers are left undeclared)."""
    facts = {}
    for fact in programme.facts:
        value = _fact_value(fact.type, post.get(f"fact_{fact.id}", ""))
        if value is not None:
            facts[fact.id] = value
    processor_id = post.get("processor", "")
    processor = Organisation.objects.filter(pk=processor_id).first() if processor_id.isdigit() else None
    try:
        requested = int(post.get("requested_krw", "0").replace(",", "") or 0)
    except ValueError:
        raise SiteError("amount-invalid", "신청 금액은 원 단위 정수입니다.", "The amount is whole won.") from None
    fields: dict[str, Any] = {}
    if "product" in post or post.get("products_shown"):
        ids = [i for i in post.getlist("product") if i.isdigit()]
        fields["products"] = list(Listing.objects.filter(pk__in=ids))
    return fields | {
        "participation": post.get("participation", "solo"),
        "processor": processor,
        "requested_krw": requested,
        "facts": facts,
        "claimed_bonuses": post.getlist("bonus"),
        "plan_sections": {s.id: post.get(f"section_{s.id}", "") for s in programme.evaluation.sections},
    }


def issue_date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        raise SiteError(
            "date-invalid", "발행일 형식은 YYYY-MM-DD입니다.", "Write the issue date as YYYY-MM-DD."
        ) from None


def sheet_scores(programme: Programme, post: QueryDict) -> tuple[dict[str, int], dict[str, str]]:
    """Scores and comments per criterion; a blank or non-number score is refused by the rules as missing."""
    scores, comments = {}, {}
    for criterion in programme.criterion_points():
        raw = post.get(f"score_{criterion}", "").strip()
        if raw.lstrip("-").isdigit():
            scores[criterion] = int(raw)
        comments[criterion] = post.get(f"comment_{criterion}", "")
    return scores, comments


def supplement_deadline(post: QueryDict) -> datetime:
    """The supplement deadline from the form: a day and a time (17:00 when blank), in Asia/Seoul."""
    try:
        day = date.fromisoformat(post.get("due_date", ""))
        at = time.fromisoformat(post.get("due_time", "") or "17:00")
    except ValueError:
        raise SiteError(
            "deadline-invalid",
            "보완 기한은 날짜(YYYY-MM-DD)와 시각(HH:MM)으로 적으세요.",
            "Give the supplement deadline as a date (YYYY-MM-DD) and a time (HH:MM).",
        ) from None
    return datetime.combine(day, at, tzinfo=ZoneInfo("Asia/Seoul"))
