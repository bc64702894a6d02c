"""Bonus points: granted only when claimed and confirmed by the trade record or the consulting register."""

from __future__ import annotations

from datetime import UTC, date, datetime

from mfgdata.rules import Programme
from mfgdata.rules.bonuses import ConsultingRecord, TradeEvent, bonus_points, evaluate_bonuses


def _points(productization: Programme, **options: object) -> dict[str, int]:
    findings = evaluate_bonuses(productization, organisation_id="org-1", **options)  # type: ignore[arg-type]
    return {f.bonus_id: f.points for f in findings}


def test_a_trade_on_the_notice_date_counts_and_the_day_after_does_not(productization: Programme) -> None:
    on_notice = [TradeEvent("org-1", "sale", date(2026, 1, 29))]
    after = [TradeEvent("org-1", "register", date(2026, 1, 30))]
    assert _points(productization, claimed=["library_trade"], trades=on_notice)["library_trade"] == 3
    findings = evaluate_bonuses(productization, organisation_id="org-1", claimed=["library_trade"], trades=after)
    assert findings[0].points == 0 and "공고일 이후 1건은 제외" in findings[0].reason_ko


def test_other_organisations_trades_do_not_count(productization: Programme) -> None:
    trades = [TradeEvent("org-2", "purchase", date(2025, 6, 1))]
    assert _points(productization, claimed=["library_trade"], trades=trades)["library_trade"] == 0


def test_an_unclaimed_bonus_is_not_granted_even_with_evidence(productization: Programme) -> None:
    trades = [TradeEvent("org-1", "sale", date(2025, 6, 1))]
    findings = evaluate_bonuses(productization, organisation_id="org-1", claimed=[], trades=trades)
    assert bonus_points(findings) == 0 and findings[0].reason_ko.startswith("신청하지 않음")


def test_consulting_bonus_needs_a_completed_separate_consulting(productization: Programme) -> None:
    done = ConsultingRecord("org-1", "consulting-2025-rolling", date(2025, 11, 30))
    linked = ConsultingRecord("org-1", "consulting-2025-rolling", date(2025, 11, 30), programme_linked=True)
    unfinished = ConsultingRecord("org-1", "consulting-2025-rolling", None)
    claim = ["consulting_2025"]
    assert _points(productization, claimed=claim, consulting=[done])["consulting_2025"] == 3
    assert _points(productization, claimed=claim, consulting=[linked])["consulting_2025"] == 0
    assert _points(productization, claimed=claim, consulting=[unfinished])["consulting_2025"] == 0
    assert _points(productization, claimed=claim, consulting=[])["consulting_2025"] == 0


def test_both_bonuses_add_up_to_six(productization: Programme) -> None:
    findings = evaluate_bonuses(
        productization,
        organisation_id="org-1",
        claimed=["library_trade", "consulting_2025"],
        trades=[TradeEvent("org-1", "register", date(2024, 5, 1))],
        consulting=[ConsultingRecord("org-1", "consulting-2025-rolling", date(2025, 9, 1))],
    )
    assert bonus_points(findings) == 6


def test_a_trade_time_counts_on_its_seoul_day(productization: Programme) -> None:
    evening_utc = datetime(2026, 1, 29, 15, 30, tzinfo=UTC)  # 2026-01-30 00:30 in Seoul: after the notice date
    afternoon_utc = datetime(2026, 1, 29, 14, 59, tzinfo=UTC)  # 23:59 in Seoul on the notice date
    assert _points(productization, claimed=["library_trade"], trades=[TradeEvent("org-1", "sale", evening_utc)]) == {
        "library_trade": 0,
        "consulting_2025": 0,
    }
    granted = _points(productization, claimed=["library_trade"], trades=[TradeEvent("org-1", "sale", afternoon_utc)])
    assert granted["library_trade"] == 3
