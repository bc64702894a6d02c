"""Mandatory linked items (연계 의무): which are due at a stage, which are missing, and until when they run.

000 asks for a consulting application inside the business plan (at application), AAS education after
selection, linked consulting during the agreement and the product kept listed at least a year; 001 asks
for an unlisted product to be listed before evaluation and a claim within the year.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from mfgdata.rules.dates import add_months
from mfgdata.rules.programme import Programme
from mfgdata.rules.schema_evaluation import Obligation, ObligationStage


def obligations_at(programme: Programme, stage: ObligationStage) -> list[Obligation]:
    """The obligations that fall due at `stage`, in the definition's order."""
    return [o for o in programme.obligations if o.when == stage]


def missing_obligations(programme: Programme, stage: ObligationStage, done: Iterable[str]) -> list[Obligation]:
    """The obligations of `stage` not in `done` (ids), e.g. a business plan without its consulting application."""
    completed = set(done)
    return [o for o in obligations_at(programme, stage) if o.id not in completed]


def obligation_due(programme: Programme, obligation_id: str, starts_on: date) -> date | None:
    """The last day of an obligation with a duration (a product listed on `starts_on` stays until this day)."""
    obligation = programme.obligation(obligation_id)
    if obligation is None or obligation.duration_months is None:
        return None
    return add_months(starts_on, obligation.duration_months) - timedelta(days=1)


ObligationState = Literal["done", "due", "overdue"]


def obligation_state(*, due_on: date | None, done_on: date | None, today: date) -> ObligationState:
    """Done once completed; due up to and including its last day; overdue from the day after."""
    if done_on is not None:
        return "done"
    if due_on is not None and today > due_on:
        return "overdue"
    return "due"


def listing_kept_state(
    programme: Programme, *, listed_on: date, delisted_on: date | None, today: date
) -> tuple[ObligationState, date | None]:
    """The 1-year listing obligation of a product listed on `listed_on`, and its last day.

    Kept while listed through the last day (listed on X: until X + 1 year − 1 day); delisted on or before
    that day it is breached (overdue); the day after the last day it is done.
    """
    last_day = obligation_due(programme, "listing_kept", listed_on)
    if last_day is None:
        return "done", None
    if delisted_on is not None and delisted_on <= last_day:
        return "overdue", last_day
    return ("done" if today > last_day else "due"), last_day
