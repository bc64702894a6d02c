"""Checks across keys that a schema alone cannot express: points that add up, windows in order, references.

Each check yields a :class:`Problem` with the key path it is about, so the loader can name the file, the
key and the line. A definition with any problem is refused as a whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mfgdata.rules.budget import BudgetPlan, check_budget_plan
from mfgdata.rules.conditions import ConditionError, parse_condition
from mfgdata.rules.programme import Programme

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One inconsistency: where, a stable code, and what to do (ko/en)."""

    key: KeyPath
    code: str
    ko: str
    en: str


def problems(programme: Programme, path: Path) -> Iterator[Problem]:
    """Every inconsistency in `programme`, read from `path`, in file order."""
    yield from _identity(programme, path)
    yield from _rounds(programme)
    yield from _funding(programme)
    yield from _documents(programme)
    yield from _choice_labels(programme)
    yield from _exclusions(programme)
    yield from _evaluation(programme)


def _identity(programme: Programme, path: Path) -> Iterator[Problem]:
    expected = f"{programme.kind}-{programme.year}"
    if programme.id != expected:
        yield Problem(
            ("id",), "definition-id", f"id는 '{expected}'(kind-year)여야 합니다", f"id must be '{expected}' (kind-year)"
        )
    if path.name != f"{programme.id}.yaml":
        yield Problem(
            ("id",),
            "definition-file-name",
            f"파일 이름은 '{programme.id}.yaml'이어야 합니다",
            f"the file must be named '{programme.id}.yaml'",
        )
    if programme.kind == "purchase" and programme.claims is None:
        yield Problem(
            ("claims",),
            "definition-claims-missing",
            "구매지원에는 claims(지급요청)가 필요합니다",
            "a purchase programme needs 'claims'",
        )


def _rounds(programme: Programme) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, window in enumerate(programme.rounds):
        at: KeyPath = ("rounds", index)
        if window.id in seen:
            yield Problem(
                (*at, "id"),
                "definition-round-repeated",
                f"차수 id '{window.id}'가 두 번 있습니다",
                f"round id '{window.id}' appears twice",
            )
        seen.add(window.id)
        if window.until_budget_spent != (window.closes_on is None):
            yield Problem(
                (*at, "closes_on"),
                "definition-round-end",
                "마감일(closes_on)과 until_budget_spent: true 중 하나만 씁니다",
                "give either closes_on or until_budget_spent: true, not both or neither",
            )
        if window.closes_on is not None and window.closes_on < window.opens_on:
            yield Problem(
                (*at, "closes_on"),
                "definition-round-order",
                f"마감일 {window.closes_on}이 시작일 {window.opens_on}보다 앞섭니다",
                f"the window ends ({window.closes_on}) before it starts ({window.opens_on})",
            )
        if window.until_budget_spent and window.selection != "rolling":
            yield Problem(
                (*at, "selection"),
                "definition-round-rolling",
                "예산 소진시까지 받는 차수는 selection: rolling 입니다",
                "a round open until its budget is spent selects 'rolling'",
            )
        if window.opens_on < programme.notice.published_on:
            yield Problem(
                (*at, "opens_on"),
                "definition-round-before-notice",
                f"신청 시작일 {window.opens_on}이 공고일 {programme.notice.published_on}보다 앞섭니다",
                f"applications open ({window.opens_on}) before the notice ({programme.notice.published_on})",
            )


def _funding(programme: Programme) -> Iterator[Problem]:
    kinds = {a.kind for a in programme.applicants}
    forms = {f.id for f in programme.participation}
    for index, rule in enumerate(programme.funding):
        at: KeyPath = ("funding", index)
        if rule.government_ratio_max + rule.company_ratio_min != 1:
            yield Problem(
                (*at, "company_ratio_min"),
                "definition-ratio-sum",
                f"정부지원금 최대 비율 {rule.government_ratio_max}과 기업부담금 최소 비율 "
                f"{rule.company_ratio_min}의 합이 1이 아닙니다",
                f"government_ratio_max {rule.government_ratio_max} + company_ratio_min {rule.company_ratio_min} is "
                "not 1",
            )
        for kind in rule.applicants:
            if kind not in kinds:
                yield Problem(
                    (*at, "applicants"),
                    "definition-unknown-applicant",
                    f"'{kind}'가 applicants에 없습니다",
                    f"'{kind}' is not among the applicants",
                )
        if rule.in_kind is not None:
            for form in rule.in_kind.allowed_forms:
                if form not in forms:
                    yield Problem(
                        (*at, "in_kind", "allowed_forms"),
                        "definition-unknown-form",
                        f"참여형태 '{form}'가 participation에 없습니다",
                        f"participation form '{form}' is not defined",
                    )
        if rule.worked_example is not None:
            yield from _worked_example(programme, index)


