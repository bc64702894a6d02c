"""Final selection (최종선정): site check, ranking with the definition's tie-break, selection within budget.

A ranked round orders applicants that passed (base mean ≥ pass mark, every site-check item 적) by final
score (base + bonus when the definition says so), breaks ties with the definition's keys, and selects in
that order while the requested government amounts fit the budget (and `max_count`, if given); the first
that does not fit and everyone after it form the waiting list, in order. A rolling round selects in order
of completion until its budget cannot pay the next application: the round's budget is then spent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Literal

from mfgdata.rules.programme import Programme
from mfgdata.rules.scoring import PanelScore

Status = Literal["selected", "waiting", "failed"]


@dataclass(frozen=True)
class Candidate:
    """An application at final selection: its panel score, bonus, site check (item → 적 True / 부 False)."""

    application_id: str
    requested_krw: int
    submitted_at: datetime
    score: PanelScore | None
    bonus: int = 0
    site_check: Mapping[str, bool] | None = None
    completed_at: datetime | None = None


@dataclass(frozen=True)
class Entry:
    """One application's outcome: status, rank among those that passed, final score and the reasons."""

    application_id: str
    status: Status
    rank: int | None
    final_score: Decimal | None
    reasons_ko: tuple[str, ...]
    reasons_en: tuple[str, ...]
    tie_broken_by: str | None = None
    tie_unresolved: bool = False


@dataclass(frozen=True)
class SelectionResult:
    """Everyone's outcome, in rank order for those that passed, then the failed ones."""

    entries: tuple[Entry, ...]
    budget_krw: int
    used_krw: int
    budget_spent_at: datetime | None = None
    by_id: Mapping[str, Entry] = field(default_factory=dict)

    def ids(self, status: Status) -> list[str]:
        return [e.application_id for e in self.entries if e.status == status]


def select(
    programme: Programme,
    candidates: Sequence[Candidate],
    *,
    round_id: str | None = None,
    budget_krw: int | None = None,
    max_count: int | None = None,
) -> SelectionResult:
    """Select within `budget_krw` (default: the programme's total) as the round's selection rule says."""
    budget = programme.budget.total_krw if budget_krw is None else budget_krw
    failed = [_failure(programme, c) for c in candidates]
    passed = [c for c, f in zip(candidates, failed, strict=True) if f is None]
    rolling = programme.round(round_id).selection == "rolling"
    ordered = _by_completion(passed) if rolling else _ranked(programme, passed)
    entries, used, spent_at = _allocate(programme, ordered, budget, max_count, rolling)
    entries += [f for f in failed if f is not None]
    return SelectionResult(tuple(entries), budget, used, spent_at, {e.application_id: e for e in entries})


def final_score(programme: Programme, candidate: Candidate) -> Decimal:
    """Base mean plus bonus points, or the base mean alone, as the definition says."""
    assert candidate.score is not None
    bonus = candidate.bonus if programme.selection.final_score == "base_plus_bonus" else 0
    return candidate.score.base + bonus


def site_check_order(programme: Programme, candidates: Sequence[Candidate]) -> list[str]:
    """현장확인 대상 in order: at or above the pass mark, highest base mean first (000:133), ties by the definition."""
    keys = programme.evaluation.tie_break.keys
    passed = [(c.score.base, c) for c in candidates if c.score is not None and c.score.passed]
    ordered = sorted(passed, key=lambda pair: (-pair[0], *(_tie_key(pair[1], k) for k in keys), pair[1].application_id))
    return [candidate.application_id for _, candidate in ordered]


