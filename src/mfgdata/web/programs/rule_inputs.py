"""Stored rows turned into the inputs `mfgdata.rules` takes (frozen dataclasses), and its errors into ours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import ParamSpec, TypeVar

from django.db.models import Q

from mfgdata.rules import Programme, get_programme
from mfgdata.rules.bonuses import ConsultingRecord as RuleConsulting
from mfgdata.rules.bonuses import TradeEvent
from mfgdata.rules.documents import UploadedDocument
from mfgdata.rules.eligibility import Application as RuleApplication
from mfgdata.rules.eligibility import Registers
from mfgdata.rules.errors import RulesError
from mfgdata.rules.sanctions import Sanction, SanctionsRegister
from mfgdata.rules.scoring import ScoreSheet
from mfgdata.web.accounts.models import Organisation, SizeClass
from mfgdata.web.core.errors import SiteError
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import TradeKind, TradeRecord
from mfgdata.web.programs.models import (
    Application,
    Assignment,
    ConsultingRecord,
    SanctionEntry,
    SupplementRequest,
)

P = ParamSpec("P")
_TRADE_KINDS = {TradeKind.REGISTRATION: "register", TradeKind.SALE: "sale", TradeKind.PURCHASE: "purchase"}
R = TypeVar("R")


def programme_of(programme_id: str) -> Programme:
    """The definition a call was opened from; a call whose file was removed is refused, saying which."""
    programme = get_programme(programme_id)
    if programme is None:
        raise SiteError(
            "programme-unknown",
            f"사업 정의 '{programme_id}'가 없습니다. 정의 파일을 확인하세요.",
            f"There is no programme definition '{programme_id}'. Check the definition files.",
        )
    return programme


def as_site_error(function: Callable[P, R]) -> Callable[P, R]:
    """Let a refusal of the rules (a score above its points …) reach the user as a `SiteError`."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except RulesError as error:
            raise SiteError(error.code, error.text.ko, error.text.en) from error

    return wrapper


def applicant_kind(organisation: Organisation) -> str:
    """The notices' applicant class of an organisation (a large company has none: 'large' is refused)."""
    return {SizeClass.SME: "sme", SizeClass.MIDSIZE: "midsize", SizeClass.NONPROFIT: "nonprofit"}.get(
        organisation.size_class, "large"
    )


def rule_application(application: Application) -> RuleApplication:
    """What the eligibility review needs to know of a submitted application."""
    assert application.submitted_at is not None
    processor = application.processor
    return RuleApplication(
        organisation_id=str(application.organisation_id),
        applicant=applicant_kind(application.organisation),  # type: ignore[arg-type]
        participation=application.participation,
        submitted_at=application.submitted_at,
        facts=dict(application.facts),
        documents=uploaded_documents(application),
        claimed_bonuses=tuple(application.claimed_bonuses),
        partner_kind="processor" if processor is not None and processor.is_processor else None,
        round_id=application.round_id,
        received_at=first_received_at(application),
    )


def first_received_at(application: Application) -> datetime | None:
    """A version answering the operator's supplement request keeps its original's reception time (or None)."""
    request = SupplementRequest.objects.filter(answered_by=application).select_related("application").first()
    if request is None:
        return None
    return first_received_at(request.application) or request.application.submitted_at


def uploaded_documents(application: Application) -> list[UploadedDocument]:
    return [UploadedDocument(d.number, d.issued_on) for d in application.documents.all()]


def _own(organisation: Organisation) -> Q:
    """Register rows of the organisation: linked to it, or imported under its 사업자등록번호."""
    found = Q(organisation=organisation)
    return found | Q(business_number=organisation.business_number) if organisation.business_number else found


def _trades(organisation: Organisation) -> list[TradeEvent]:
    """거래실적: the marketplace's trade records (registration, sale, purchase; refunds do not count), and
    listings listed before trade records were kept."""
    me = str(organisation.pk)
    recorded = TradeRecord.objects.filter(organisation=organisation).exclude(kind=TradeKind.REFUND)
    trades = [TradeEvent(me, _TRADE_KINDS[r.kind], r.occurred_at) for r in recorded]  # type: ignore[arg-type]
    registered = {r.listing_id for r in recorded if r.kind == TradeKind.REGISTRATION}
    listed = Listing.objects.filter(seller=organisation, listed_at__isnull=False).exclude(pk__in=registered)
    return trades + [TradeEvent(me, "register", listing.listed_at) for listing in listed]  # type: ignore[arg-type]


def registers_for(organisation: Organisation) -> Registers:
    """The sanctions register, the marketplace's trade records, and the consulting register."""
    me = str(organisation.pk)
    sanctions = SanctionsRegister(
        tuple(
            Sanction(me, s.kind, s.scope, s.starts_on, s.ends_on, s.reason)  # type: ignore[arg-type]
            for s in SanctionEntry.objects.filter(_own(organisation))
        )
    )
    consulting = [
        RuleConsulting(me, c.programme, c.completed_on, c.programme_linked)
        for c in ConsultingRecord.objects.filter(_own(organisation))
    ]
    return Registers(sanctions, tuple(_trades(organisation)), tuple(consulting))


def consulting_programmes(programme_id: str) -> list[str]:
    """The external consulting programmes whose completion a bonus of this programme rewards."""
    bonuses = programme_of(programme_id).bonuses
    return [b.consulting_programme for b in bonuses if b.evidence == "consulting_register" and b.consulting_programme]


def score_sheet(assignment: Assignment) -> ScoreSheet:
    scores = {criterion: int(value) for criterion, value in assignment.scores.items()}
    return ScoreSheet(str(assignment.evaluator_id), scores, dict(assignment.comments))
