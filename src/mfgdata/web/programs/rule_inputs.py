"""Stored rows turned into the inputs `mfgdata.rules` takes (frozen dataclasses), and its errors into ours."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

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
from mfgdata.web.programs.models import Application, Assignment, ConsultingRecord, SanctionEntry

P = ParamSpec("P")
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
    )


def uploaded_documents(application: Application) -> list[UploadedDocument]:
    return [UploadedDocument(d.number, d.issued_on) for d in application.documents.all()]


def registers_for(organisation: Organisation) -> Registers:
    """The sanctions register, the marketplace's listings as trades, and the consulting register."""
    sanctions = SanctionsRegister(
        tuple(
            Sanction(str(s.organisation_id), s.kind, s.scope, s.starts_on, s.ends_on, s.reason)  # type: ignore[arg-type]
            for s in SanctionEntry.objects.filter(organisation=organisation)
        )
    )
    listed = Listing.objects.filter(seller=organisation, listed_at__isnull=False)
    trades = [TradeEvent(str(organisation.pk), "register", listing.listed_at) for listing in listed]  # type: ignore[arg-type]
    consulting = [
        RuleConsulting(str(c.organisation_id), c.programme, c.completed_on, c.programme_linked)
        for c in ConsultingRecord.objects.filter(organisation=organisation)
    ]
    return Registers(sanctions, tuple(trades), tuple(consulting))


def score_sheet(assignment: Assignment) -> ScoreSheet:
    scores = {criterion: int(value) for criterion, value in assignment.scores.items()}
    return ScoreSheet(str(assignment.evaluator_id), scores, dict(assignment.comments))
