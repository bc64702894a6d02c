"""요건검토: the automatic part of the eligibility review of one application, all rules in one report.

On time in its round (Asia/Seoul), an applicant kind and facts the programme accepts, the participation
form with its partner and consortium agreement, every applicable document present and in date, every
exclusion rule decided and none applying. Bonus claims are verified here too; an unconfirmed bonus gives
no points but does not fail the review. The operator's own checklist comes on top of this.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mfgdata.rules.bonuses import BonusFinding, ConsultingRecord, TradeEvent, evaluate_bonuses
from mfgdata.rules.documents import DocumentReport, UploadedDocument, check_documents, submission_day
from mfgdata.rules.exclusions import ApplicantCheck, ExclusionReport, check_applicant, evaluate_exclusions
from mfgdata.rules.programme import Programme
from mfgdata.rules.sanctions import SanctionsRegister
from mfgdata.rules.schema_base import ApplicantKind
from mfgdata.rules.windows import WindowCheck, check_received


@dataclass(frozen=True)
class Application:
    """What an applicant submitted: who, how, when, declared facts, documents and bonus claims."""

    organisation_id: str
    applicant: ApplicantKind
    participation: str
    submitted_at: datetime
    facts: Mapping[str, Any]
    documents: Sequence[UploadedDocument]
    claimed_bonuses: Sequence[str] = ()
    partner_kind: str | None = None
    round_id: str | None = None
    # When the application was first received, if earlier than `submitted_at`: a supplement the operator
    # asked for is on time when its original was (the window), while its documents date from its own submission.
    received_at: datetime | None = None


@dataclass(frozen=True)
class Registers:
    """The records the review consults: sanctions, marketplace trades, the external consulting register."""

    sanctions: SanctionsRegister = field(default_factory=SanctionsRegister)
    trades: Sequence[TradeEvent] = ()
    consulting: Sequence[ConsultingRecord] = ()


@dataclass(frozen=True)
class EligibilityReport:
    """Every check's result; `passed` when all pass; `reasons_*` list what failed, in review order."""

    passed: bool
    window: WindowCheck
    applicant: ApplicantCheck
    documents: DocumentReport
    exclusions: ExclusionReport
    bonuses: tuple[BonusFinding, ...]
    reasons_ko: tuple[str, ...]
    reasons_en: tuple[str, ...]


def review_eligibility(
    programme: Programme,
    application: Application,
    registers: Registers | None = None,
    *,
    closed_at: datetime | None = None,
) -> EligibilityReport:
    """The automatic eligibility review of `application` (`closed_at`: when a rolling round's budget ran out)."""
    registers = registers or Registers()
    received = application.received_at or application.submitted_at
    window = check_received(programme, received, round_id=application.round_id, closed_at=closed_at)
    day = submission_day(application.submitted_at)
    claimed = bool(application.claimed_bonuses)
    documents = check_documents(
        programme,
        application.documents,
        submitted_on=day,
        participation=application.participation,
        applicant=application.applicant,
        bonus_claimed=claimed,
    )
    applicant = check_applicant(
        programme,
        kind=application.applicant,
        facts=application.facts,
        participation=application.participation,
        partner_kind=application.partner_kind,
        # A missing consortium agreement is reported once, by the documents check (its 해당시 item).
        has_consortium_agreement=True,
    )
    exclusions = evaluate_exclusions(
        programme,
        application.facts,
        organisation_id=application.organisation_id,
        sanctions=registers.sanctions,
        submitted_on=day,
        round_id=window.round_id,
    )
    bonuses = evaluate_bonuses(
        programme,
        organisation_id=application.organisation_id,
        claimed=application.claimed_bonuses,
        trades=registers.trades,
        consulting=registers.consulting,
    )
    ko, en = _reasons(window, applicant, documents, exclusions)
    return EligibilityReport(not ko, window, applicant, documents, exclusions, tuple(bonuses), tuple(ko), tuple(en))


def _reasons(
    window: WindowCheck, applicant: ApplicantCheck, documents: DocumentReport, exclusions: ExclusionReport
) -> tuple[list[str], list[str]]:
    ko: list[str] = [] if window.on_time else [window.reason_ko]
    en: list[str] = [] if window.on_time else [window.reason_en]
    ko += applicant.reasons_ko
    en += applicant.reasons_en
    ko += [f.message_ko for f in documents.findings]
    en += [f.message_en for f in documents.findings]
    for finding in exclusions.findings:
        if finding.status == "applies":
            ko.append(f"지원제외 {finding.number}. {finding.text_ko}: {'; '.join(finding.reasons_ko)}")
            en.append(f"exclusion {finding.number} applies: {'; '.join(finding.reasons_en)}")
        elif finding.status == "undetermined":
            ko.append(
                f"지원제외 {finding.number}. 확인할 사항을 신고하지 않았습니다: {', '.join(finding.missing_facts)}"
            )
            en.append(f"exclusion {finding.number}: undeclared facts {', '.join(finding.missing_facts)}")
    return ko, en
