"""Exclusion rules (지원제외 사항) and who may apply (신청자격), evaluated on declared facts.

Each rule's `when` and `unless` (its exception, e.g. 창업 7년 미만 for 완전자본잠식) are conditions in the
definition file. The result says, per rule, whether it applies, was lifted by its exception, does not
apply, or cannot be decided because a fact was not declared — and why, in Korean and English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from mfgdata.rules.conditions import Context, Outcome, evaluate, parse_condition
from mfgdata.rules.documents import submission_day
from mfgdata.rules.programme import Programme
from mfgdata.rules.sanctions import Sanction, SanctionsRegister
from mfgdata.rules.schema_base import ApplicantKind
from mfgdata.rules.schema_call import Exclusion, Fact

Status = Literal["applies", "excepted", "not_applicable", "undetermined"]


@dataclass(frozen=True)
class ExclusionFinding:
    """The verdict on one exclusion rule, numbered as in the notice."""

    number: int
    rule_id: str
    status: Status
    text_ko: str
    reasons_ko: tuple[str, ...]
    reasons_en: tuple[str, ...]
    missing_facts: tuple[str, ...] = ()
    sanctions: tuple[Sanction, ...] = ()


@dataclass(frozen=True)
class ExclusionReport:
    """`excluded` when any rule applies; `complete` when every rule could be decided."""

    excluded: bool
    complete: bool
    findings: tuple[ExclusionFinding, ...]

    def applying(self) -> list[ExclusionFinding]:
        return [f for f in self.findings if f.status == "applies"]


def evaluate_exclusions(
    programme: Programme,
    facts: Mapping[str, Any],
    *,
    organisation_id: str,
    sanctions: SanctionsRegister | None = None,
    submitted_on: date | None = None,
    round_id: str | None = None,
) -> ExclusionReport:
    """Which exclusion rules apply to an organisation that declared `facts`, and why.

    Dates the rules refer to: `application_deadline` (the round's last day, or the submission day for a
    rolling round), `notice_date`, `submitted_on` (sanctions are checked on it, else on the deadline).
    """
    submitted_on = submission_day(submitted_on) if submitted_on is not None else None
    deadline = programme.application_deadline(round_id) or submitted_on
    dates = {"notice_date": programme.notice.published_on}
    dates |= {"application_deadline": deadline} if deadline else {}
    dates |= {"submitted_on": submitted_on} if submitted_on else {}
    labels_ko = {f.id: f.question.ko for f in programme.facts}
    labels_en = {f.id: f.question.en for f in programme.facts}
    context = Context(facts, organisation_id, sanctions or SanctionsRegister(), dates, labels_ko, labels_en)
    definitions = {f.id: f for f in programme.facts}
    findings = tuple(_finding(rule, definitions, context) for rule in programme.exclusions)
    return ExclusionReport(
        any(f.status == "applies" for f in findings),
        all(f.status != "undetermined" for f in findings),
        findings,
    )


def _finding(rule: Exclusion, definitions: Mapping[str, Fact], context: Context) -> ExclusionFinding:
    when = evaluate(parse_condition(rule.when, definitions), context)
    base = {"number": rule.number, "rule_id": rule.id, "text_ko": rule.text.ko}
    if not when.holds:
        status: Status = "undetermined" if when.missing else "not_applicable"
        return ExclusionFinding(status=status, reasons_ko=(), reasons_en=(), missing_facts=when.missing, **base)
    unless = evaluate(parse_condition(rule.unless, definitions), context) if rule.unless is not None else Outcome(False)
    if unless.holds:
        exception = rule.exception_text
        return ExclusionFinding(
            status="excepted",
            reasons_ko=(*when.reasons_ko, *unless.reasons_ko, f"예외: {exception.ko}" if exception else "예외 해당"),
            reasons_en=(
                *when.reasons_en,
                *unless.reasons_en,
                f"exception: {exception.en}" if exception else "excepted",
            ),
            **base,
        )
    return ExclusionFinding(
        status="undetermined" if unless.missing else "applies",
        reasons_ko=when.reasons_ko,
        reasons_en=when.reasons_en,
        missing_facts=unless.missing,
        sanctions=when.sanctions,
        **base,
    )


@dataclass(frozen=True)
class ApplicantCheck:
    """Whether an organisation may apply, in which form, and what is missing."""

    eligible: bool
    reasons_ko: tuple[str, ...]
    reasons_en: tuple[str, ...]


def check_applicant(
    programme: Programme,
    *,
    kind: ApplicantKind,
    facts: Mapping[str, Any],
    participation: str,
    partner_kind: str | None = None,
    has_consortium_agreement: bool = False,
) -> ApplicantCheck:
    """신청자격 and 참여형태: the kind is allowed, its required facts hold, the form and partner are right."""
    ko: list[str] = []
    en: list[str] = []
    applicant = programme.applicant_class(kind)
    if applicant is None:
        allowed = ", ".join(a.name.ko for a in programme.applicants)
        ko.append(f"'{kind}'는 신청할 수 없습니다(신청자격: {allowed})")
        en.append(f"'{kind}' may not apply (allowed: {', '.join(a.kind for a in programme.applicants)})")
    else:
        for fact in applicant.requires:
            if facts.get(fact) is not True:
                question = programme.fact(fact)
                ko.append(f"신청자격 미충족: {question.question.ko if question else fact}")
                en.append(f"requirement not met: {question.question.en if question else fact}")
    form = programme.form(participation)
    if form is None:
        ko.append(f"참여형태 '{participation}'는 이 사업에 없습니다")
        en.append(f"participation form '{participation}' does not exist in this programme")
    elif form.partner is not None:
        if partner_kind != form.partner:
            ko.append(f"{form.name.ko}: 컨소시엄 상대가 가공기업이어야 합니다")
            en.append(f"{form.name.en}: the partner must be a {form.partner}")
        if not has_consortium_agreement:
            ko.append(f"{form.name.ko}: 컨소시엄 협약서가 없습니다")
            en.append(f"{form.name.en}: the consortium agreement is missing")
    return ApplicantCheck(not ko, tuple(ko), tuple(en))
