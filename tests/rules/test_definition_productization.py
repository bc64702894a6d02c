"""The shipped 2026 productization definition, number by number against notice 000 (line in each comment)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from mfgdata.rules import Programme


def test_notice_and_window(productization: Programme, notice_line) -> None:
    assert productization.notice.published_on == date(2026, 1, 29)  # 000:7 2026년 1월 29일
    assert "2026년 1월 29일" in notice_line("000", 7)
    (window,) = productization.rounds  # 000:97 2026년 1월 29일(목) ~ 2월 27일(금) 17시까지
    assert (window.opens_on, window.closes_on, window.closes_at) == (date(2026, 1, 29), date(2026, 2, 27), time(17))
    assert window.selection == "ranked" and not window.until_budget_spent
    assert "2월 27일(금) 17시까지" in notice_line("000", 97)


def test_budget_period_and_ratios(productization: Programme, notice_line) -> None:
    budget = productization.budget  # 000:22 12.5억원(기업당 최대 0.5억원), 25개 내외 지원(부가세 별도)
    assert (budget.total_krw, budget.per_company_cap_krw, budget.expected_count) == (1_250_000_000, 50_000_000, 25)
    assert budget.expected_count_is_approximate and budget.vat_excluded
    assert "12.5억원(기업당 최대 0.5억원), 25개 내외" in notice_line("000", 22)
    assert productization.support_period.months == 4  # 000:25 4개월
    (rule,) = productization.funding  # 000:25 80% 이내 / 20% 이상 (기업부담금의 10% 이상 현금부담)
    assert rule.applicants == ["sme", "midsize"]
    assert rule.government_ratio_max == Decimal("0.80") and rule.government_cap_krw == 50_000_000
    assert rule.company_ratio_min == Decimal("0.20") and rule.company_cash_share_min == Decimal("0.10")
    assert "80% 이내\t20% 이상 (기업부담금의 10% 이상 현금부담)" in notice_line("000", 25)
    in_kind = rule.in_kind  # 000:166 기업부담금 90% 이내(최대 1,125만원); 000:172 단독 참여 시 현물 불가
    assert in_kind is not None
    assert (in_kind.max_share_of_company, in_kind.cap_krw, in_kind.allowed_forms) == (
        Decimal("0.90"),
        11_250_000,
        ["consortium"],
    )
    assert "90% 이내(최대 1,125만원)" in notice_line("000", 166)
    example = rule.worked_example  # 000:168 총과제비 6,250만원: 정부 5,000만원, 기업 1,250만원, 인건비 1,125만원 이내
    assert example is not None
    assert (example.total_krw, example.government_krw, example.company_krw, example.in_kind_max_krw) == (
        62_500_000,
        50_000_000,
        12_500_000,
        11_250_000,
    )


def test_applicants_and_forms(productization: Programme) -> None:
    # 000:77 국내 중소·중견 제조기업, 제조데이터를 수집 중; 000:79 ①단독 참여 또는 ②가공기업과 컨소시엄 참여
    assert [a.kind for a in productization.applicants] == ["sme", "midsize"]
    assert all(
        a.requires == ["domestic", "manufacturer", "collects_manufacturing_data"] for a in productization.applicants
    )
    assert [(f.number, f.id, f.partner) for f in productization.participation] == [
        (1, "solo", None),
        (2, "consortium", "processor"),
    ]


def test_documents_numbered_as_in_the_notice_without_item_8(productization: Programme, notice_line) -> None:
    documents = {d.number: d for d in productization.documents}
    assert sorted(documents) == [1, 2, 3, 4, 5, 6, 7, 9, 10]  # 000:104-112
    assert notice_line("000", 111).startswith("9\t컨소시엄 협약서")
    with_validity = {n for n, d in documents.items() if d.validity_months == 3}
    assert with_validity == {2, 3, 4, 6}  # 000:105,106,107,109 (발행일로부터 3개월 이내)
    for number in (2, 3, 4, 6):
        assert "발행일로부터 3개월 이내" in notice_line("000", 103 + number - (1 if number > 8 else 0))
    assert {n for n, d in documents.items() if d.requirement == "required"} == {1, 2, 3, 4, 5, 6, 7}
    assert documents[9].applies_when and documents[9].applies_when.participation == ["consortium"]  # 000:111 해당시
    assert documents[10].applies_when and documents[10].applies_when.bonus_claimed is True  # 000:112 해당시
    assert documents[7].issuer and documents[7].issuer.ko == "국세청 발급"  # 000:110


def test_exclusions_with_their_exceptions(productization: Programme) -> None:
    rules = {e.number: e for e in productization.exclusions}
    assert sorted(rules) == [1, 2, 3, 4, 5, 6]  # 000:85-93
    assert rules[2].unless and rules[3].unless  # 000:87, 000:89 재창업자금 / 재기지원보증 예외
    assert rules[5].unless == {"company_age_under_years": 7, "as_of": "application_deadline"}  # 000:92
    assert rules[6].when == {"sanction_active": {}}  # 000:93 제재처분 조치 기간 중
    assert rules[1].unless is None and rules[4].unless is None


def test_evaluation_sections_and_points(productization: Programme, notice_line) -> None:
    evaluation = productization.evaluation
    sections = [(s.points, [c.points for c in s.criteria]) for s in evaluation.sections]
    assert sections == [(20, [10, 10]), (30, [5, 15, 10]), (30, [15, 15]), (20, [10, 10])]  # 000:138-146
    assert evaluation.total_points == 100  # 000:147
    assert evaluation.pass_mark == 60 and evaluation.pass_mark_basis == "before_bonus"  # 000:133 60점 이상
    assert evaluation.aggregation == "mean" and evaluation.panel_size == 5  # 000:133 5인 내외, 산술평점
    assert "5인 내외" in notice_line("000", 133) and "산술평점" in notice_line("000", 133)
    assert notice_line("000", 140).endswith("5") and notice_line("000", 141).endswith("15")
    assert evaluation.tie_break.from_notice is False  # the notice has no tie-break rule


def test_bonuses_site_check_and_obligations(productization: Programme) -> None:
    bonuses = {b.id: b for b in productization.bonuses}  # 000:150-151, 3점 each
    assert {k: b.points for k, b in bonuses.items()} == {"library_trade": 3, "consulting_2025": 3}
    assert bonuses["library_trade"].as_of == "notice_date"
    assert bonuses["library_trade"].trade_kinds == ["register", "sale", "purchase"]
    assert bonuses["consulting_2025"].exclude_programme_linked
    site = productization.site_check  # 000:159-161 적/부, 000:154 '부'가 없으며
    assert site is not None and len(site.items) == 3 and site.any_fail_excludes
    assert [s.id for s in productization.selection.procedure] == [
        "eligibility",
        "evaluation",
        "site_check",
        "final_selection",
    ]  # 000:127
    assert productization.selection.final_score == "base_plus_bonus"  # 000:154
    obligations = {o.id: o for o in productization.obligations}
    assert obligations["aas_education"].when == "after_selection"  # 000:56
    assert obligations["consulting_application"].when == "application"  # 000:60, 000:114
    assert obligations["listing_kept"].duration_months == 12  # 000:165 최소 1년 이상 유지
