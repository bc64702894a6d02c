"""Reads for calls, applications, assignments and what the applicant sees of a result."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from mfgdata.web.accounts.models import User
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.listings.models import Listing
from mfgdata.web.listings.models import Status as ListingStatus
from mfgdata.web.programs.models import (
    Application,
    Assignment,
    Call,
    ProcessorPoolEntry,
    Status,
    SupplementOutcome,
    SupplementRequest,
)
from mfgdata.web.programs.rule_inputs import programme_of


def calls() -> QuerySet[Call]:
    return Call.objects.prefetch_related("rounds")


def listed_products() -> QuerySet[Listing]:
    """등록상품 현황: the marketplace's listed products, published with a purchase call."""
    return Listing.objects.filter(status=ListingStatus.LISTED).select_related("seller").order_by("title_ko")


def published_processors() -> QuerySet[ProcessorPoolEntry]:
    return ProcessorPoolEntry.objects.filter(published=True).select_related("organisation")


def applications_of(*, user: User) -> QuerySet[Application]:
    """The applications of the user's organisation, newest first (superseded versions included)."""
    organisation = organisation_of(user=user)
    return Application.objects.filter(organisation=organisation).select_related("call")


def call_queue(*, call: Call) -> QuerySet[Application]:
    """The operator's queue: every submitted (non-draft) application of the call."""
    return (
        call.applications.exclude(status__in=[Status.DRAFT, Status.SUPERSEDED])
        .select_related("organisation", "processor")
        .order_by("submitted_at", "pk")
    )


def stage_counts(*, call: Call) -> list[tuple[str, str, int]]:
    """How many applications are at each stage, in the state machine's order (the operator's dashboard)."""
    rows = call.applications.values("status").annotate(n=Count("id"))
    found = {row["status"]: row["n"] for row in rows}
    return [(status.value, str(status.label), found.get(status.value, 0)) for status in Status]


def open_supplements(*, call: Call) -> QuerySet[SupplementRequest]:
    """The call's supplement requests awaiting an answer, the nearest deadline first (the dashboard)."""
    return (
        SupplementRequest.objects.filter(application__call=call, outcome=SupplementOutcome.OPEN)
        .select_related("application__organisation")
        .order_by("due_at")
    )


def assignments_of(*, user: User) -> QuerySet[Assignment]:
    """An evaluator sees only their own assignments."""
    return Assignment.objects.filter(evaluator=user).select_related("application__call", "application__organisation")


def applicant_result(*, application: Application) -> dict[str, Any]:
    """What the applicant sees once selection ran: status, rank, final and per-section means — no evaluators."""
    if not application.result:
        return {}
    return {
        "status": application.result["status"],
        "rank": application.result.get("rank"),
        "final_score": application.result.get("final_score"),
        "base": application.panel.get("base"),
        "bonus": application.bonus_points,
        "sections": application.panel.get("sections", {}),
        "reasons_ko": application.result.get("reasons_ko", []),
        "reasons_en": application.result.get("reasons_en", []),
    }


def operator_checklist(*, application: Application) -> list[dict[str, str]]:
    """운영기관 체크리스트: what a person confirms beyond the automatic review — each uploaded document is the one
    its number names, with the issue date declared; the declared facts agree with the documents; the plan is
    written per section; a consortium agreement names the applicant and its processor."""
    programme = programme_of(application.call.programme_id)
    names = {d.number: d.name for d in programme.documents}
    uploaded = sorted({d.number for d in application.documents.all()} & set(names))
    items = [
        {
            "id": f"document:{n}",
            "ko": f"{n}. {names[n].ko}: 제출 파일이 해당 서류이고 발행일이 신청서와 같음",
            "en": f"{n}. {names[n].en}: the file is this document, issued on the date given",
        }
        for n in uploaded
    ]
    items.append(
        {"id": "facts", "ko": "신고 사항이 제출서류와 일치함", "en": "the declared facts agree with the documents"}
    )
    items.append(
        {"id": "plan", "ko": "사업계획서가 평가 항목별로 작성됨", "en": "the business plan is written per section"}
    )
    if application.processor_id is not None:
        items.append(
            {
                "id": "consortium",
                "ko": "컨소시엄 협약서의 당사자가 신청기관과 가공기업임",
                "en": "the consortium agreement is between the applicant and its processor",
            }
        )
    return items
