"""Obligation states at their boundaries: listed on day X, the product stays listed until X + 1 year − 1 day."""

from __future__ import annotations

from datetime import date

from mfgdata.rules import Programme
from mfgdata.rules.obligations import listing_kept_state, obligation_state


def test_an_obligation_is_due_through_its_last_day_and_overdue_the_day_after() -> None:
    last = date(2026, 9, 30)
    assert obligation_state(due_on=last, done_on=None, today=last) == "due"
    assert obligation_state(due_on=last, done_on=None, today=date(2026, 10, 1)) == "overdue"
    assert obligation_state(due_on=last, done_on=date(2026, 10, 5), today=date(2026, 10, 6)) == "done"


def test_a_listing_kept_a_year_is_done_the_day_after_its_last_day(productization: Programme) -> None:
    listed = date(2026, 7, 15)
    assert listing_kept_state(productization, listed_on=listed, delisted_on=None, today=date(2027, 7, 14)) == (
        "due",
        date(2027, 7, 14),
    )
    assert listing_kept_state(productization, listed_on=listed, delisted_on=None, today=date(2027, 7, 15))[0] == "done"


def test_delisting_on_the_last_day_breaks_the_obligation(productization: Programme) -> None:
    listed = date(2028, 2, 29)
    state, last = listing_kept_state(
        productization, listed_on=listed, delisted_on=date(2029, 2, 27), today=date(2030, 1, 1)
    )
    assert (state, last) == ("overdue", date(2029, 2, 27))
    assert (
        listing_kept_state(productization, listed_on=listed, delisted_on=date(2029, 2, 28), today=date(2030, 1, 1))[0]
        == "done"
    )
