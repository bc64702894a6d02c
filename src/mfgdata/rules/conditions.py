"""Conditions over declared facts, written in a definition file (exclusion rules and their exceptions).

```yaml
when: {any: [{fact: dishonoured}, {fact: business_status, in: [suspended, closed]}]}
unless: {company_age_under_years: 7, as_of: application_deadline}
when: {sanction_active: {scopes: [smart_factory]}}      # scopes omitted: any sanction
```

A condition is parsed once at load time (unknown facts or forms are refused there) and evaluated against
a :class:`Context`; every evaluation returns whether it holds, the facts it could not find, and the
reasons in Korean and English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mfgdata.rules.dates import add_months
from mfgdata.rules.sanctions import Sanction, SanctionsRegister
from mfgdata.rules.schema_call import Fact


class ConditionError(ValueError):
    """A condition is written wrongly; `key` is the part of it at fault (relative to the condition)."""

    def __init__(self, key: tuple[str | int, ...], ko: str, en: str) -> None:
        super().__init__(en)
        self.key, self.ko, self.en = key, ko, en


@dataclass(frozen=True)
class Context:
    """What a condition is evaluated against: declared facts, the sanctions register, reference dates."""

    facts: Mapping[str, Any]
    organisation_id: str
    sanctions: SanctionsRegister
    dates: Mapping[str, date]
    labels_ko: Mapping[str, str] = field(default_factory=dict)
    labels_en: Mapping[str, str] = field(default_factory=dict)

    def label(self, fact: str, value: Any) -> tuple[str, str]:
        """`fact` and its value as a person reads them, in Korean and English."""
        ko_value = {True: "예", False: "아니오"}.get(value, str(value)) if isinstance(value, bool) else str(value)
        en_value = {True: "yes", False: "no"}.get(value, str(value)) if isinstance(value, bool) else str(value)
        return f"{self.labels_ko.get(fact, fact)} {ko_value}", f"{self.labels_en.get(fact, fact)} {en_value}"


@dataclass(frozen=True)
class Outcome:
    """Whether a condition holds, which facts were missing, and why (ko/en)."""

    holds: bool
    missing: tuple[str, ...] = ()
    reasons_ko: tuple[str, ...] = ()
    reasons_en: tuple[str, ...] = ()
    sanctions: tuple[Sanction, ...] = field(default=())


@dataclass(frozen=True)
class Condition:
    """A parsed condition: an operator and its operands."""

    op: str
    fact: str | None = None
    values: tuple[str, ...] = ()
    children: tuple[Condition, ...] = ()
    years: int = 0
    as_of: str = ""
    scopes: tuple[str, ...] = ()


REFERENCE_DATES = ("application_deadline", "notice_date", "submitted_on")
KeyPath = tuple[str | int, ...]


_KEYS = {
    "any": {"any"},
    "all": {"all"},
    "not": {"not"},
    "fact": {"fact", "in"},
    "company_age_under_years": {"company_age_under_years", "as_of"},
    "sanction_active": {"sanction_active"},
}


def parse_condition(raw: Any, facts: Mapping[str, Fact], at: KeyPath = ()) -> Condition:
    """`raw` as a Condition over the declared `facts` (id → Fact); a mistake raises ConditionError."""
    if not isinstance(raw, Mapping) or len(raw) == 0:
        raise ConditionError(
            at, "조건은 {fact: …}, {any: […]} 같은 매핑입니다", "a condition is a mapping like {fact: …}"
        )
    op = next((key for key in _KEYS if key in raw), None)
    if op is None:
        raise ConditionError(at, f"모르는 조건입니다: {sorted(raw)}", f"unknown condition: {sorted(raw)}")
    extra = sorted(set(raw) - _KEYS[op])
    if extra:
        raise ConditionError(
            (*at, extra[0]), f"'{op}' 조건에 쓸 수 없는 키입니다", f"'{op}' conditions do not take this key"
        )
    if op in ("any", "all"):
        parts = raw[op]
        if not isinstance(parts, Sequence) or isinstance(parts, str) or not parts:
            raise ConditionError((*at, op), f"'{op}'에는 조건 목록을 씁니다", f"'{op}' takes a list of conditions")
        return Condition(op, children=tuple(parse_condition(p, facts, (*at, op, i)) for i, p in enumerate(parts)))
    if op == "not":
        return Condition("not", children=(parse_condition(raw["not"], facts, (*at, "not")),))
    if op == "fact":
        return _parse_fact(raw, facts, at)
    if op == "company_age_under_years":
        return _parse_age(raw, facts, at)
    return _parse_sanction(raw["sanction_active"], (*at, "sanction_active"))


def _parse_fact(raw: Mapping[str, Any], facts: Mapping[str, Fact], at: KeyPath) -> Condition:
    name = raw["fact"]
    fact = facts.get(name)
    if fact is None:
        raise ConditionError(
            (*at, "fact"), f"'{name}' 사실이 facts에 없습니다", f"fact '{name}' is not declared in facts"
        )
    if "in" not in raw:
        if fact.type != "bool":
            raise ConditionError(
                (*at, "fact"),
                f"'{name}'는 예/아니오 사실이 아니므로 in이 필요합니다",
                f"'{name}' is not yes/no: give 'in'",
            )
        return Condition("fact", fact=name)
    values = raw["in"]
    allowed = fact.choices or []
    unknown = [v for v in values if v not in allowed] if isinstance(values, list) else values
    if fact.type != "choice" or not isinstance(values, list) or not values or unknown:
        raise ConditionError(
            (*at, "in"),
            f"in에는 '{name}'의 선택지({', '.join(allowed)}) 중 값을 씁니다",
            f"'in' lists choices of '{name}' ({', '.join(allowed)})",
        )
    return Condition("in", fact=name, values=tuple(values))


def _parse_age(raw: Mapping[str, Any], facts: Mapping[str, Fact], at: KeyPath) -> Condition:
    years, as_of = raw["company_age_under_years"], raw.get("as_of")
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        raise ConditionError(
            (*at, "company_age_under_years"), "햇수는 1 이상의 정수입니다", "years must be an integer ≥ 1"
        )
    if as_of not in REFERENCE_DATES:
        raise ConditionError(
            (*at, "as_of"),
            f"as_of는 {', '.join(REFERENCE_DATES)} 중 하나입니다",
            f"as_of is one of {', '.join(REFERENCE_DATES)}",
        )
    founded = facts.get("founded_on")
    if founded is None or founded.type != "date":
        raise ConditionError(
            at,
            "창업일 조건에는 facts에 founded_on(date)이 있어야 합니다",
            "a company-age condition needs the date fact 'founded_on'",
        )
    return Condition("age_under", fact="founded_on", years=years, as_of=as_of)


def _parse_sanction(settings: Any, at: KeyPath) -> Condition:
    settings = settings or {}
    scopes = settings.get("scopes", []) if isinstance(settings, Mapping) else None
    if scopes is None or set(settings) - {"scopes"} or not isinstance(scopes, list):
        raise ConditionError(
            at, "sanction_active에는 {scopes: [...]} 또는 {}를 씁니다", "sanction_active takes {scopes: [...]} or {}"
        )
    return Condition("sanction", scopes=tuple(str(s) for s in scopes))


def evaluate(condition: Condition, context: Context) -> Outcome:
    """Whether `condition` holds in `context`; a missing fact makes it not hold and is reported."""
    if condition.op in ("any", "all"):
        return _combine(condition, [evaluate(c, context) for c in condition.children])
    if condition.op == "not":
        inner = evaluate(condition.children[0], context)
        return Outcome(not inner.holds and not inner.missing, inner.missing)
    if condition.op == "sanction":
        return _sanction(condition, context)
    value = context.facts.get(condition.fact or "")
    if value is None:
        return Outcome(False, (condition.fact or "",))
    ko, en = context.label(condition.fact or "", value)
    if condition.op == "fact":
        return Outcome(value is True, reasons_ko=(ko,), reasons_en=(en,))
    if condition.op == "in":
        return Outcome(str(value) in condition.values, reasons_ko=(ko,), reasons_en=(en,))
    return _age(condition, value, context)


def _combine(condition: Condition, outcomes: list[Outcome]) -> Outcome:
    # A missing fact matters only when it could change the answer: not for `any` once one part holds,
    # not for `all` once one part is known to be false.
    held = [o for o in outcomes if o.holds]
    known_false = [o for o in outcomes if not o.holds and not o.missing]
    if condition.op == "any":
        holds, settled = bool(held), bool(held)
    else:
        holds, settled = len(held) == len(outcomes), bool(known_false) or len(held) == len(outcomes)
    missing = () if settled else tuple(m for o in outcomes for m in o.missing)
    chosen = held if holds else []
    return Outcome(
        holds,
        missing,
        tuple(r for o in chosen for r in o.reasons_ko),
        tuple(r for o in chosen for r in o.reasons_en),
        tuple(s for o in chosen for s in o.sanctions),
    )


def _age(condition: Condition, founded_on: Any, context: Context) -> Outcome:
    reference = context.dates.get(condition.as_of)
    if not isinstance(founded_on, date) or reference is None:
        return Outcome(False, ("founded_on",) if not isinstance(founded_on, date) else (condition.as_of,))
    holds = add_months(founded_on, 12 * condition.years) > reference
    return Outcome(
        holds,
        reasons_ko=(f"창업일 {founded_on} — {reference} 기준 창업 {condition.years}년 {'미만' if holds else '이상'}",),
        reasons_en=(
            f"founded {founded_on}: {'under' if holds else 'at least'} {condition.years} years on {reference}",
        ),
    )


def _sanction(condition: Condition, context: Context) -> Outcome:
    reference = context.dates.get("submitted_on") or context.dates.get("application_deadline")
    if reference is None:
        return Outcome(False, ("submitted_on",))
    active = context.sanctions.active(context.organisation_id, reference, condition.scopes or None)
    return Outcome(
        bool(active),
        reasons_ko=tuple(f"제재 {s.kind_ko()} {s.starts_on}~{s.ends_on or '기한 없음'}: {s.reason}" for s in active),
        reasons_en=tuple(f"sanction {s.kind} {s.starts_on} to {s.ends_on or 'open-ended'}: {s.reason}" for s in active),
        sanctions=tuple(active),
    )
