"""Final selection: pass mark before bonus, site check 적/부, ranking with tie-breaks, budget, rolling rounds."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from mfgdata.rules import Programme
from mfgdata.rules.programme import SEOUL
from mfgdata.rules.scoring import PanelScore, ScoreSheet, panel_score
from mfgdata.rules.selection import Candidate, select, site_check_order

START = datetime(2026, 2, 1, 9, 0, tzinfo=SEOUL)
SITE_OK = {"plant_operating": True, "data_matches_plan": True, "data_held": True}


def _score(programme: Programme, **by_section: str) -> PanelScore:
    """One evaluator scoring each section at a share of its points (default 0.8)."""
    scores = {}
    for section in programme.evaluation.sections:
        share = Decimal(by_section.get(section.id, "0.8"))
        scores |= {c.id: Decimal(c.points) * share for c in section.criteria}
    return panel_score(programme, [ScoreSheet("e1", scores)])


def _candidate(
    programme: Programme,
    name: str,
    minute: int = 0,
    *,
    requested: int = 50_000_000,
    bonus: int = 0,
    site: dict[str, bool] | None = None,
    **sections: str,
) -> Candidate:
    return Candidate(
        name,
        requested,
        START + timedelta(minutes=minute),
        _score(programme, **sections),
        bonus,
        SITE_OK if site is None else site,
    )


def test_bonus_counts_in_the_ranking_but_not_for_the_pass_mark(productization: Programme) -> None:
    below = _candidate(
        productization, "below", bonus=6, understanding="0.55", execution="0.55", results="0.55", capability="0.55"
    )
    high = _candidate(productization, "high", 1)
    boosted = _candidate(
        productization, "boosted", 2, bonus=3, understanding="0.75", execution="0.8", results="0.8", capability="0.8"
    )
    result = select(productization, [below, high, boosted])
    assert result.ids("selected") == ["boosted", "high"]  # 79 + 3 = 82 before 80
    assert result.by_id["below"].status == "failed" and "60" in result.by_id["below"].reasons_ko[0]


def test_one_fail_on_the_site_check_excludes(productization: Programme) -> None:
    failed = _candidate(productization, "failed", site={**SITE_OK, "data_held": False})
    unchecked = _candidate(productization, "unchecked", site={"plant_operating": True})
    result = select(productization, [failed, unchecked, _candidate(productization, "ok")])
    assert result.ids("selected") == ["ok"]
    assert "현장확인 '부'" in result.by_id["failed"].reasons_ko[0]
    assert "현장확인 결과가 없습니다" in result.by_id["unchecked"].reasons_ko[0]


def test_a_tie_is_broken_by_the_heaviest_section_then_submission(productization: Programme) -> None:
    # Both 80 points: 'strong' has the higher mean in 사업 수행 공정 및 수행 방안 (execution, 30).
    strong = _candidate(productization, "strong", 5, execution="0.9", capability="0.65")
    weak = _candidate(productization, "weak", 0, execution="0.8")
    early = _candidate(productization, "early", 1, understanding="0.7", capability="0.9")
    late = _candidate(productization, "late", 2, understanding="0.7", capability="0.9")
    result = select(productization, [weak, late, strong, early])
    assert [e.final_score for e in result.entries] == [Decimal(80)] * 4
    assert result.ids("selected") == ["strong", "weak", "early", "late"]
    assert result.by_id["strong"].tie_broken_by == "section:execution"
    assert result.by_id["weak"].tie_broken_by == "section:execution"  # against the one above it
    assert result.by_id["early"].tie_broken_by == "submitted_at"
    assert not any(e.tie_unresolved for e in result.entries)


def test_an_unresolvable_tie_is_flagged(productization: Programme) -> None:
    twins = [_candidate(productization, "b"), _candidate(productization, "a")]
    result = select(productization, twins)
    assert result.ids("selected") == ["a", "b"] and all(e.tie_unresolved for e in result.entries)


def test_selection_stops_where_the_budget_ends_and_the_rest_wait_in_order(productization: Programme) -> None:
    candidates = [
        _candidate(productization, f"c{i}", i, understanding=str(Decimal("0.9") - Decimal(i) / 100)) for i in range(5)
    ]
    result = select(productization, candidates, budget_krw=120_000_000)
    assert result.ids("selected") == ["c0", "c1"] and result.used_krw == 100_000_000
    assert result.ids("waiting") == ["c2", "c3", "c4"]
    assert [e.rank for e in result.entries] == [1, 2, 3, 4, 5]
    assert "20,000,000원" in result.by_id["c2"].reasons_ko[0]
    assert select(productization, candidates, max_count=3).ids("selected") == ["c0", "c1", "c2"]


def test_a_rolling_round_selects_in_order_of_completion_until_its_budget_is_spent(purchase: Programme) -> None:
    def done(name: str, minute: int, requested: int, share: str = "0.7") -> Candidate:
        at = datetime(2023, 9, 5, 10, tzinfo=SEOUL) + timedelta(minutes=minute)
        return Candidate(name, requested, at - timedelta(days=1), _score(purchase, understanding=share), 0, None, at)

    candidates = [
        done("third", 30, 4_000_000, "0.95"),
        done("first", 10, 10_000_000),
        done("second", 20, 9_000_000),
        done("fails", 5, 1_000_000, "0.1"),
        done("fourth", 40, 1_000_000),
    ]
    result = select(purchase, candidates, round_id="2", budget_krw=22_000_000)
    assert result.ids("selected") == ["first", "second"]  # the higher score of 'third' does not matter here
    assert result.ids("waiting") == ["third", "fourth"]  # 3,000,000 left cannot pay 'third': the budget is spent
    assert result.budget_spent_at == datetime(2023, 9, 5, 10, 30, tzinfo=SEOUL)
    assert result.by_id["fails"].status == "failed"


def test_forty_applicants_five_evaluators_against_a_hand_count(productization: Programme) -> None:
    # Applicant i gets 95 - i from every evaluator (i = 0..39), every fourth claims +3, applicant 7 fails its
    # site check, and 40,000,000 won is requested each: 1,250,000,000 pays 31 of them.
    candidates = []
    for i in range(40):
        target = Decimal(95 - i)
        sheets = [ScoreSheet(f"e{k}", _split(productization, target)) for k in range(5)]
        site = {**SITE_OK, "data_held": i != 7}
        candidates.append(
            Candidate(
                f"a{i:02}",
                40_000_000,
                START + timedelta(minutes=i),
                panel_score(productization, sheets),
                3 if i % 4 == 0 else 0,
                site,
            )
        )
    result = select(productization, candidates)
    passed = [i for i in range(40) if 95 - i >= 60 and i != 7]  # 0..35 without 7: 35 applicants
    expected = sorted(passed, key=lambda i: (-(95 - i + (3 if i % 4 == 0 else 0)), i))
    assert result.ids("selected") == [f"a{i:02}" for i in expected[:31]]
    assert result.ids("waiting") == [f"a{i:02}" for i in expected[31:]]
    assert set(result.ids("failed")) == {f"a{i:02}" for i in [7, 36, 37, 38, 39]}
    assert result.used_krw == 31 * 40_000_000


def _split(programme: Programme, total: Decimal) -> dict[str, Decimal]:
    """Scores adding up to `total`, each criterion at the same share of its points."""
    share = total / programme.evaluation.total_points
    return {c: Decimal(p) * share for c, p in programme.criterion_points().items()}


def test_site_check_targets_are_ranked_by_the_mean_before_bonus(productization: Programme) -> None:
    # 000:133: 60점 이상 중 고득점순으로 현장확인 대상; bonuses count only in the final ranking (000:154).
    candidates = [
        _candidate(
            productization,
            "boosted",
            0,
            bonus=6,
            understanding="0.7",
            execution="0.7",
            results="0.7",
            capability="0.7",
            site={},
        ),
        _candidate(productization, "plain", 1, site={}),
        _candidate(
            productization,
            "below",
            2,
            bonus=6,
            understanding="0.5",
            execution="0.5",
            results="0.5",
            capability="0.5",
            site={},
        ),
    ]
    assert site_check_order(productization, candidates) == ["plain", "boosted"]
