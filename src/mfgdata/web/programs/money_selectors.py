"""Reads about agreements and claims: a call's money (budget, agreed, claimed), an organisation's
agreements and claims, and the pages' lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from mfgdata.web.accounts.models import Organisation
from mfgdata.web.programs.models import Agreement, Application, Call, Claim, ClaimLine, ClaimStatus, Status
from mfgdata.web.programs.money_states import COUNTS_TOWARDS_BUDGET


@dataclass(frozen=True)
class CallMoney:
    """Budget used per call, in won: what agreements promise and what claims asked and were approved."""

    budget_krw: int
    agreed_krw: int
    left_krw: int
    agreements: int
    adjusted: int
    claimed_krw: int
    approved_krw: int
    claims_waiting: int
    selected_without_agreement: int


def _sum(queryset: QuerySet, field: str) -> int:  # type: ignore[type-arg]
    return queryset.aggregate(total=Sum(field))["total"] or 0


def call_money(*, call: Call) -> CallMoney:
    agreements = Agreement.objects.filter(call=call, status__in=COUNTS_TOWARDS_BUDGET)
    claims = Claim.objects.filter(agreement__call=call)
    agreed = _sum(agreements, "government_krw")
    return CallMoney(
        budget_krw=call.budget_krw,
        agreed_krw=agreed,
        left_krw=max(call.budget_krw - agreed, 0),
        agreements=agreements.count(),
        adjusted=agreements.filter(adjustments__isnull=False).distinct().count(),
        claimed_krw=_sum(claims.exclude(status=ClaimStatus.RETURNED), "subsidy_krw"),
        approved_krw=_sum(claims.filter(status=ClaimStatus.APPROVED), "subsidy_krw"),
        claims_waiting=claims.filter(status=ClaimStatus.SUBMITTED).count(),
        selected_without_agreement=call.applications.filter(status=Status.SELECTED, agreement__isnull=True).count(),
    )


def call_agreements(*, call: Call) -> QuerySet[Agreement]:
    return Agreement.objects.filter(call=call).select_related("organisation").order_by("organisation__name", "id")


def call_claims(*, call: Call) -> QuerySet[Claim]:
    return Claim.objects.filter(agreement__call=call).select_related("organisation", "agreement")


def call_claim_lines(*, call: Call) -> QuerySet[ClaimLine]:
    return (
        ClaimLine.objects.filter(claim__agreement__call=call)
        .select_related("claim__organisation", "order__listing", "document")
        .order_by("claim_id", "id")
    )


def selected_without_agreement(*, call: Call) -> QuerySet[Application]:
    return call.applications.filter(status=Status.SELECTED, agreement__isnull=True).select_related("organisation")


def organisation_agreements(*, organisation: Organisation) -> QuerySet[Agreement]:
    return Agreement.objects.filter(organisation=organisation).select_related("call")


def organisation_claims(*, organisation: Organisation) -> QuerySet[Claim]:
    return Claim.objects.filter(organisation=organisation).select_related("agreement__call")
