"""Reads for calls, applications, assignments and what the applicant sees of a result."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from mfgdata.web.accounts.models import User
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.listings.models import Listing
from mfgdata.web.listings.models import Status as ListingStatus
from mfgdata.web.programs.models import Application, Assignment, Call, ProcessorPoolEntry, Status


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
