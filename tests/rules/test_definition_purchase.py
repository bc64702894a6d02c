"""The shipped 2023 purchase definition, number by number against notice 001 (line in each comment)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from mfgdata.rules import Programme


def test_notice_and_rounds(purchase: Programme, notice_line) -> None:
    assert purchase.notice.number == "중소벤처기업부 공고 제2023-382호"  # 001:1
    assert purchase.notice.published_on == date(2023, 6, 30)  # 001:11
    first, second = purchase.rounds
    assert (first.opens_on, first.closes_on, first.closes_at) == (
        date(2023, 6, 30),
        date(2023, 7, 31),
        time(17),
    )  # 001:111
    assert "2023년 7월 31일(월) 17시까지" in notice_line("001", 111)
    assert second.opens_on == date(2023, 9, 1) and second.closes_on is None  # 001:112 예산소진시까지
    assert second.until_budget_spent and second.selection == "rolling"
    assert "예산소진시까지" in notice_line("001", 112)


def test_budget_period_and_ratios(purchase: Programme, notice_line) -> None:
    budget = purchase.budget  # 001:21 5억원(기업 당 최대 1천만원), 50개 내외
    assert (budget.total_krw, budget.per_company_cap_krw, budget.expected_count) == (500_000_000, 10_000_000, 50)
    assert "5억원(기업 당 최대 1천만원), 50개 내외" in notice_line("001", 21)
    assert budget.vat_excluded is None  # the notice does not say
    period = purchase.support_period  # 001:83 4개월 (최대), 001:89 협약체결 후
    assert (period.months, period.is_maximum, period.starts) == (4, True, "agreement")
    company = purchase.funding_for("sme")
    assert company is not None and purchase.funding_for("midsize") is company
    assert (company.government_ratio_max, company.government_cap_krw, company.company_ratio_min) == (
        Decimal("0.80"),
        10_000_000,
        Decimal("0.20"),
    )  # 001:78, 001:85
    assert company.several_products and company.cap_scope == "per_company"  # 001:271 복수 상품, 기업 당 1천만원 한도
    nonprofit = purchase.funding_for("nonprofit")  # 001:87 100% 이내, 001:91 기업부담금 없이
    assert nonprofit is not None
    assert (nonprofit.government_ratio_max, nonprofit.company_ratio_min) == (Decimal("1.00"), Decimal("0"))
    assert nonprofit.products_registered_by == ["manufacturer"]  # 001:105
    assert "제조기업에서 등록한 제조데이터 상품에 한정" in notice_line("001", 105)


def test_applicants_documents_and_exclusions(purchase: Programme, notice_line) -> None:
    assert [a.kind for a in purchase.applicants] == ["sme", "midsize", "nonprofit"]  # 001:95, 001:99
    assert [f.id for f in purchase.participation] == ["solo"]
    documents = {d.number: d for d in purchase.documents}
    assert sorted(documents) == [1, 2, 3, 4, 5, 6]  # 001:128-138
    assert {n for n, d in documents.items() if d.validity_months == 3} == {2, 3, 4}  # 001:130,132,134
    assert "(발행일로부터 3개월 이내)" not in notice_line("001", 138)  # 6 최근년도 재무제표: no validity
    assert all(d.requirement == "required" for d in documents.values())
    rules = {e.number: e for e in purchase.exclusions}
    assert sorted(rules) == [1, 2, 3, 4, 5]  # 001:295-311, no capital-impairment rule
    assert rules[5].when == {"sanction_active": {"scopes": ["smart_factory"]}}  # 001:311


def test_evaluation_and_after_selection(purchase: Programme, notice_line) -> None:
    sections = [(s.points, [c.points for c in s.criteria]) for s in purchase.evaluation.sections]
    assert sections == [(40, [20, 20]), (40, [20, 20]), (20, [10, 10])]  # 001:219-243
    assert purchase.evaluation.total_points == 100 and purchase.evaluation.pass_mark == 60  # 001:245, 001:213
    assert "60점 이상" in notice_line("001", 213)
    assert purchase.bonuses == [] and purchase.site_check is None
    assert purchase.selection.final_score == "base"
    claims = purchase.claims  # 001:116 연내 지급요청; 001:285-289 카드결제, 실시간 계좌이체(세금계산서)
    assert claims is not None and claims.deadline == "end_of_purchase_year"
    assert [(m.id, m.needs_tax_invoice) for m in claims.payment_methods] == [
        ("card", False),
        ("realtime_transfer", True),
    ]
    usage = {i.id: i for i in purchase.inspections}  # 001:174-184 ⑥ 수시점검, ⑧ 활용점검(정상수행·실패)
    assert [o.ko for o in usage["usage_check"].outcomes] == ["정상수행", "실패"]
    assert purchase.integrity and [m.id for m in purchase.integrity.measures] == [
        "recovery",
        "exclusion",
        "criminal_complaint",
    ]  # 001:283
    consulting = purchase.obligation("consulting")  # 001:249-251 컨설팅 필수 연계(기업부담금 없음)
    assert consulting is not None and consulting.company_pays is False
