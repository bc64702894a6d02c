"""Bonus points (가점): a claim is granted only when a register confirms it.

- ``trade_record``: the marketplace's trades (listing, sale or purchase) of the organisation, counted up
  to and including the notice date (공고일 기준).
- ``consulting_register``: the operator's import of who completed a separate consulting programme (e.g.
  '25 제조데이터 컨설팅(수시)); consulting linked to the productization programme itself does not count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from mfgdata.rules.documents import submission_day
from mfgdata.rules.programme import Programme
from mfgdata.rules.schema_evaluation import Bonus

TradeKind = Literal["register", "sale", "purchase"]


@dataclass(frozen=True)
class TradeEvent:
    """One marketplace trade of an organisation: a product listed, sold or bought, on a day.

    `on` may be an aware datetime; it is then counted on its Asia/Seoul day (2026-01-29 15:30 UTC is the 30th).
    """

    organisation_id: str
    kind: TradeKind
    on: date

    def day(self) -> date:
        return submission_day(self.on)


@dataclass(frozen=True)
class ConsultingRecord:
    """One line of the external consulting register."""

    organisation_id: str
    programme: str
    completed_on: date | None
    programme_linked: bool = False


@dataclass(frozen=True)
class BonusFinding:
    """The verdict on one bonus: claimed or not, granted or not, the points, and why."""

    bonus_id: str
    claimed: bool
    granted: bool
    points: int
    reason_ko: str
    reason_en: str


def evaluate_bonuses(
    programme: Programme,
    *,
    organisation_id: str,
    claimed: Iterable[str],
    trades: Iterable[TradeEvent] = (),
    consulting: Iterable[ConsultingRecord] = (),
) -> list[BonusFinding]:
    """Each bonus of the programme, granted when claimed and confirmed by the registers."""
    wanted = set(claimed)
    trades, consulting = list(trades), list(consulting)
    findings = []
    for bonus in programme.bonuses:
        confirmed, ko, en = (
            _trade(programme, bonus, organisation_id, trades)
            if bonus.evidence == "trade_record"
            else _consulting(bonus, organisation_id, consulting)
        )
        is_claimed = bonus.id in wanted
        if not is_claimed:
            ko, en = f"신청하지 않음({ko})", f"not claimed ({en})"
        granted = is_claimed and confirmed
        findings.append(BonusFinding(bonus.id, is_claimed, granted, bonus.points if granted else 0, ko, en))
    return findings


def bonus_points(findings: Iterable[BonusFinding]) -> int:
    """The points granted in total."""
    return sum(f.points for f in findings)


def _trade(programme: Programme, bonus: Bonus, organisation_id: str, trades: list[TradeEvent]) -> tuple[bool, str, str]:
    as_of = programme.notice.published_on if bonus.as_of == "notice_date" else None
    counted = [
        t
        for t in trades
        if t.organisation_id == organisation_id and t.kind in bonus.trade_kinds and (as_of is None or t.day() <= as_of)
    ]
    later = [t for t in trades if t.organisation_id == organisation_id and as_of is not None and t.day() > as_of]
    if len(counted) >= bonus.min_count:
        return (
            True,
            f"거래실적 {len(counted)}건(공고일 {as_of} 기준)",
            f"{len(counted)} trades as of the notice date {as_of}",
        )
    note_ko = f", 공고일 이후 {len(later)}건은 제외" if later else ""
    note_en = f"; {len(later)} after the notice date do not count" if later else ""
    return (False, f"공고일 {as_of} 기준 거래실적 없음{note_ko}", f"no trade as of the notice date {as_of}{note_en}")


def _consulting(bonus: Bonus, organisation_id: str, records: list[ConsultingRecord]) -> tuple[bool, str, str]:
    own = [r for r in records if r.organisation_id == organisation_id and r.programme == bonus.consulting_programme]
    completed = [r for r in own if r.completed_on is not None]
    eligible = [r for r in completed if not (bonus.exclude_programme_linked and r.programme_linked)]
    if eligible:
        return True, f"{bonus.name.ko} 완료({eligible[0].completed_on})", f"completed on {eligible[0].completed_on}"
    if completed:
        return (
            False,
            "상품가공 연계 컨설팅은 가점 대상이 아닙니다",
            "consulting linked to this programme does not count",
        )
    if own:
        return False, "컨설팅을 완료하지 않았습니다", "the consulting was not completed"
    return False, "컨설팅 완료 기록이 없습니다", "no consulting completion on record"
