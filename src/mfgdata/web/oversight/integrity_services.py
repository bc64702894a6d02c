"""Integrity flags and what follows them: the operator scans (the library detects), confirms or dismisses a
flag with a reason, and on a confirmed flag decides 환수 (a recovery amount), 참여배제 (an entry in the
sanctions register the exclusion check reads) or records a 형사고발. Nothing here punishes automatically.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from mfgdata.rules.integrity import concerning, detect
from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import record_event, transition
from mfgdata.web.oversight import permissions
from mfgdata.web.oversight.integrity_facts import gather_facts, participants, thresholds
from mfgdata.web.oversight.models import FlagStatus, IntegrityFlag, Measure, MeasureKind
from mfgdata.web.programs.models import Claim, ClaimStatus, SanctionEntry, SanctionKind

FLAG_TRANSITIONS: dict[tuple[str, str], str] = {
    (FlagStatus.OPEN, "confirm"): FlagStatus.CONFIRMED,
    (FlagStatus.OPEN, "dismiss"): FlagStatus.DISMISSED,
}
EXCLUSION_SCOPE = "smart_factory"


@transaction.atomic
def integrity_scan(*, user: User, programme_id: str) -> list[IntegrityFlag]:
    """Detect the signals that concern the programme's participants; returns the flags new in this scan.

    A case already flagged (same key) is not raised again; an open one gets its evidence refreshed.
    """
    require(permissions.why_not_operate(user=user, programme_id=programme_id))
    found = concerning(detect(gather_facts(), thresholds()), participants(programme_id))
    new = []
    for signal in found:
        flag, created = IntegrityFlag.objects.get_or_create(
            programme_id=programme_id,
            key=signal.key,
            defaults={
                "kind": signal.kind,
                "evidence_ko": signal.evidence_ko,
                "evidence_en": signal.evidence_en,
                "details": _details(signal.details, signal.order_ids, signal.listing_ids),
            },
        )
        if created:
            flag.organisations.set(Organisation.objects.filter(pk__in=[int(i) for i in signal.organisation_ids]))
            record_event(target=flag, action="detect", actor=user, comment=signal.evidence_ko)
            new.append(flag)
        elif flag.status == FlagStatus.OPEN:
            flag.evidence_ko, flag.evidence_en = signal.evidence_ko, signal.evidence_en
            flag.details = _details(signal.details, signal.order_ids, signal.listing_ids)
            flag.save(update_fields=["evidence_ko", "evidence_en", "details"])
    return new


def _details(details: object, order_ids: tuple[str, ...], listing_ids: tuple[str, ...]) -> dict[str, object]:
    return {**dict(details), "order_ids": list(order_ids), "listing_ids": list(listing_ids)}  # type: ignore[call-overload]


@transaction.atomic
def flag_decide(*, user: User, flag: IntegrityFlag, confirm: bool, note: str) -> IntegrityFlag:
    """The operator confirms (부정 의심 인정) or dismisses a flag; either needs the reason."""
    require(permissions.why_not_operate(user=user, programme_id=flag.programme_id))
    if not note.strip():
        raise SiteError(
            "decision-needs-reason",
            "확인 또는 기각의 사유를 적으세요.",
            "Write the reason for confirming or dismissing.",
        )
    action = "confirm" if confirm else "dismiss"
    moved = transition(instance=flag, action=action, table=FLAG_TRANSITIONS, actor=user, comment=note.strip())
    moved.decision_note, moved.decided_by, moved.decided_at = note.strip(), user, timezone.now()
    moved.save(update_fields=["decision_note", "decided_by", "decided_at"])
    return moved


def _check_measure(user: User, flag: IntegrityFlag, organisation: Organisation, note: str) -> None:
    require(permissions.why_not_sanction(user=user, programme_id=flag.programme_id))
    if flag.status != FlagStatus.CONFIRMED:
        raise SiteError(
            "flag-not-confirmed",
            "확인된 사안에만 환수·참여배제·형사고발을 결정할 수 있습니다.",
            "Recovery, exclusion or a criminal complaint follow only a confirmed case.",
        )
    if not flag.organisations.filter(pk=organisation.pk).exists():
        raise SiteError(
            "organisation-not-in-flag",
            f"{organisation.name}은(는) 이 사안의 관련 기관이 아닙니다.",
            f"{organisation.name} is not concerned by this case.",
        )
    if not note.strip():
        raise SiteError("measure-needs-reason", "사유를 적으세요.", "Write the reason.")


def _measure(flag: IntegrityFlag, user: User, **fields: object) -> Measure:
    locked = IntegrityFlag.objects.select_for_update().get(pk=flag.pk)
    measure = Measure.objects.create(flag=locked, decided_by=user, **fields)
    record_event(target=locked, action=f"measure_{measure.kind}", actor=user, comment=measure.note)
    record_event(target=measure.organisation, action=f"measure_{measure.kind}", actor=user, comment=measure.note)
    return measure


def _check_recovered_claim(flag: IntegrityFlag, organisation: Organisation, claim: Claim, amount_krw: int) -> None:
    """A recovery from a claim takes back at most what that claim was approved for, less what was already
    recovered from it; the claim is the organisation's own, in the flag's programme."""
    if claim.organisation_id != organisation.pk or claim.agreement.call.programme_id != flag.programme_id:
        raise SiteError(
            "recovery-claim-other",
            f"지급요청 {claim.pk}은(는) 이 사업에서 {organisation.name}이(가) 한 지급요청이 아닙니다.",
            f"Claim {claim.pk} is not {organisation.name}'s claim in this programme.",
        )
    if claim.status != ClaimStatus.APPROVED:
        raise SiteError(
            "recovery-claim-not-approved",
            f"지급요청 {claim.pk}은(는) 지급 승인되지 않아 환수할 금액이 없습니다.",
            f"Claim {claim.pk} was not approved, so nothing was paid to recover.",
        )
    earlier = Measure.objects.filter(claim=claim, kind=MeasureKind.RECOVERY).aggregate(total=Sum("amount_krw"))
    left = claim.subsidy_krw - (earlier["total"] or 0)
    if amount_krw > left:
        raise SiteError(
            "recovery-over-claim",
            f"환수액 {amount_krw:,}원이 지급요청 {claim.pk}의 승인 정부지원금 {claim.subsidy_krw:,}원 중 "
            f"환수하지 않은 {left:,}원을 넘습니다.",
            f"The recovery of {amount_krw:,} KRW exceeds the {left:,} KRW not yet recovered of claim {claim.pk}'s "
            f"approved subsidy of {claim.subsidy_krw:,} KRW.",
        )


@transaction.atomic
def recovery_decide(
    *,
    user: User,
    flag: IntegrityFlag,
    organisation: Organisation,
    amount_krw: int,
    decided_on: date,
    note: str,
    claim: Claim | None = None,
) -> Measure:
    """환수: the amount of the subsidy to recover from the organisation (integer 원), optionally naming the
    claim it recovers from (then no more than that claim's approved subsidy not yet recovered)."""
    _check_measure(user, flag, organisation, note)
    if amount_krw <= 0:
        raise SiteError(
            "recovery-amount", "환수액은 1원 이상이어야 합니다.", "The recovery amount must be at least 1 KRW."
        )
    if claim is not None:
        claim = Claim.objects.select_for_update().select_related("agreement__call").get(pk=claim.pk)
        _check_recovered_claim(flag, organisation, claim, amount_krw)
    return _measure(
        flag,
        user,
        organisation=organisation,
        kind=MeasureKind.RECOVERY,
        amount_krw=amount_krw,
        claim=claim,
        filed_on=decided_on,
        note=note.strip() + (f" (지급요청 {claim.pk})" if claim is not None else ""),
    )


@transaction.atomic
def exclusion_decide(
    *, user: User, flag: IntegrityFlag, organisation: Organisation, starts_on: date, ends_on: date, note: str
) -> Measure:
    """참여배제: a participation ban for the period, written to the sanctions register the exclusion check reads."""
    _check_measure(user, flag, organisation, note)
    if ends_on < starts_on:
        raise SiteError(
            "exclusion-period",
            f"참여배제 종료일 {ends_on}이 시작일 {starts_on}보다 앞섭니다.",
            f"The exclusion ends ({ends_on}) before it starts ({starts_on}).",
        )
    entry = SanctionEntry.objects.create(
        organisation=organisation,
        kind=SanctionKind.PARTICIPATION_BAN,
        scope=EXCLUSION_SCOPE,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=f"{flag.get_kind_display()}: {note.strip()}",
    )
    return _measure(
        flag,
        user,
        organisation=organisation,
        kind=MeasureKind.EXCLUSION,
        sanction=entry,
        filed_on=starts_on,
        note=note.strip(),
    )


@transaction.atomic
def complaint_record(
    *, user: User, flag: IntegrityFlag, organisation: Organisation, filed_on: date, reference: str, note: str
) -> Measure:
    """형사고발: a record that a criminal complaint was filed, with the document reference."""
    _check_measure(user, flag, organisation, note)
    return _measure(
        flag,
        user,
        organisation=organisation,
        kind=MeasureKind.CRIMINAL_COMPLAINT,
        filed_on=filed_on,
        reference=reference.strip(),
        note=note.strip(),
    )
