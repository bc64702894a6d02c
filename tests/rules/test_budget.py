"""Budget plans against notice 000: 80 % and 5천만원, 20 % company share with 10 % of it cash, in-kind ≤ 90 %
of the company share and ≤ 1,125만원, no in-kind for a solo applicant."""

from __future__ import annotations

import pytest

from mfgdata.rules import Programme
from mfgdata.rules.budget import BudgetPlan, check_budget_plan
from mfgdata.rules.errors import RulesError


def _rules(productization: Programme, plan: BudgetPlan, participation: str = "consortium") -> list[str]:
    check = check_budget_plan(productization, plan, applicant="sme", participation=participation)
    return [v.rule for v in check.violations]


def test_the_notices_worked_example_passes(productization: Programme) -> None:
    # 000:168 총과제비 6,250만원: 정부 5,000만원(80%), 기업 1,250만원(20%), 인건비 1,125만원 이내
    plan = BudgetPlan(government_krw=50_000_000, cash_krw=1_250_000, in_kind_krw=11_250_000)
    check = check_budget_plan(productization, plan, applicant="sme", participation="consortium")
    assert plan.total_krw == 62_500_000 and check.valid
    assert (check.government_max_krw, check.in_kind_max_krw) == (50_000_000, 11_250_000)


def test_exactly_80_percent_passes_and_one_won_more_does_not(productization: Programme) -> None:
    assert _rules(productization, BudgetPlan(8_000_000, 2_000_000)) == []
    assert _rules(productization, BudgetPlan(8_000_001, 1_999_999)) == ["government_ratio_max", "company_ratio_min"]


def test_government_cap(productization: Programme) -> None:
    assert _rules(productization, BudgetPlan(50_000_001, 20_000_000)) == ["government_cap_krw"]


def test_cash_must_be_a_tenth_of_the_company_share(productization: Programme) -> None:
    assert _rules(productization, BudgetPlan(40_000_000, 1_000_000, 9_000_000)) == []
    assert _rules(productization, BudgetPlan(40_000_000, 999_999, 9_000_001)) == [
        "company_cash_share_min",
        "in_kind_max_share_of_company",
    ]


def test_in_kind_cap_plus_one_won(productization: Programme) -> None:
    plan = BudgetPlan(government_krw=50_000_000, cash_krw=2_000_000, in_kind_krw=11_250_001)
    check = check_budget_plan(productization, plan, applicant="sme", participation="consortium")
    assert [v.rule for v in check.violations] == ["in_kind_cap_krw"]
    assert "11,250,001" in check.violations[0].en and "11,250,000" in check.violations[0].ko.replace("원", "")


def test_solo_applicant_with_in_kind_labour(productization: Programme) -> None:
    plan = BudgetPlan(government_krw=40_000_000, cash_krw=5_000_000, in_kind_krw=5_000_000)
    assert _rules(productization, plan, participation="solo") == ["in_kind_not_allowed"]
    verdict = check_budget_plan(productization, plan, applicant="sme", participation="solo")
    assert verdict.violations[0].ko.startswith("단독 참여 시 현물 인건비(")
    assert _rules(productization, BudgetPlan(40_000_000, 10_000_000), participation="solo") == []


def test_an_applicant_kind_the_programme_does_not_fund(productization: Programme) -> None:
    with pytest.raises(RulesError):
        check_budget_plan(productization, BudgetPlan(1, 1), applicant="nonprofit", participation="solo")
    with pytest.raises(RulesError):
        check_budget_plan(productization, BudgetPlan(-1, 1), applicant="sme", participation="solo")