def _worked_example(programme: Programme, index: int) -> Iterator[Problem]:
    rule = programme.funding[index]
    example = rule.worked_example
    assert example is not None
    form = (
        rule.in_kind.allowed_forms[0] if rule.in_kind and rule.in_kind.allowed_forms else programme.participation[0].id
    )
    in_kind = example.in_kind_max_krw
    plan = BudgetPlan(example.government_krw, example.company_krw - in_kind, in_kind)
    check = check_budget_plan(programme, plan, applicant=rule.applicants[0], participation=form)
    if example.government_krw + example.company_krw != example.total_krw or not check.valid:
        found = "; ".join(v.en for v in check.violations) or "amounts do not add up"
        yield Problem(
            ("funding", index, "worked_example"),
            "definition-worked-example",
            f"공고의 예시가 이 규칙으로 허용되지 않습니다: {found}",
            f"the notice's worked example breaks these rules: {found}",
        )


def _documents(programme: Programme) -> Iterator[Problem]:
    forms = {f.id for f in programme.participation}
    numbers = [d.number for d in programme.documents]
    for index, document in enumerate(programme.documents):
        at: KeyPath = ("documents", index)
        if index and document.number <= numbers[index - 1]:
            yield Problem(
                (*at, "number"),
                "definition-document-order",
                f"서류 번호 {document.number}가 앞 번호 {numbers[index - 1]}보다 커야 합니다(공고 순서대로)",
                f"document number {document.number} must follow {numbers[index - 1]} (notice order)",
            )
        if document.requirement == "when_applicable" and document.applies_when is None:
            yield Problem(
                (*at, "applies_when"),
                "definition-document-when",
                "해당시 서류에는 applies_when이 필요합니다",
                "a when_applicable document needs applies_when",
            )
        for form in (document.applies_when.participation or []) if document.applies_when else []:
            if form not in forms:
                yield Problem(
                    (*at, "applies_when", "participation"),
                    "definition-unknown-form",
                    f"참여형태 '{form}'가 없습니다",
                    f"participation form '{form}' is not defined",
                )
    for index, form in enumerate(programme.participation):
        for number in form.requires_documents:
            if number not in numbers:
                yield Problem(
                    ("participation", index, "requires_documents"),
                    "definition-unknown-document",
                    f"서류 {number}번이 documents에 없습니다",
                    f"document {number} is not in documents",
                )


def _choice_labels(programme: Programme) -> Iterator[Problem]:
    """A label names one of the fact's choices (a typo would leave a choice showing its bare id)."""
    for index, fact in enumerate(programme.facts):
        stray = sorted(set(fact.choice_labels or {}) - set(fact.choices or []))
        if stray:
            yield Problem(
                ("facts", index, "choice_labels"),
                "definition-choice-label",
                f"choice_labels의 {', '.join(stray)}는 choices에 없습니다",
                f"choice_labels {', '.join(stray)} are not among the choices",
            )


def _exclusions(programme: Programme) -> Iterator[Problem]:
    facts = {f.id: f for f in programme.facts}
    for index, rule in enumerate(programme.exclusions):
        for part in ("when", "unless"):
            raw = getattr(rule, part)
            if raw is None:
                continue
            try:
                parse_condition(raw, facts)
            except ConditionError as error:
                yield Problem(("exclusions", index, part, *error.key), "definition-condition", error.ko, error.en)
    for index, applicant in enumerate(programme.applicants):
        for fact in applicant.requires:
            declared = facts.get(fact)
            if declared is None or declared.type != "bool":
                yield Problem(
                    ("applicants", index, "requires"),
                    "definition-unknown-fact",
                    f"'{fact}'가 facts에 참/거짓 사실로 없습니다",
                    f"'{fact}' is not a yes/no fact in facts",
                )


def _evaluation(programme: Programme) -> Iterator[Problem]:
    evaluation = programme.evaluation
    for index, section in enumerate(evaluation.sections):
        total = sum(c.points for c in section.criteria)
        if total != section.points:
            yield Problem(
                ("evaluation", "sections", index, "points"),
                "definition-points-sum",
                f"'{section.name.ko}' 항목 배점의 합 {total}이 {section.points}점과 다릅니다",
                f"the criteria of '{section.id}' add up to {total}, not {section.points}",
            )
    total = sum(s.points for s in evaluation.sections)
    if total != evaluation.total_points:
        yield Problem(
            ("evaluation", "total_points"),
            "definition-points-total",
            f"영역 배점의 합 {total}이 합계 {evaluation.total_points}점과 다릅니다",
            f"the sections add up to {total}, not {evaluation.total_points}",
        )
    if not 0 < evaluation.pass_mark <= evaluation.total_points:
        yield Problem(
            ("evaluation", "pass_mark"),
            "definition-pass-mark",
            "합격 기준점은 0보다 크고 합계 이하입니다",
            "the pass mark is above 0 and at most the total",
        )
    sections = {s.id for s in evaluation.sections}
    for index, key in enumerate(evaluation.tie_break.keys):
        if key not in ("base_score", "bonus", "submitted_at") and key.removeprefix("section:") not in sections:
            yield Problem(
                ("evaluation", "tie_break", "keys", index),
                "definition-tie-break",
                f"동점 기준 '{key}'를 모릅니다(base_score, bonus, submitted_at, section:<id>)",
                f"unknown tie-break key '{key}' (base_score, bonus, submitted_at, section:<id>)",
            )
