"""The agreement period follows the support period; claims can be capped by the agreement; claim windows are data."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from mfgdata.rules import Programme
from mfgdata.rules.agreements import agreement_end, check_agreement_period
from mfgdata.rules.claims import ClaimLine, check_claim, claim_deadline
from mfgdata.rules.schema_evaluation import Claims

AGREEMENT = (date(2023, 8, 1), date(2023, 11, 30))


def test_a_four_month_period_ends_the_day_before_the_fifth_month(productization: Programme) -> None:
    assert agreement_end(productization, date(2026, 4, 1)) == date(2026, 7, 31)
    assert agreement_end(productization, date(2026, 10, 31)) == date(2027, 2, 27)
    assert check_agreement_period(productization, date(2026, 4, 1), date(2026, 7, 31)) == ()


def test_productization_runs_exactly_the_support_period(productization: Programme) -> None:
    short = check_agreement_period(productization, date(2026, 4, 1), date(2026, 7, 30))
    assert [v.rule for v in short] == ["support_period"]
    assert "4개월" in short[0].ko and "2026-07-31" in short[0].ko


def test_purchase_runs_at_most_the_support_period(purchase: Programme) -> None:
    assert check_agreement_period(purchase, date(2023, 8, 1), date(2023, 10, 15)) == ()
    assert check_agreement_period(purchase, date(2023, 8, 1), date(2023, 11, 30)) == ()
    long = check_agreement_period(purchase, date(2023, 8, 1), date(2023, 12, 1))
    assert [v.rule for v in long] == ["support_period_max"]
    assert "2023-11-30" in long[0].ko


def test_a_period_that_ends_before_it_starts(purchase: Programme) -> None:
    assert [v.rule for v in check_agreement_period(purchase, date(2023, 8, 2), date(2023, 8, 1))] == ["period_order"]


def _line(order: str, price: int) -> ClaimLine:
    return ClaimLine(order, price, date(2023, 9, 1), "card", "manufacturer", date(2023, 7, 1))


def test_the_agreements_amount_lowers_the_cap(purchase: Programme) -> None:
    lines = [_line("o1", 5_000_000), _line("o2", 5_000_000)]
    check = check_claim(
        purchase, lines, buyer="sme", agreement=AGREEMENT, claimed_on=date(2023, 10, 1), cap_krw=6_000_000
    )
    assert [r.subsidy_krw for r in check.lines] == [4_000_000, 2_000_000]
    assert check.remaining_cap_krw == 0


def test_a_higher_agreement_amount_does_not_raise_the_definitions_cap(purchase: Programme) -> None:
    check = check_claim(
        purchase,
        [_line("o1", 20_000_000)],
        buyer="sme",
        agreement=AGREEMENT,
        claimed_on=date(2023, 10, 1),
        cap_krw=30_000_000,
    )
    assert check.subsidy_krw == 10_000_000


def test_a_claim_window_in_days_is_read_from_the_definition(purchase: Programme) -> None:
    assert purchase.claims is not None
    assert claim_deadline(purchase, date(2023, 9, 1)) == date(2023, 12, 31)
    within_60 = purchase.model_copy(
        update={"claims": purchase.claims.model_copy(update={"deadline": "days_after_purchase", "deadline_days": 60})}
    )
    assert claim_deadline(within_60, date(2023, 9, 1)) == date(2023, 10, 31)
    late = check_claim(
        within_60, [_line("o1", 1_000_000)], buyer="sme", agreement=AGREEMENT, claimed_on=date(2023, 11, 1)
    )
    assert not late.valid and "2023-10-31" in late.lines[0].problems_ko[0]


def test_a_days_window_needs_its_number_of_days(purchase: Programme) -> None:
    assert purchase.claims is not None
    data = purchase.claims.model_dump() | {"deadline": "days_after_purchase"}
    with pytest.raises(ValidationError, match="deadline_days"):
        Claims.model_validate(data)