def _failure(programme: Programme, candidate: Candidate) -> Entry | None:
    def failed(ko: str, en: str) -> Entry:
        return Entry(candidate.application_id, "failed", None, None, (ko,), (en,))

    if candidate.score is None:
        return failed("선정평가 점수가 없습니다", "no evaluation score")
    mark = programme.evaluation.pass_mark
    if not candidate.score.passed:
        return failed(
            f"평균 {candidate.score.base:.2f}점 — 가점 전 {mark}점 미만",
            f"mean {candidate.score.base:.2f} below {mark}",
        )
    if candidate.requested_krw > programme.budget.per_company_cap_krw:
        return failed("요청 정부지원금이 기업당 한도를 넘습니다", "the requested amount exceeds the per-company cap")
    check = programme.site_check
    if check is not None and programme.selection.site_check_before_final:
        results = candidate.site_check or {}
        missing = [i.id for i in check.items if i.id not in results]
        if missing:
            return failed(
                f"현장확인 결과가 없습니다: {', '.join(missing)}", f"site check not recorded: {', '.join(missing)}"
            )
        fails = [i for i in check.items if results[i.id] is False]
        if fails and check.any_fail_excludes:
            return failed(
                "현장확인 '부': " + "; ".join(i.text.ko for i in fails),
                "site check failed: " + "; ".join(i.text.en for i in fails),
            )
    return None


def _tie_key(candidate: Candidate, key: str) -> Decimal | datetime:
    """One tie-break key, so that sorting ascending puts the better application first."""
    assert candidate.score is not None
    if key == "submitted_at":
        return candidate.submitted_at
    if key == "base_score":
        return -candidate.score.base
    if key == "bonus":
        return Decimal(-candidate.bonus)
    return -candidate.score.sections[key.removeprefix("section:")]


def _ranked(programme: Programme, passed: list[Candidate]) -> list[tuple[Candidate, str | None, bool]]:
    keys = programme.evaluation.tie_break.keys

    def sort_key(c: Candidate) -> tuple[object, ...]:
        return (-final_score(programme, c), *(_tie_key(c, k) for k in keys), c.application_id)

    ordered = sorted(passed, key=sort_key)
    result = []
    for index, candidate in enumerate(ordered):
        neighbours = [ordered[i] for i in (index - 1, index + 1) if 0 <= i < len(ordered)]
        tied = [n for n in neighbours if final_score(programme, n) == final_score(programme, candidate)]
        broken_by, unresolved = None, False
        for other in tied:
            differing = next((k for k in keys if _tie_key(other, k) != _tie_key(candidate, k)), None)
            broken_by = broken_by or differing
            unresolved = unresolved or differing is None
        result.append((candidate, broken_by, unresolved))
    return result


def _by_completion(passed: list[Candidate]) -> list[tuple[Candidate, str | None, bool]]:
    ordered = sorted(passed, key=lambda c: (c.completed_at or c.submitted_at, c.submitted_at, c.application_id))
    return [(c, None, False) for c in ordered]


def _allocate(
    programme: Programme,
    ordered: list[tuple[Candidate, str | None, bool]],
    budget: int,
    max_count: int | None,
    rolling: bool,
) -> tuple[list[Entry], int, datetime | None]:
    entries: list[Entry] = []
    used, closed, spent_at = 0, False, None
    for rank, (candidate, broken_by, unresolved) in enumerate(ordered, start=1):
        fits = used + candidate.requested_krw <= budget and (max_count is None or rank <= max_count)
        score = final_score(programme, candidate)
        if fits and not closed:
            used += candidate.requested_krw
            ko, en = f"선정 (최종 {score:.2f}점)", f"selected (final score {score:.2f})"
            entries.append(
                Entry(candidate.application_id, "selected", rank, score, (ko,), (en,), broken_by, unresolved)
            )
            continue
        if not closed and rolling:
            spent_at = candidate.completed_at or candidate.submitted_at
        closed = True
        ko = (
            f"대기 {rank}순위: 남은 예산 {budget - used:,}원"
            if not rolling
            else f"대기: 차수 예산 소진(남은 {budget - used:,}원)"
        )
        en = (
            f"waiting list, rank {rank}: {budget - used:,} KRW left"
            if not rolling
            else f"waiting: round budget spent ({budget - used:,} KRW left)"
        )
        entries.append(Entry(candidate.application_id, "waiting", rank, score, (ko,), (en,), broken_by, unresolved))
    return entries, used, spent_at
