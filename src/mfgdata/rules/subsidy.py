"""Purchase subsidy (구매지원, notice 001): how much of a data product's price the government pays.

A company (중소·중견) gets 80 % of the price, a non-profit 100 %, both up to 1천만원 per organisation across
all its purchases (``already_used_krw`` is what earlier purchases took). The subsidy is rounded down to the
won; the buyer pays the rest. A company therefore gets the full 1천만원 on purchases up to 1,250만원.
Prices are without VAT, as the marketplace lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from mfgdata.rules.errors import rules_error
from mfgdata.rules.programme import Programme

Buyer = Literal["sme", "midsize", "nonprofit"]
Registrant = Literal["manufacturer", "processor"]
_BUYER_KO = {"sme": "중소기업", "midsize": "중견기업", "nonprofit": "비영리기관"}
_BUYER_EN = {"sme": "an SME", "midsize": "a mid-sized company", "nonprofit": "a non-profit"}


@dataclass(frozen=True)
class SubsidyQuote:
    """The government's share of one purchase and why, in whole won."""

    programme_id: str
    price_krw: int
    subsidy_krw: int
    buyer_pays_krw: int
    ratio: Decimal
    cap_krw: int
    explanation_ko: str
    explanation_en: str


def purchase_subsidy(
    programme: Programme,
    *,
    price_krw: int,
    buyer: Buyer,
    already_used_krw: int = 0,
    registered_by: Registrant | None = None,
    cap_krw: int | None = None,
) -> SubsidyQuote:
    """The subsidy on a purchase of `price_krw` by `buyer` who already used `already_used_krw` of the cap.

    `registered_by` (who listed the product) matters for non-profits, which may only buy products listed
    by manufacturers; a non-profit buying a processor's product is refused. `cap_krw`, when given, is a
    lower cap (the government amount of the buyer's agreement); the definition's cap still applies.
    """
    _check_arguments(programme, price_krw, already_used_krw)
    rule = programme.funding_for(buyer)
    if rule is None:
        raise rules_error(
            "rules-buyer-not-eligible",
            f"{programme.id}은 {_BUYER_KO[buyer]}의 구매를 지원하지 않습니다.",
            f"{programme.id} does not subsidise purchases by {_BUYER_EN[buyer]}.",
        )
    allowed = rule.products_registered_by
    if allowed is not None and registered_by is not None and registered_by not in allowed:
        raise rules_error(
            "rules-product-registrant",
            "비영리기관은 제조기업이 등록한 제조데이터 상품만 구매 지원을 받습니다. 다른 상품을 고르세요.",
            "Non-profits are subsidised only for products listed by manufacturers. Choose another product.",
        )
    ratio, cap = rule.government_ratio_max, rule.government_cap_krw
    if cap_krw is not None:
        cap = min(cap, cap_krw)
    by_ratio = int(Fraction(ratio) * price_krw)
    remaining = max(cap - already_used_krw, 0)
    subsidy = min(by_ratio, remaining)
    ko, en = _explain(ratio, cap, price_krw, by_ratio, remaining, subsidy, already_used_krw, buyer)
    return SubsidyQuote(programme.id, price_krw, subsidy, price_krw - subsidy, ratio, cap, ko, en)


def subsidy_summary(programme: Programme, price_krw: int) -> dict[str, object]:
    """A JSON-ready block for a price sheet (`price.json`'s `subsidy`): one quote per buyer kind funded.

    Non-profit quotes hold only for products a manufacturer listed (`registered_by` in the block).
    """
    quotes = []
    for rule in programme.funding:
        for buyer in rule.applicants:
            quote = purchase_subsidy(programme, price_krw=price_krw, buyer=buyer)
            quotes.append(
                {
                    "buyer": buyer,
                    "ratio": str(quote.ratio),
                    "cap_krw": quote.cap_krw,
                    "subsidy_krw": quote.subsidy_krw,
                    "buyer_pays_krw": quote.buyer_pays_krw,
                    "registered_by": rule.products_registered_by,
                    "explanation": {"ko": quote.explanation_ko, "en": quote.explanation_en},
                }
            )
    notice = programme.notice
    return {
        "programme_id": programme.id,
        "title": {"ko": programme.title.ko, "en": programme.title.en},
        "notice": {"number": notice.number, "published_on": notice.published_on.isoformat()},
        "price_krw": price_krw,
        "quotes": quotes,
    }


def full_subsidy_price(programme: Programme, buyer: Buyer) -> int:
    """The highest price on which `buyer` still gets its whole cap.

    1,250만원 for a company (80 %), 1천만원 for a non-profit (100 %).
    """
    rule = programme.funding_for(buyer)
    if rule is None or rule.government_ratio_max == 0:
        return 0
    return int(rule.government_cap_krw / Fraction(rule.government_ratio_max))


def _check_arguments(programme: Programme, price_krw: int, already_used_krw: int) -> None:
    if programme.kind != "purchase":
        raise rules_error(
            "rules-not-purchase",
            f"{programme.id}은 구매지원 사업이 아닙니다. 구매지원 정의(purchase-연도)를 쓰세요.",
            f"{programme.id} is not a purchase programme. Use a purchase-<year> definition.",
        )
    if isinstance(price_krw, bool) or not isinstance(price_krw, int) or price_krw < 0:
        raise rules_error(
            "rules-price", "가격은 0원 이상의 정수(원)입니다.", "The price is a whole number of won, 0 or more."
        )
    if isinstance(already_used_krw, bool) or not isinstance(already_used_krw, int) or already_used_krw < 0:
        raise rules_error(
            "rules-already-used",
            "이미 받은 지원금은 0원 이상의 정수입니다.",
            "The amount already used is a whole number of won, 0 or more.",
        )


def _explain(
    ratio: Decimal, cap: int, price: int, by_ratio: int, remaining: int, subsidy: int, used: int, buyer: Buyer
) -> tuple[str, str]:
    percent = f"{ratio * 100:.0f}%"
    ko = f"{_BUYER_KO[buyer]}: 가격 {price:,}원의 {percent} = {by_ratio:,}원"
    en = f"{_BUYER_EN[buyer]}: {percent} of {price:,} KRW = {by_ratio:,} KRW"
    if used:
        ko += f"; 한도 {cap:,}원 중 이미 {used:,}원 사용, 남은 한도 {remaining:,}원"
        en += f"; {used:,} of the {cap:,} KRW cap already used, {remaining:,} KRW left"
    else:
        ko += f"; 기업당 한도 {cap:,}원"
        en += f"; cap {cap:,} KRW per organisation"
    ko += f" → 지원금 {subsidy:,}원, 구매자 부담 {price - subsidy:,}원 (부가세 별도)"
    en += f" → subsidy {subsidy:,} KRW, buyer pays {price - subsidy:,} KRW (VAT excluded)"
    return ko, en
