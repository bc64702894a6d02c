"""A programme definition (one notice, one year) as loaded from its file, with lookups the rules use."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field

from mfgdata.rules.errors import rules_error
from mfgdata.rules.schema_base import ApplicantKind, Identifier, Strict, Text
from mfgdata.rules.schema_call import (
    ApplicantClass,
    Budget,
    Contact,
    Document,
    Exclusion,
    Fact,
    Funding,
    Notice,
    ParticipationForm,
    Round,
    SupportPeriod,
)
from mfgdata.rules.schema_evaluation import (
    Bonus,
    Claims,
    Evaluation,
    Inspection,
    Integrity,
    Obligation,
    Section,
    Selection,
    SiteCheck,
)

FORMAT = "mfgdata-programme/1"
SEOUL = ZoneInfo("Asia/Seoul")
ProgrammeKind = Literal["productization", "purchase"]


class Programme(Strict):
    """Everything one notice fixes: windows, money, who may apply, documents, exclusions, evaluation …"""

    format: Literal["mfgdata-programme/1"]
    id: str = Field(pattern=r"^[a-z]+-[0-9]{4}$")
    kind: ProgrammeKind
    year: int = Field(ge=2000, le=2100)
    title: Text
    notice: Notice
    timezone: Literal["Asia/Seoul"]
    rounds: list[Round] = Field(min_length=1)
    budget: Budget
    support_period: SupportPeriod
    funding: list[Funding] = Field(min_length=1)
    applicants: list[ApplicantClass] = Field(min_length=1)
    participation: list[ParticipationForm] = Field(min_length=1)
    documents: list[Document] = Field(min_length=1)
    facts: list[Fact] = Field(default_factory=list)
    exclusions: list[Exclusion] = Field(default_factory=list)
    evaluation: Evaluation
    bonuses: list[Bonus] = Field(default_factory=list)
    site_check: SiteCheck | None = None
    selection: Selection
    obligations: list[Obligation] = Field(default_factory=list)
    claims: Claims | None = None
    inspections: list[Inspection] = Field(default_factory=list)
    integrity: Integrity | None = None
    contacts: list[Contact] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
    source_path: Path | None = Field(default=None, exclude=True)

    def round(self, round_id: str | None = None) -> Round:
        """The round with `round_id` (the only or first round when None)."""
        for candidate in self.rounds:
            if round_id is None or candidate.id == round_id:
                return candidate
        known = ", ".join(r.id for r in self.rounds)
        raise rules_error(
            "rules-unknown-round",
            f"{self.id}에 '{round_id}' 차수가 없습니다. 있는 차수: {known}",
            f"{self.id} has no round '{round_id}'. Rounds: {known}",
        )

    def application_deadline(self, round_id: str | None = None) -> date | None:
        """The last day of a round (None for a rolling round that runs until its budget is spent)."""
        return self.round(round_id).closes_on

    def deadline_at(self, round_id: str | None = None) -> datetime | None:
        """The moment a round closes, in Asia/Seoul (received before it is on time)."""
        chosen = self.round(round_id)
        if chosen.closes_on is None:
            return None
        if chosen.closes_at is None:  # no hour given: the whole last day counts
            return datetime.combine(chosen.closes_on + timedelta(days=1), time(0), SEOUL)
        return datetime.combine(chosen.closes_on, chosen.closes_at, SEOUL)

    def funding_for(self, applicant: ApplicantKind) -> Funding | None:
        """The ratio and cap rules that apply to an applicant kind (None when it may not apply)."""
        return next((f for f in self.funding if applicant in f.applicants), None)

    def applicant_class(self, kind: ApplicantKind) -> ApplicantClass | None:
        return next((a for a in self.applicants if a.kind == kind), None)

    def form(self, form_id: Identifier) -> ParticipationForm | None:
        return next((f for f in self.participation if f.id == form_id), None)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.evaluation.sections if s.id == section_id), None)

    def criterion_points(self) -> dict[str, int]:
        """Every criterion id with its points, in the notice's order."""
        return {c.id: c.points for s in self.evaluation.sections for c in s.criteria}

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)

    def bonus(self, bonus_id: str) -> Bonus | None:
        return next((b for b in self.bonuses if b.id == bonus_id), None)

    def obligation(self, obligation_id: str) -> Obligation | None:
        return next((o for o in self.obligations if o.id == obligation_id), None)
