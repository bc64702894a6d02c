"""Budget plans (사업비 구성) checked against a programme's funding rules — notice 000's ratios and caps.

All amounts are whole won. Ratios are compared exactly (``government * 5 <= total * 4``, never floats), so
exactly 80 % passes and 80 % + 1원 does not. VAT is outside the project cost: amounts here exclude it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from mfgdata.rules.errors import rules_error
from mfgdata.rules.programme import Programme
from mfgdata.rules.schema_base import ApplicantKind
from mfgdata.rules.schema_call import Funding


@dataclass(frozen=True)
class BudgetPlan:
    """정부지원금, 기업부담금 현금, 기업부담금 현물 (the company's own staff), in won without VAT."""

    government_krw: int
    cash_krw: int
    in_kind_krw: int = 0

    @property
    def company_krw(self) -> int:
        return self.cash_krw + self.in_kind_krw

    @property
    def total_krw(self) -> int:
        return self.government_krw + self.company_krw


@dataclass(frozen=True)
class Violation:
    """One broken rule: a stable id and a sentence with the numbers (ko/en)."""

    rule: str
    ko: str
    en: str


@dataclass(frozen=True)
class BudgetCheck:
    """The verdict on a plan, with the largest amounts the rules would allow for its total."""

    valid: bool
    violations: tuple[Violation, ...]
    government_max_krw: int
    in_kind_max_krw: int


def _won(amount: int | Fraction) -> str:
    return f"{int(amount):,}원"


def _pct(ratio: Decimal) -> str:
    return f"{ratio * 100:.0f}%"


def check_budget_plan(
    programme: Programme, plan: BudgetPlan, *, applicant: ApplicantKind, participation: str
) -> BudgetCheck:
    """Every funding rule `plan` breaks for this applicant kind and participation form (none: valid)."""
    rule = programme.funding_for(applicant)
    if rule is None:
        raise rules_error(
            "rules-applicant-not-funded",
            f"{programme.id}은 '{applicant}' 신청을 받지 않습니다.",
            f"{programme.id} does not fund applicant kind '{applicant}'.",
        )
    if min(plan.government_krw, plan.cash_krw, plan.in_kind_krw) < 0:
        raise rules_error(
            "rules-negative-amount", "금액은 0원 이상의 정수입니다.", "Amounts are whole won, not negative."
        )
    form = programme.form(participation)
    form_name = (form.name.ko, form.name.en) if form is not None else (participation, participation)
    violations = [*_government(rule, plan), *_company(rule, plan), *_in_kind(rule, plan, participation, form_name)]
    return BudgetCheck(
        not violations, tuple(violations), government_max(rule, plan.total_krw), _in_kind_max(rule, plan)
    )


def government_max(rule: Funding, total_krw: int) -> int:
    """The largest government amount for a project of `total_krw`: the ratio (rounded down) and the cap."""
    return min(int(Fraction(rule.government_ratio_max) * total_krw), rule.government_cap_krw)


def _government(rule: Funding, plan: BudgetPlan) -> list[Violation]:
    found = []
    ratio = Fraction(rule.government_ratio_max)
    if plan.government_krw > ratio * plan.total_krw:
        found.append(
            Violation(
                "government_ratio_max",
                f"정부지원금 {_won(plan.government_krw)}이 총사업비 {_won(plan.total_krw)}의 "
                f"{_pct(rule.government_ratio_max)}"
                f"({_won(ratio * plan.total_krw)})를 넘습니다",
                f"the government amount {plan.government_krw:,} KRW exceeds {_pct(rule.government_ratio_max)} of "
                "the total "
                f"{plan.total_krw:,} KRW ({int(ratio * plan.total_krw):,} KRW)",
            )
        )
    if plan.government_krw > rule.government_cap_krw:
        found.append(
            Violation(
                "government_cap_krw",
                f"정부지원금 {_won(plan.government_krw)}이 한도 {_won(rule.government_cap_krw)}을 넘습니다",
                f"the government amount {plan.government_krw:,} KRW exceeds the cap of {rule.government_cap_krw:,} KRW",
            )
        )
    return found


def _company(rule: Funding, plan: BudgetPlan) -> list[Violation]:
    found = []
    minimum = Fraction(rule.company_ratio_min) * plan.total_krw
    if plan.company_krw < minimum:
        found.append(
            Violation(
                "company_ratio_min",
                f"기업부담금 {_won(plan.company_krw)}이 총사업비의 {_pct(rule.company_ratio_min)}({_won(minimum)}) "
                "미만입니다",
                f"the company contribution {plan.company_krw:,} KRW is below {_pct(rule.company_ratio_min)} of the "
                "total "
                f"({int(minimum):,} KRW)",
            )
        )
    if (
        rule.company_cash_share_min is not None
        and plan.cash_krw < Fraction(rule.company_cash_share_min) * plan.company_krw
    ):
        found.append(
            Violation(
                "company_cash_share_min",
                f"현금 {_won(plan.cash_krw)}이 기업부담금 {_won(plan.company_krw)}의 "
                f"{_pct(rule.company_cash_share_min)} 미만입니다",
                f"cash {plan.cash_krw:,} KRW is below {_pct(rule.company_cash_share_min)} of the company contribution "
                f"{plan.company_krw:,} KRW",
            )
        )
    return found


def _in_kind_max(rule: Funding, plan: BudgetPlan) -> int:
    if rule.in_kind is None:
        return 0
    return min(int(Fraction(rule.in_kind.max_share_of_company) * plan.company_krw), rule.in_kind.cap_krw)


def _in_kind(rule: Funding, plan: BudgetPlan, participation: str, form_name: tuple[str, str]) -> list[Violation]:
    if plan.in_kind_krw == 0:
        return []
    if rule.in_kind is None or participation not in rule.in_kind.allowed_forms:
        return [
            Violation(
                "in_kind_not_allowed",
                f"{form_name[0]} 시 현물 인건비({_won(plan.in_kind_krw)})는 사업비에 책정할 수 없습니다",
                f"in-kind labour ({plan.in_kind_krw:,} KRW) is not allowed for a {form_name[1]} project",
            )
        ]
    found = []
    share = Fraction(rule.in_kind.max_share_of_company)
    if plan.in_kind_krw > share * plan.company_krw:
        found.append(
            Violation(
                "in_kind_max_share_of_company",
                f"현물 {_won(plan.in_kind_krw)}이 기업부담금 {_won(plan.company_krw)}의 "
                f"{_pct(rule.in_kind.max_share_of_company)}를 넘습니다",
                f"in-kind {plan.in_kind_krw:,} KRW exceeds {_pct(rule.in_kind.max_share_of_company)} of the company "
                f"contribution {plan.company_krw:,} KRW",
            )
        )
    if plan.in_kind_krw > rule.in_kind.cap_krw:
        found.append(
            Violation(
                "in_kind_cap_krw",
                f"현물 {_won(plan.in_kind_krw)}이 한도 {_won(rule.in_kind.cap_krw)}을 넘습니다",
                f"in-kind {plan.in_kind_krw:,} KRW exceeds the cap of {rule.in_kind.cap_krw:,} KRW",
            )
        )
    return found
