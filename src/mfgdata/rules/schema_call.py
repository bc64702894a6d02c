"""Definition schema, part 1: the notice, rounds, budget, funding ratios, applicants, documents, exclusions."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field

from mfgdata.rules.schema_base import (
    ApplicantKind,
    ClockTime,
    Count,
    Identifier,
    Krw,
    Ratio,
    Strict,
    Text,
)


class Notice(Strict):
    """The public notice (공고) the definition is read from."""

    number: str | None = None
    published_on: date
    title: Text
    issuer: Text
    source: str = Field(min_length=1)
    legal_basis: str | None = None


class Round(Strict):
    """One application window (차수). A rolling round has no last day: it selects until its budget is spent."""

    id: str = Field(min_length=1)
    name: Text
    opens_on: date
    closes_on: date | None = None
    closes_at: ClockTime | None = None
    until_budget_spent: bool = False
    selection: Literal["ranked", "rolling"]


class Budget(Strict):
    """지원규모: the programme's total, the expected number of projects, VAT treatment."""

    total_krw: Krw
    expected_count: Count
    expected_count_is_approximate: bool
    per_company_cap_krw: Krw
    vat_excluded: bool | None
    adjustable_after_cost_accounting: bool


class SupportPeriod(Strict):
    """지원기간: how many calendar months, counted from what."""

    months: Count
    is_maximum: bool
    starts: Literal["agreement"] | None
    covers: Text | None = None


class InKind(Strict):
    """현물 (the company's own staff costs) inside the company contribution."""

    max_share_of_company: Ratio
    cap_krw: Krw
    allowed_forms: list[Identifier]
    evidence: list[Text] = Field(default_factory=list)


class WorkedExample(Strict):
    """The notice's own example of a budget; the loader checks the rules accept it."""

    total_krw: Krw
    government_krw: Krw
    company_krw: Krw
    in_kind_max_krw: Krw


class Funding(Strict):
    """정부지원금 / 기업부담금 rules for some applicant kinds."""

    applicants: list[ApplicantKind] = Field(min_length=1)
    government_ratio_max: Ratio
    government_cap_krw: Krw
    cap_scope: Literal["per_company", "per_project"]
    company_ratio_min: Ratio
    company_cash_share_min: Ratio | None = None
    in_kind: InKind | None = None
    products_registered_by: list[Literal["manufacturer", "processor"]] | None = None
    several_products: bool = False
    worked_example: WorkedExample | None = None


class ApplicantClass(Strict):
    """Who may apply (신청자격): a kind of organisation and the facts that must hold for it."""

    kind: ApplicantKind
    name: Text
    requires: list[Identifier] = Field(default_factory=list)
    purposes: list[Text] = Field(default_factory=list)
    evidence: Text | None = None


class ParticipationForm(Strict):
    """참여형태: solo (단독) or consortium with a processor (가공기업과 컨소시엄)."""

    id: Identifier
    number: Count
    name: Text
    partner: Literal["processor"] | None = None
    partner_registry: Text | None = None
    requires_documents: list[Count] = Field(default_factory=list)


class AppliesWhen(Strict):
    """When a 해당시 document is needed: for some participation forms, applicant kinds, or a bonus claim."""

    participation: list[Identifier] | None = None
    applicants: list[ApplicantKind] | None = None
    bonus_claimed: bool | None = None


class Document(Strict):
    """A document to upload (온라인 등록 서류), numbered as in the notice."""

    number: Count
    id: Identifier
    name: Text
    requirement: Literal["required", "when_applicable"]
    applies_when: AppliesWhen | None = None
    validity_months: Count | None = None
    issuer: Text | None = None
    note: Text | None = None


class Fact(Strict):
    """A fact the applicant declares (or the system knows), used by exclusion conditions."""

    id: Identifier
    type: Literal["bool", "date", "choice"]
    question: Text
    choices: list[str] | None = None
    choice_labels: dict[str, Text] | None = None  # how each choice reads in the form (ko/en)


class Exclusion(Strict):
    """지원제외 사항: when it applies, the exception that lifts it, both as conditions over facts."""

    number: Count
    id: Identifier
    text: Text
    when: Any
    unless: Any = None
    exception_text: Text | None = None


class Contact(Strict):
    """문의처."""

    topic: Text
    organisation: Text
    phone: str
