"""Reads for 사후관리: projects, their obligations across a programme, the listing obligation a delisting
must respect, and the consortium share check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Q, QuerySet, When

from mfgdata.rules.dates import add_months
from mfgdata.rules.obligations import obligation_due
from mfgdata.web.accounts.models import Organisation
from mfgdata.web.listings.models import Listing, RegisteredAs
from mfgdata.web.oversight.models import ConsortiumShare, FlagStatus, IntegrityFlag
from mfgdata.web.oversight.obligations import ObligationRow, project_obligations, seoul_day
from mfgdata.web.programs.models import Application, Status
from mfgdata.web.programs.rule_inputs import programme_of


def projects(*, programme_id: str | None = None, organisation: Organisation | None = None) -> QuerySet[Application]:
    """Selected applications (projects), of a programme and/or where an organisation takes part."""
    found = Application.objects.filter(status=Status.SELECTED).select_related("call", "organisation", "processor")
    if programme_id is not None:
        found = found.filter(call__programme_id=programme_id)
    if organisation is not None:
        found = found.filter(Q(organisation=organisation) | Q(processor=organisation))
    return found.order_by("call__opened_at", "organisation__name", "id")


def obligations_of(
    *, programme_id: str | None = None, organisation: Organisation | None = None, today: date | None = None
) -> list[ObligationRow]:
    rows: list[ObligationRow] = []
    for application in projects(programme_id=programme_id, organisation=organisation):
        rows.extend(project_obligations(application, today))
    return rows


def obligations_due(*, programme_id: str, today: date | None = None) -> list[ObligationRow]:
    """Open obligations (due or overdue) of a programme, the earliest deadline first."""
    rows = [r for r in obligations_of(programme_id=programme_id, today=today) if r.state != "done"]
    return sorted(rows, key=lambda r: (r.due_on or date.max, r.application.organisation.name))


def listing_kept_until(listing: Listing) -> date | None:
    """The last day a programme-funded listing must stay listed (listed on X: X + 1 year − 1 day), or None.

    Linked to a project, the project's definition gives the duration; a programme-funded listing not (yet)
    linked keeps the notice's one year.
    """
    if listing.listed_at is None:
        return None
    listed_on = seoul_day(listing.listed_at)
    days = [
        obligation_due(programme_of(link.application.call.programme_id), "listing_kept", listed_on)
        for link in listing.project_links.select_related("application__call")
    ]
    known = [d for d in days if d is not None]
    if known:
        return max(known)
    return add_months(listed_on, 12) - timedelta(days=1) if listing.programme_funded else None


@dataclass(frozen=True)
class ShareCheck:
    """A consortium listing's revenue share against the share in its consortium agreement."""

    listing: Listing
    agreed_percent: int | None
    ok: bool
    reason_ko: str
    reason_en: str


def share_checks(application: Application) -> list[ShareCheck]:
    """Each linked listing of a consortium project: registered by its processor with the agreed share."""
    if application.processor_id is None:
        return []
    agreed = ConsortiumShare.objects.filter(application=application).first()
    percent = agreed.manufacturer_share_percent if agreed else None
    checks = []
    for link in application.project_listings.select_related("listing"):
        listing = link.listing
        problems_ko, problems_en = [], []
        if percent is None:
            problems_ko.append("컨소시엄 협약의 배분율이 기록되지 않았습니다")
            problems_en.append("the consortium agreement's share is not recorded")
        elif listing.manufacturer_share_percent != percent:
            problems_ko.append(f"상품 배분율 {listing.manufacturer_share_percent}% ≠ 협약 {percent}%")
            problems_en.append(f"listing share {listing.manufacturer_share_percent}% ≠ agreement {percent}%")
        if listing.registered_as != RegisteredAs.PROCESSOR or listing.registered_by_org_id != application.processor_id:
            problems_ko.append("가공기업이 대리 등록한 상품이 아닙니다")
            problems_en.append("not registered by the consortium's processor")
        ok = not problems_ko
        checks.append(
            ShareCheck(
                listing,
                percent,
                ok,
                "; ".join(problems_ko) or f"협약 배분율 {percent}%와 일치",
                "; ".join(problems_en) or f"matches the agreed {percent}%",
            )
        )
    return checks


def flags_of(*, programme_id: str, status: str | None = None) -> QuerySet[IntegrityFlag]:
    """A programme's flags, the open ones first, then the newest."""
    found = IntegrityFlag.objects.filter(programme_id=programme_id).prefetch_related("organisations", "measures")
    found = found.filter(status=status) if status else found
    return found.order_by(Case(When(status=FlagStatus.OPEN, then=0), default=1), "-detected_at", "-id")
