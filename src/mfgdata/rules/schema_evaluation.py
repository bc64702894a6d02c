"""Definition schema, part 2: evaluation criteria, bonuses, site check, selection, obligations, claims."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from mfgdata.rules.schema_base import Count, Identifier, Mark, Points, Strict, Text


class Criterion(Strict):
    """One scored item (평가 항목) and its points (배점)."""

    id: Identifier
    text: Text
    points: Points


class Section(Strict):
    """A group of criteria with its own total, e.g. 사업 이해 및 필요성 (20)."""

    id: Identifier
    name: Text
    points: Points
    criteria: list[Criterion] = Field(min_length=1)


class TieBreak(Strict):
    """How equal final scores are ordered: keys in turn (`base_score`, `section:<id>`, `submitted_at`)."""

    keys: list[str] = Field(min_length=1)
    from_notice: bool
    note: Text


class Evaluation(Strict):
    """선정평가: the panel, how sheets are combined, the criteria and the pass mark."""

    panel_size: Count
    panel_size_is_approximate: bool
    aggregation: Literal["mean", "trimmed_mean"]
    pass_mark: Mark
    pass_mark_basis: Literal["before_bonus"]
    total_points: Points
    sections: list[Section] = Field(min_length=1)
    tie_break: TieBreak


class Bonus(Strict):
    """가점 항목: points granted when a claim is confirmed by a register."""

    id: Identifier
    name: Text
    criterion: Text
    points: Points
    evidence: Literal["trade_record", "consulting_register"]
    as_of: Literal["notice_date"] | None = None
    trade_kinds: list[Literal["register", "sale", "purchase"]] = Field(default_factory=list)
    min_count: Count = 1
    consulting_programme: str | None = None
    exclude_programme_linked: bool = False


class SiteCheckItem(Strict):
    """현장확인 항목, judged 적 (pass) or 부 (fail)."""

    id: Identifier
    text: Text


class SiteCheck(Strict):
    """현장확인: every item must be 적; one 부 excludes the application."""

    group: Text
    items: list[SiteCheckItem] = Field(min_length=1)
    any_fail_excludes: bool


class Step(Strict):
    """One step of the selection procedure as the notice numbers it."""

    number: Count
    id: Identifier
    name: Text


class Selection(Strict):
    """최종선정: order by final score (base mean plus bonus), within the budget and the expected count."""

    procedure: list[Step] = Field(min_length=1)
    final_score: Literal["base_plus_bonus", "base"]
    site_check_before_final: bool


ObligationStage = Literal["application", "after_selection", "after_listing", "during_agreement"]


class Obligation(Strict):
    """A mandatory linked item: consulting application, AAS education, keeping a product listed …"""

    id: Identifier
    name: Text
    when: ObligationStage
    duration_months: Count | None = None
    provider: Text | None = None
    company_pays: bool | None = None


class PaymentMethod(Strict):
    """A way the buyer pays on the marketplace; some need a tax invoice (세금계산서)."""

    id: Identifier
    name: Text
    needs_tax_invoice: bool


class Claims(Strict):
    """지급요청: when the government amount must be claimed and what purchases count.

    `deadline` is `end_of_purchase_year` (연내, notice 001) or `days_after_purchase` with `deadline_days`,
    so a later notice with another claim window needs a data change, not code.
    """

    deadline: Literal["end_of_purchase_year", "days_after_purchase"]
    deadline_days: Count | None = None
    products_listed_by: Literal["before_evaluation"]
    payment_methods: list[PaymentMethod] = Field(min_length=1)
    note: Text

    @model_validator(mode="after")
    def _days_only_with_days_rule(self) -> Claims:
        if (self.deadline == "days_after_purchase") != (self.deadline_days is not None):
            raise ValueError(
                "deadline_days는 deadline: days_after_purchase일 때만, 그때는 반드시 씁니다 / "
                "deadline_days is required with deadline: days_after_purchase and only then"
            )
        return self


class Inspection(Strict):
    """수시점검 / 활용점검, with the outcomes a check can have."""

    id: Identifier
    name: Text
    outcomes: list[Text] = Field(default_factory=list)


class Measure(Strict):
    """A sanction for fraud (부정수급): 환수, 참여배제, 형사고발."""

    id: Identifier
    name: Text


class Integrity(Strict):
    """What counts as fraud in the notice and what follows when it is found."""

    cases: list[Text] = Field(min_length=1)
    measures: list[Measure] = Field(min_length=1)
