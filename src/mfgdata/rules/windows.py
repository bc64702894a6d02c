"""Application windows and periods in Asia/Seoul: is a submission on time, when does support end.

A submission is on time only if it is received *before* the closing moment (2026-02-27 17:00:00 KST:
17:00:00 exactly is late) and not before the round opens (00:00 on the first day). A rolling round has no
last day; it stops taking applications when its budget is spent, which the caller says with `closed_at`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mfgdata.rules.dates import add_months
from mfgdata.rules.errors import rules_error
from mfgdata.rules.programme import SEOUL, Programme


@dataclass(frozen=True)
class WindowCheck:
    """Whether a submission was received in its round, with the reason (ko/en)."""

    on_time: bool
    round_id: str
    received_at: datetime
    closes_at: datetime | None
    reason_ko: str
    reason_en: str


def seoul(moment: datetime) -> datetime:
    """`moment` in Asia/Seoul; a naive datetime is refused because its meaning is unknown."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise rules_error(
            "rules-naive-datetime",
            "시각에 시간대가 없습니다. Asia/Seoul 등 시간대를 붙여 주세요.",
            "The time has no time zone. Give it one (e.g. Asia/Seoul).",
        )
    return moment.astimezone(SEOUL)


def check_received(
    programme: Programme, received_at: datetime, *, round_id: str | None = None, closed_at: datetime | None = None
) -> WindowCheck:
    """Whether `received_at` falls in the round; `closed_at` is when a rolling round's budget ran out."""
    window = programme.round(round_id)
    received = seoul(received_at)
    opens = datetime.combine(window.opens_on, time(0), SEOUL)
    closes = programme.deadline_at(window.id)
    if closed_at is not None:
        closes = min(closes, seoul(closed_at)) if closes else seoul(closed_at)
    stamp = received.strftime("%Y-%m-%d %H:%M:%S")
    if received < opens:
        return WindowCheck(
            False,
            window.id,
            received,
            closes,
            f"접수 시작({window.opens_on}) 전입니다({stamp} KST)",
            f"received {stamp} KST, before the round opens on {window.opens_on}",
        )
    if closes is not None and received >= closes:
        end = closes.strftime("%Y-%m-%d %H:%M:%S")
        budget = " — 예산 소진" if closed_at is not None and window.until_budget_spent else ""
        return WindowCheck(
            False,
            window.id,
            received,
            closes,
            f"마감({end} KST{budget}) 이후 접수입니다({stamp} KST)",
            f"received {stamp} KST, at or after the close ({end} KST)",
        )
    return WindowCheck(
        True, window.id, received, closes, f"기한 내 접수({stamp} KST)", f"received on time ({stamp} KST)"
    )


def open_round(programme: Programme, moment: datetime, *, closed: frozenset[str] = frozenset()) -> str | None:
    """The id of the round taking applications at `moment` (rounds in `closed` have spent their budget)."""
    for window in programme.rounds:
        if window.id not in closed and check_received(programme, moment, round_id=window.id).on_time:
            return window.id
    return None


def support_period_end(programme: Programme, starts_on: date) -> date:
    """The last day of support that starts on `starts_on`: N calendar months later, minus one day."""
    return add_months(starts_on, programme.support_period.months) - timedelta(days=1)


def check_agreement_period(programme: Programme, starts_on: date, ends_on: date) -> tuple[bool, str, str]:
    """Whether an agreement period fits the support period; (ok, reason ko, reason en).

    001's period is a maximum (협약 후 최대 4개월); 000's is the support period itself (지원기간 4개월), so
    its agreement must end on the period's last day.
    """
    if ends_on < starts_on:
        return (
            False,
            f"협약 종료일 {ends_on}이 시작일 {starts_on}보다 앞섭니다",
            f"the agreement ends ({ends_on}) before it starts",
        )
    latest = support_period_end(programme, starts_on)
    months = programme.support_period.months
    if ends_on > latest:
        return (
            False,
            f"협약기간이 지원기간 {months}개월({latest}까지)을 넘습니다",
            f"the agreement runs past the {months}-month support period (last day {latest})",
        )
    if not programme.support_period.is_maximum and ends_on != latest:
        return (
            False,
            f"협약기간은 지원기간 {months}개월({starts_on}~{latest})이어야 합니다 (입력: {ends_on}까지)",
            f"the agreement must run the {months}-month support period ({starts_on} to {latest}), not to {ends_on}",
        )
    return True, f"지원기간 {months}개월 이내({latest}까지)", f"within the {months}-month support period (to {latest})"
