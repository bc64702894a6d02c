"""Purchase subsidy claims (지급요청, notice 001).

A claim gathers the buyer's marketplace orders; each is checked against the definition (bought within
the agreement period, a product already listed, a payment method the notice names — a real-time transfer
needs a tax invoice —, a non-profit only buying manufacturers' products, claimed within the purchase
year) and priced with :func:`purchase_subsidy`, lines in order, sharing the organisation's cap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mfgdata.rules.errors import RulesError, rules_error
from mfgdata.rules.programme import Programme
from mfgdata.rules.subsidy import Buyer, Registrant, purchase_subsidy


@dataclass(frozen=True)
class ClaimLine:
    """One marketplace order in a claim (price in whole won, VAT excluded)."""

    order_id: str
    price_krw: int
    ordered_on: date
    payment_method: str
    registered_by: Registrant
    listed_on: date | None
    has_tax_invoice: bool = False


@dataclass(frozen=True)
class LineResult:
    """A line's subsidy (0 when refused) and the problems that refused it."""

    order_id: str
    subsidy_krw: int
    problems_ko: tuple[str, ...]
    problems_en: tuple[str, ...]


@dataclass(frozen=True)
class ClaimCheck:
    """The claim's lines, the government amount in total and the cap left after it."""

    valid: bool
    lines: tuple[LineResult, ...]
    subsidy_krw: int
    remaining_cap_krw: int


def claim_deadline(programme: Programme, purchased_on: date) -> date:
    """The last day to claim for a purchase: 31 December of the purchase year (연내 지급요청, notice 001),
    or `deadline_days` after the purchase when the definition says `days_after_purchase`."""
    rules = programme.claims
    if rules is None:
        raise rules_error(
            "rules-no-claims", f"{programme.id}에는 지급요청 규칙이 없습니다.", f"{programme.id} has no claim rules."
        )
    if rules.deadline == "days_after_purchase" and rules.deadline_days is not None:
        return purchased_on + timedelta(days=rules.deadline_days)
    return date(purchased_on.year, 12, 31)


def check_claim(
    programme: Programme,
    lines: Sequence[ClaimLine],
    *,
    buyer: Buyer,
    agreement: tuple[date, date],
    claimed_on: date,
    already_used_krw: int = 0,
    cap_krw: int | None = None,
) -> ClaimCheck:
    """Every line checked and priced; `valid` only when no line has a problem.

    `cap_krw` lowers the definition's cap to what the organisation's agreement grants (never raises it).
    """
    if len({line.order_id for line in lines}) != len(lines):
        raise rules_error(
            "rules-claim-repeated-order",
            "같은 주문이 지급요청에 두 번 있습니다.",
            "The same order appears twice in the claim.",
        )
    used, results = already_used_krw, []
    for line in lines:
        ko, en = _problems(programme, line, agreement, claimed_on)
        subsidy = 0
        if not ko:
            try:
                quote = purchase_subsidy(
                    programme,
                    price_krw=line.price_krw,
                    buyer=buyer,
                    already_used_krw=used,
                    registered_by=line.registered_by,
                    cap_krw=cap_krw,
                )
                subsidy = quote.subsidy_krw
            except RulesError as error:
                ko, en = [error.text.ko], [error.text.en]
        used += subsidy
        results.append(LineResult(line.order_id, subsidy, tuple(ko), tuple(en)))
    rule = programme.funding_for(buyer)
    cap = rule.government_cap_krw if rule else 0
    cap = cap if cap_krw is None else min(cap, cap_krw)
    total = sum(r.subsidy_krw for r in results)
    return ClaimCheck(all(not r.problems_ko for r in results), tuple(results), total, max(cap - used, 0))


def _problems(
    programme: Programme, line: ClaimLine, agreement: tuple[date, date], claimed_on: date
) -> tuple[list[str], list[str]]:
    ko: list[str] = []
    en: list[str] = []
    start, end = agreement
    if not start <= line.ordered_on <= end:
        ko.append(f"주문일 {line.ordered_on}이 협약기간 {start}~{end} 밖입니다")
        en.append(f"ordered {line.ordered_on}, outside the agreement period {start} to {end}")
    if line.listed_on is None or line.listed_on > line.ordered_on:
        ko.append("주문 당시 거래소에 등록된 상품이 아닙니다")
        en.append("the product was not listed on the marketplace when ordered")
    assert programme.claims is not None
    methods = {m.id: m for m in programme.claims.payment_methods}
    method = methods.get(line.payment_method)
    if method is None:
        ko.append(
            f"결제수단 '{line.payment_method}'는 인정되지 않습니다({', '.join(m.name.ko for m in methods.values())})"
        )
        en.append(f"payment method '{line.payment_method}' is not accepted ({', '.join(methods)})")
    elif method.needs_tax_invoice and not line.has_tax_invoice:
        ko.append(f"{method.name.ko}는 세금계산서가 필요합니다")
        en.append(f"{method.name.en} needs a tax invoice")
    if claimed_on > claim_deadline(programme, line.ordered_on):
        ko.append(f"구매 연도 안({claim_deadline(programme, line.ordered_on)}까지)에 지급요청해야 합니다")
        en.append(f"claims must be made within the purchase year (by {claim_deadline(programme, line.ordered_on)})")
    return ko, en
