"""The agreement period (협약기간): how long a selected project runs, from the definition's support period.

000 supports a project for 4 months (지원기간 4개월, exactly); 001 for at most 4 months after the agreement
(협약 후 최대 4개월). A period of `months` starting on 3 March ends on 2 July (the day before the same date
`months` later), so a 4-month project never gets a fifth month's first day.
"""

from __future__ import annotations

from datetime import date, timedelta

from mfgdata.rules.budget import Violation
from mfgdata.rules.dates import add_months
from mfgdata.rules.programme import Programme


def agreement_end(programme: Programme, starts_on: date) -> date:
    """The last day of a full support period that starts on `starts_on`."""
    return add_months(starts_on, programme.support_period.months) - timedelta(days=1)


def check_agreement_period(programme: Programme, starts_on: date, ends_on: date) -> tuple[Violation, ...]:
    """What is wrong with the period `starts_on`–`ends_on` for this programme (empty: it fits)."""
    if ends_on < starts_on:
        return (
            Violation(
                "period_order",
                f"협약 종료일 {ends_on}이 시작일 {starts_on}보다 앞섭니다",
                f"the agreement ends ({ends_on}) before it starts ({starts_on})",
            ),
        )
    period = programme.support_period
    last = agreement_end(programme, starts_on)
    if period.is_maximum and ends_on > last:
        return (
            Violation(
                "support_period_max",
                f"협약기간 {starts_on}~{ends_on}이 지원기간 최대 {period.months}개월({last}까지)을 넘습니다",
                f"the period {starts_on} to {ends_on} exceeds the support period of at most {period.months} "
                f"months (until {last})",
            ),
        )
    if not period.is_maximum and ends_on != last:
        return (
            Violation(
                "support_period",
                f"협약기간은 지원기간 {period.months}개월({starts_on}~{last})이어야 합니다 (입력: {ends_on}까지)",
                f"the agreement must run the support period of {period.months} months ({starts_on} to {last}), "
                f"not until {ends_on}",
            ),
        )
    return ()
