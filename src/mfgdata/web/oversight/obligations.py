"""A selected project's obligations with their deadlines and states (done / due / overdue), computed from
the programme definition (`mfgdata.rules.obligations`) and the records kept here — never stored.

The project period is the agreement's (before an agreement: from the selection day, Asia/Seoul, for the
definition's support period). AAS education, linked consulting, product registration and in-kind labour
evidence are due by its last day (labour evidence is done once it covers the agreement's in-kind amount);
each linked listing must then stay listed until its listing day + 1 year − 1 day. A purchase project's
paid orders are due for a subsidy claim by 31 December of their purchase year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from mfgdata.rules.claims import claim_deadline
from mfgdata.rules.obligations import ObligationState, listing_kept_state, obligation_state
from mfgdata.rules.programme import SEOUL, Programme
from mfgdata.rules.windows import support_period_end
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.listings.models import Listing
from mfgdata.web.oversight.models import ConsultingTopic, LabourEvidence
from mfgdata.web.programs.claim_services import claimable_orders
from mfgdata.web.programs.models import Application
from mfgdata.web.programs.money_models import Agreement
from mfgdata.web.programs.rule_inputs import programme_of

# Which consulting topics the notice links: 000 — quality check, profit-sharing guide, contract;
# 001 — trade contract and quality check.
REQUIRED_TOPICS = {
    "productization": (ConsultingTopic.TRADE_CONTRACT, ConsultingTopic.QUALITY_CHECK, ConsultingTopic.PROFIT_SHARING),
    "purchase": (ConsultingTopic.TRADE_CONTRACT, ConsultingTopic.QUALITY_CHECK),
}


@dataclass(frozen=True)
class ObligationRow:
    """One obligation of one project (per listing for the listing obligation), as pages and exports show it."""

    application: Application
    obligation_id: str
    name_ko: str
    name_en: str
    due_on: date | None
    done_on: date | None
    state: ObligationState
    detail_ko: str
    detail_en: str = ""


def seoul_day(moment: datetime) -> date:
    return moment.astimezone(SEOUL).date()


def project_period(application: Application, programme: Programme) -> tuple[date, date]:
    """The agreement's period once there is one; before it, from the selection day for the support period."""
    agreement = Agreement.objects.filter(application=application).first()
    if agreement is not None:
        return agreement.starts_on, agreement.ends_on
    selected = events_of(application).filter(action="select").order_by("-created_at").first()
    start = seoul_day(selected.created_at if selected else application.updated_at)
    return start, support_period_end(programme, start)


def delisted_on(listing: Listing) -> date | None:
    """The first day the listing left the marketplace (its first delist event), if it did."""
    event = events_of(listing).filter(action="delist").order_by("created_at").first()
    return seoul_day(event.created_at) if event else None


def project_obligations(application: Application, today: date | None = None) -> list[ObligationRow]:
    """Every post-selection obligation of the definition that the site tracks, in the definition's order."""
    programme = programme_of(application.call.programme_id)
    day = today or timezone.localdate()
    _, end = project_period(application, programme)
    rows: list[ObligationRow] = []
    for obligation in programme.obligations:
        if obligation.when == "application":
            continue
        track = _TRACKERS.get(obligation.id)
        if track is None:
            continue
        for due_on, done_on, state, ko, en in track(application, programme, end, day):
            rows.append(
                ObligationRow(
                    application, obligation.id, obligation.name.ko, obligation.name.en, due_on, done_on, state, ko, en
                )
            )
    return rows


Tracked = list[tuple[date | None, date | None, ObligationState, str, str]]


def _consulting(application: Application, programme: Programme, end: date, today: date) -> Tracked:
    required = REQUIRED_TOPICS[programme.kind]
    meetings = list(application.consulting_meetings.all())
    held = {m.topic: m.held_on for m in meetings}
    missing = [ConsultingTopic(t).label for t in required if t not in held]
    done_on = max(held[t] for t in required) if not missing else None
    ko = "미실시: " + ", ".join(str(m) for m in missing) if missing else f"{len(meetings)}회 실시"
    en = f"missing: {', '.join(t for t in required if t not in held)}" if missing else f"{len(meetings)} meeting(s)"
    return [(end, done_on, obligation_state(due_on=end, done_on=done_on, today=today), ko, en)]


def _aas_education(application: Application, programme: Programme, end: date, today: date) -> Tracked:
    completions = list(application.completions.filter(obligation_id="aas_education"))
    done_on = min((c.completed_on for c in completions), default=None)
    names = ", ".join(c.person_name for c in completions)
    ko, en = (f"이수: {names}", f"completed: {names}") if completions else ("이수 기록 없음", "no completion")
    return [(end, done_on, obligation_state(due_on=end, done_on=done_on, today=today), ko, en)]


