"""Programme definitions as text a person reads: a one-line summary and a full description (ko or en)."""

from __future__ import annotations

from decimal import Decimal

from mfgdata.rules.programme import Programme

Language = str


def _pick(text: object, language: Language) -> str:
    return str(getattr(text, language))


def _won(amount: int, language: Language) -> str:
    return f"{amount:,}원" if language == "ko" else f"{amount:,} KRW"


def _pct(ratio: Decimal) -> str:
    return f"{ratio * 100:.0f}%"


def summary_row(programme: Programme, language: Language) -> list[str]:
    """id, title, notice date, budget, rounds: the columns of `mfgdata programmes list`."""
    rounds = ", ".join(_round_text(programme, r.id, language) for r in programme.rounds)
    return [
        programme.id,
        _pick(programme.title, language),
        str(programme.notice.published_on),
        _won(programme.budget.total_krw, language),
        rounds,
    ]


def _round_text(programme: Programme, round_id: str, language: Language) -> str:
    window = programme.round(round_id)
    if window.closes_on is None:
        end = "예산 소진시까지" if language == "ko" else "until the budget is spent"
    else:
        end = f"{window.closes_on} {window.closes_at or ''}".strip()
    return f"{_pick(window.name, language)} {window.opens_on} ~ {end}"


def describe(programme: Programme, language: Language) -> list[str]:
    """The whole definition as lines of Markdown-like text."""
    ko = language == "ko"
    lines = [f"# {_pick(programme.title, language)} ({programme.id})"]
    notice = programme.notice
    lines.append(
        f"{'공고' if ko else 'Notice'}: {notice.number or '—'}, {notice.published_on}, {_pick(notice.issuer, language)}"
    )
    lines.append(f"{'파일' if ko else 'File'}: {programme.source_path}")
    lines += ["", f"## {'신청기간' if ko else 'Rounds'} (Asia/Seoul)"]
    lines += [f"- {_round_text(programme, r.id, language)} [{r.selection}]" for r in programme.rounds]
    lines += _money(programme, language)
    lines += ["", f"## {'신청자격 · 참여형태' if ko else 'Applicants and forms'}"]
    lines += [f"- {_pick(a.name, language)}" for a in programme.applicants]
    lines += [f"- {f.number}. {_pick(f.name, language)}" for f in programme.participation]
    lines += ["", f"## {'제출서류' if ko else 'Documents'}"]
    for d in programme.documents:
        need = (
            ("필수" if ko else "required") if d.requirement == "required" else ("해당시" if ko else "when applicable")
        )
        valid = f", {d.validity_months}{'개월 이내' if ko else ' months'}" if d.validity_months else ""
        lines.append(f"- {d.number}. {_pick(d.name, language)} ({need}{valid})")
    lines += ["", f"## {'지원제외' if ko else 'Exclusions'}"]
    for e in programme.exclusions:
        exception = f" — {'단' if ko else 'except'}: {_pick(e.exception_text, language)}" if e.exception_text else ""
        lines.append(f"- {e.number}. {_pick(e.text, language)}{exception}")
    lines += _evaluation(programme, language)
    lines += ["", f"## {'연계 의무' if ko else 'Obligations'}"]
    lines += [f"- {_pick(o.name, language)} [{o.when}]" for o in programme.obligations]
    return lines


def _money(programme: Programme, language: Language) -> list[str]:
    ko = language == "ko"
    budget = programme.budget
    approx = (" 내외" if ko else " (approx.)") if budget.expected_count_is_approximate else ""
    lines = [
        "",
        f"## {'지원규모 · 비율' if ko else 'Budget and ratios'}",
        f"- {'총' if ko else 'total'} {_won(budget.total_krw, language)}, "
        f"{budget.expected_count}{'개' if ko else ' projects'}{approx}, "
        f"{'기업당 최대' if ko else 'per company up to'} {_won(budget.per_company_cap_krw, language)}",
        f"- {'지원기간' if ko else 'support period'}: {programme.support_period.months}{'개월' if ko else ' months'}",
    ]
    for rule in programme.funding:
        line = (
            f"- {', '.join(rule.applicants)}: {'정부지원금' if ko else 'government'} ≤ "
            f"{_pct(rule.government_ratio_max)}, "
            f"≤ {_won(rule.government_cap_krw, language)}; {'기업부담금' if ko else 'company'} ≥ "
            f"{_pct(rule.company_ratio_min)}"
        )
        if rule.company_cash_share_min is not None:
            line += f" ({'현금' if ko else 'cash'} ≥ {_pct(rule.company_cash_share_min)})"
        if rule.in_kind is not None:
            line += (
                f"; {'현물' if ko else 'in kind'} ≤ {_pct(rule.in_kind.max_share_of_company)}, "
                f"≤ {_won(rule.in_kind.cap_krw, language)} [{', '.join(rule.in_kind.allowed_forms)}]"
            )
        lines.append(line)
    return lines


def _evaluation(programme: Programme, language: Language) -> list[str]:
    ko = language == "ko"
    evaluation = programme.evaluation
    lines = [
        "",
        f"## {'선정평가' if ko else 'Evaluation'} ({evaluation.total_points}; "
        f"{'합격' if ko else 'pass'} ≥ {evaluation.pass_mark}, {evaluation.aggregation})",
    ]
    for section in evaluation.sections:
        lines.append(f"- {_pick(section.name, language)} ({section.points})")
        lines += [f"  - {_pick(c.text, language)}: {c.points}" for c in section.criteria]
    for bonus in programme.bonuses:
        lines.append(f"- {'가점' if ko else 'bonus'} +{bonus.points}: {_pick(bonus.name, language)}")
    if programme.site_check is not None:
        lines.append(f"- {'현장확인 (적/부)' if ko else 'site check (pass/fail)'}:")
        lines += [f"  - {_pick(i.text, language)}" for i in programme.site_check.items]
    lines.append(
        f"- {'동점' if ko else 'ties'}: {', '.join(evaluation.tie_break.keys)} — "
        f"{_pick(evaluation.tie_break.note, language)}"
    )
    return lines
