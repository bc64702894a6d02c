"""Application windows in Asia/Seoul: before 17:00:00 on the last day is on time, 17:00:00 is late."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mfgdata.rules import Programme
from mfgdata.rules.errors import RulesError
from mfgdata.rules.programme import SEOUL
from mfgdata.rules.windows import check_agreement_period, check_received, open_round, support_period_end


def _kst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SEOUL)


def test_one_second_before_17_is_on_time_and_17_exactly_is_late(productization: Programme) -> None:
    assert check_received(productization, _kst(2026, 2, 27, 16, 59, 59)).on_time
    late = check_received(productization, _kst(2026, 2, 27, 17, 0, 0))
    assert not late.on_time and "마감" in late.reason_ko and "2026-02-27 17:00:00" in late.reason_ko
    assert check_received(productization, _kst(2026, 2, 27, 16, 59, 59) + timedelta(microseconds=999_999)).on_time


def test_times_in_other_zones_are_judged_in_seoul(productization: Programme) -> None:
    # 08:00 UTC is 17:00 KST: late; 07:59:59 UTC is on time.
    assert not check_received(productization, datetime(2026, 2, 27, 8, 0, 0, tzinfo=UTC)).on_time
    assert check_received(productization, datetime(2026, 2, 27, 7, 59, 59, tzinfo=UTC)).on_time


def test_before_the_window_opens_is_refused(productization: Programme) -> None:
    assert not check_received(productization, _kst(2026, 1, 28, 23, 59, 59)).on_time
    assert check_received(productization, _kst(2026, 1, 29, 0, 0, 0)).on_time


def test_a_naive_datetime_is_refused(productization: Programme) -> None:
    with pytest.raises(RulesError) as caught:
        check_received(productization, datetime(2026, 2, 27, 12, 0))
    assert caught.value.code == "rules-naive-datetime"


def test_rolling_round_is_open_until_its_budget_is_spent(purchase: Programme) -> None:
    assert check_received(purchase, _kst(2023, 12, 20, 10, 0), round_id="2").on_time
    spent = _kst(2023, 10, 5, 9, 30)
    assert check_received(purchase, _kst(2023, 10, 5, 9, 29, 59), round_id="2", closed_at=spent).on_time
    closed = check_received(purchase, _kst(2023, 10, 5, 9, 30), round_id="2", closed_at=spent)
    assert not closed.on_time and "예산 소진" in closed.reason_ko


def test_which_round_is_open(purchase: Programme) -> None:
    assert open_round(purchase, _kst(2023, 7, 31, 16, 0)) == "1"
    assert open_round(purchase, _kst(2023, 8, 15, 12, 0)) is None  # between the rounds
    assert open_round(purchase, _kst(2023, 9, 1, 0, 0)) == "2"
    assert open_round(purchase, _kst(2023, 9, 2, 0, 0), closed=frozenset({"2"})) is None


def test_support_period_is_four_calendar_months(purchase: Programme) -> None:
    assert support_period_end(purchase, date(2023, 8, 1)) == date(2023, 11, 30)
    assert support_period_end(purchase, date(2023, 10, 31)) == date(2024, 2, 28)  # clamped to February
    assert check_agreement_period(purchase, date(2023, 8, 1), date(2023, 11, 30))[0]
    ok, reason_ko, _ = check_agreement_period(purchase, date(2023, 8, 1), date(2023, 12, 1))
    assert not ok and "4개월" in reason_ko
    assert not check_agreement_period(purchase, date(2023, 8, 1), date(2023, 7, 31))[0]


def test_a_round_without_an_hour_takes_the_whole_last_day(productization: Programme) -> None:
    whole_day = productization.rounds[0].model_copy(update={"closes_at": None})
    programme = productization.model_copy(update={"rounds": [whole_day]})
    assert check_received(programme, _kst(2026, 2, 27, 23, 59, 59)).on_time
    assert not check_received(programme, _kst(2026, 2, 28, 0, 0, 0)).on_time


def test_a_productization_agreement_runs_exactly_the_support_period(productization: Programme) -> None:
    assert support_period_end(productization, date(2026, 4, 1)) == date(2026, 7, 31)
    assert check_agreement_period(productization, date(2026, 4, 1), date(2026, 7, 31))[0]
    ok, reason_ko, _ = check_agreement_period(productization, date(2026, 4, 1), date(2026, 7, 30))
    assert not ok and "4개월" in reason_ko and "2026-07-31" in reason_ko
    assert not check_agreement_period(productization, date(2026, 4, 1), date(2026, 8, 1))[0]


def test_a_purchase_agreement_may_be_shorter(purchase: Programme) -> None:
    assert check_agreement_period(purchase, date(2023, 8, 1), date(2023, 10, 15))[0]