def _listing_kept(application: Application, programme: Programme, end: date, today: date) -> Tracked:
    links = list(application.project_listings.select_related("listing"))
    listed = [link.listing for link in links if link.listing.listed_at is not None]
    if not listed:
        state = obligation_state(due_on=end, done_on=None, today=today)
        return [
            (end, None, state, "상품 미등록(협약기간 내 등록)", "product not listed yet (due by the project's end)")
        ]
    rows: Tracked = []
    for listing in listed:
        listed_day = seoul_day(listing.listed_at)  # type: ignore[arg-type]
        gone = delisted_on(listing)
        state, last_day = listing_kept_state(programme, listed_on=listed_day, delisted_on=gone, today=today)
        ko = f"{listing.title_ko}: {listed_day} 등록" + (f", {gone} 등록 해제" if gone else "")
        en = f"{listing.title_en or listing.title_ko}: listed {listed_day}" + (f", delisted {gone}" if gone else "")
        done_on = last_day if state == "done" else None
        rows.append((last_day, done_on, state, ko, en))
    return rows


def _in_kind_evidence(application: Application, programme: Programme, end: date, today: date) -> Tracked:
    """In-kind labour exists only in a consortium, and only when its agreement plans some. Done once the
    labour recorded (person-months × the month's pay, each record with its pay record and work log) reaches
    the agreement's in-kind amount; until then due (overdue after the end) with the gap named."""
    form = programme.form(application.participation)
    agreement = Agreement.objects.filter(application=application).first()
    if form is None or not form.partner or (agreement is not None and agreement.in_kind_krw == 0):
        return []
    records = list(application.labour_evidence.all())
    shown = labour_value_krw(records)
    months = sum((r.person_months for r in records), start=Decimal(0))
    ko, en = (
        f"{len(records)}건, {months} M/M, 인건비 {shown:,}원",
        f"{len(records)} record(s), {months} person-months, {shown:,} KRW",
    )
    if agreement is None:
        ko, en = ko + " — 협약 전(현물 금액 미정)", en + " — no agreement yet (in-kind amount not set)"
        return [(end, None, obligation_state(due_on=end, done_on=None, today=today), ko, en)]
    gap = agreement.in_kind_krw - shown
    done_on = max((r.month for r in records), default=None) if gap <= 0 else None
    if gap > 0:
        ko += f" / 협약 현물 {agreement.in_kind_krw:,}원 — {gap:,}원 부족"
        en += f" / agreed in-kind {agreement.in_kind_krw:,} KRW — {gap:,} KRW short"
    else:
        ko += f" ≥ 협약 현물 {agreement.in_kind_krw:,}원"
        en += f" ≥ agreed in-kind {agreement.in_kind_krw:,} KRW"
    return [(end, done_on, obligation_state(due_on=end, done_on=done_on, today=today), ko, en)]


def labour_value_krw(records: list[LabourEvidence]) -> int:
    """The in-kind labour the records show: Σ person-months × the month's pay, in whole won (rounded down)."""
    return int(sum((r.person_months * r.monthly_pay_krw for r in records), start=Decimal(0)))


def _subsidy_claim(application: Application, programme: Programme, end: date, today: date) -> Tracked:
    """구매 후 연내 지급요청 (001): every paid order of the agreement period claimed by its deadline (31
    December of the purchase year). Due while an order waits (by the earliest deadline; overdue after
    it), done once every order is claimed; with nothing bought yet, due by the agreement's end."""
    agreement = Agreement.objects.filter(application=application).first()
    if agreement is None:
        state = obligation_state(due_on=end, done_on=None, today=today)
        return [(end, None, state, "협약 전", "no agreement yet")]
    waiting = list(claimable_orders(agreement=agreement))
    claims = list(agreement.claims.order_by("submitted_at"))
    if not waiting and claims:
        claimed_on = seoul_day(claims[-1].submitted_at)
        return [(claimed_on, claimed_on, "done", f"지급요청 {len(claims)}건", f"{len(claims)} claim(s)")]
    if not waiting:
        state = obligation_state(due_on=end, done_on=None, today=today)
        return [(end, None, state, "구매·지급요청 없음", "nothing bought or claimed yet")]
    deadline = min(claim_deadline(programme, seoul_day(o.paid_at)) for o in waiting)  # type: ignore[arg-type]
    supply = sum(o.supply_krw for o in waiting)
    ko = f"지급요청하지 않은 주문 {len(waiting)}건(공급가액 {supply:,}원), {deadline}까지 요청"
    en = f"{len(waiting)} order(s) not claimed ({supply:,} KRW before VAT), claim by {deadline}"
    return [(deadline, None, obligation_state(due_on=deadline, done_on=None, today=today), ko, en)]


_TRACKERS = {
    "consulting": _consulting,
    "aas_education": _aas_education,
    "listing_kept": _listing_kept,
    "in_kind_evidence": _in_kind_evidence,
    "subsidy_claim": _subsidy_claim,
}
