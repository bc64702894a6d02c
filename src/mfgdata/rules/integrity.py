"""Integrity signals (notice 001: 사전담합, 페이백): facts in, flags out, for the programme operator to judge.

A flag is never a verdict: it names what was seen and the evidence, and the operator confirms or dismisses
it. Four signals, each with its threshold in `Thresholds`:

- `shared_identity`: a buyer and the seller it bought from — or the processor that registered the product
  for that seller — share a representative, an address, a phone number or a bank account (compared after
  normalising spaces, case and punctuation);
- `circular_purchase`: A bought from B and B bought from A within `circular_window_days`;
- `refund_after_claim`: a refund to an organisation within `refund_window_days` after it filed a subsidy
  claim (the evidence says whether the refunded order was in the claim);
- `price_outlier`: a product whose price per unit is above `price_factor` × the median of the comparable
  products (same category, same process, same unit: per row for tables, per file for file collections, per
  GB otherwise), given at least `min_comparables` others to compare with.

Each flag has a stable `key`, so scanning twice does not raise the same case twice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median
from typing import Literal

FlagKind = Literal["shared_identity", "circular_purchase", "refund_after_claim", "price_outlier"]
PriceUnit = Literal["row", "file", "gb"]
UNIT_TEXT: dict[str, tuple[str, str]] = {
    "row": ("행당", "per row"),
    "file": ("파일당", "per file"),
    "gb": ("GB당", "per GB"),
}
_IDENTITY_FIELDS = (
    ("representative", "대표자", "representative"),
    ("address", "주소", "address"),
    ("phone", "전화번호", "phone number"),
    ("bank_account", "계좌번호", "bank account"),
)


@dataclass(frozen=True)
class Party:
    """An organisation as the checks compare it; empty fields are never a match."""

    organisation_id: str
    name: str
    representative: str = ""
    address: str = ""
    phone: str = ""
    bank_account: str = ""


@dataclass(frozen=True)
class Purchase:
    """A paid marketplace order: who bought from whom, which product, on which day (Asia/Seoul)."""

    order_id: str
    buyer_id: str
    seller_id: str
    listing_id: str
    paid_on: date
    total_krw: int
    processor_id: str = ""  # the processor that registered the product for the seller (가공기업 대리 등록)


@dataclass(frozen=True)
class Refund:
    order_id: str
    buyer_id: str
    refunded_on: date
    amount_krw: int


@dataclass(frozen=True)
class ClaimFiled:
    """A subsidy claim (지급요청) as filed: by whom, on which day, for which orders."""

    claim_id: str
    organisation_id: str
    claimed_on: date
    order_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class PricedProduct:
    """A listed product's lowest price and its size in `unit` (rows, files or GB)."""

    listing_id: str
    seller_id: str
    title: str
    category: str
    process: str
    unit: PriceUnit
    quantity: float
    price_krw: int

    @property
    def unit_price(self) -> float:
        return self.price_krw / self.quantity


@dataclass(frozen=True)
class Thresholds:
    circular_window_days: int = 365
    refund_window_days: int = 30
    price_factor: float = 3.0
    min_comparables: int = 3


@dataclass(frozen=True)
class Facts:
    parties: Mapping[str, Party]
    purchases: tuple[Purchase, ...] = ()
    refunds: tuple[Refund, ...] = ()
    claims: tuple[ClaimFiled, ...] = ()
    products: tuple[PricedProduct, ...] = ()


@dataclass(frozen=True)
class Flag:
    """One signal with its evidence in both languages; `organisation_ids` are everyone it concerns."""

    kind: FlagKind
    key: str
    organisation_ids: tuple[str, ...]
    evidence_ko: str
    evidence_en: str
    order_ids: tuple[str, ...] = ()
    listing_ids: tuple[str, ...] = ()
    details: Mapping[str, object] = field(default_factory=dict)


def normalise(kind: str, value: str) -> str:
    """Comparable form: digits only for phones and accounts, no spaces/punctuation and lower case otherwise."""
    if kind in ("phone", "bank_account"):
        return re.sub(r"\D", "", value)
    return re.sub(r"[\s,.\-()]", "", value).lower()


_COUNTERPART = {"seller": ("판매기업", "seller"), "processor": ("가공기업", "processor")}


def _trading_pairs(facts: Facts) -> dict[tuple[str, str, str], list[Purchase]]:
    """(buyer, counterpart, role) → the orders between them: the seller, and the registering processor."""
    pairs: dict[tuple[str, str, str], list[Purchase]] = defaultdict(list)
    for purchase in facts.purchases:
        if purchase.buyer_id != purchase.seller_id:
            pairs[(purchase.buyer_id, purchase.seller_id, "seller")].append(purchase)
        if purchase.processor_id and purchase.processor_id not in (purchase.buyer_id, purchase.seller_id):
            pairs[(purchase.buyer_id, purchase.processor_id, "processor")].append(purchase)
    return pairs


def _shared_fields(one: Party, other: Party) -> list[tuple[str, str, str]]:
    return [
        (ko, en, getattr(one, name))
        for name, ko, en in _IDENTITY_FIELDS
        if normalise(name, getattr(one, name))
        and normalise(name, getattr(one, name)) == normalise(name, getattr(other, name))
    ]


def shared_identity(facts: Facts) -> list[Flag]:
    """Per buyer and the seller it bought from (or the processor that registered that product): the identity
    fields they share, with the orders between them."""
    flags = []
    for (buyer_id, other_id, role), between in sorted(_trading_pairs(facts).items()):
        buyer, other = facts.parties.get(buyer_id), facts.parties.get(other_id)
        if buyer is None or other is None:
            continue
        shared = _shared_fields(buyer, other)
        if not shared:
            continue
        ids = tuple(p.order_id for p in between)
        role_ko, role_en = _COUNTERPART[role]
        flags.append(
            Flag(
                kind="shared_identity",
                key=f"shared_identity:{buyer_id}:{other_id}" + (":processor" if role == "processor" else ""),
                organisation_ids=(buyer_id, other_id),
                evidence_ko=f"구매기업 {buyer.name}와(과) {role_ko} {other.name}의 "
                + ", ".join(f"{ko}({value})" for ko, _, value in shared)
                + f"이(가) 같습니다. 관련 주문 {len(ids)}건.",
                evidence_en=f"Buyer {buyer.name} and {role_en} {other.name} share "
                + ", ".join(f"{en} ({value})" for _, en, value in shared)
                + f"; {len(ids)} order(s) concerned.",
                order_ids=ids,
                details={"shared": [en for _, en, _ in shared], "counterpart": role},
            )
        )
    return flags


def circular_purchases(facts: Facts, thresholds: Thresholds) -> list[Flag]:
    """Per pair of organisations: A bought from B and B from A within the window (the closest two orders)."""
    by_pair: dict[tuple[str, str], list[Purchase]] = defaultdict(list)
    for purchase in facts.purchases:
        by_pair[(purchase.buyer_id, purchase.seller_id)].append(purchase)
    window = timedelta(days=thresholds.circular_window_days)
    flags = []
    for (a, b), forward in sorted(by_pair.items()):
        if a >= b or (b, a) not in by_pair:
            continue
        pairs = [(x, y) for x in forward for y in by_pair[(b, a)] if abs(x.paid_on - y.paid_on) <= window]
        if not pairs:
            continue
        x, y = min(pairs, key=lambda pair: (abs(pair[0].paid_on - pair[1].paid_on), pair[0].order_id))
        name_a, name_b = _name(facts, a), _name(facts, b)
        gap = abs(x.paid_on - y.paid_on).days
        flags.append(
            Flag(
                kind="circular_purchase",
                key=f"circular_purchase:{a}:{b}",
                organisation_ids=(a, b),
                evidence_ko=f"{name_a}이(가) {name_b}의 상품을 {x.paid_on}에 {x.total_krw:,}원에 사고, "
                f"{name_b}이(가) {name_a}의 상품을 {y.paid_on}에 {y.total_krw:,}원에 샀습니다({gap}일 간격, "
                f"기준 {thresholds.circular_window_days}일).",
                evidence_en=f"{name_a} bought from {name_b} on {x.paid_on} ({x.total_krw:,} KRW) and {name_b} "
                f"bought from {name_a} on {y.paid_on} ({y.total_krw:,} KRW): {gap} days apart "
                f"(threshold {thresholds.circular_window_days} days).",
                order_ids=tuple(sorted({p.order_id for pair in pairs for p in pair})),
                details={"gap_days": gap},
            )
        )
    return flags


def refunds_after_claim(facts: Facts, thresholds: Thresholds) -> list[Flag]:
    """A refund to an organisation from the day of its claim up to `refund_window_days` after it."""
    window = timedelta(days=thresholds.refund_window_days)
    flags = []
    for refund in sorted(facts.refunds, key=lambda r: (r.refunded_on, r.order_id)):
        for claim in facts.claims:
            if claim.organisation_id != refund.buyer_id:
                continue
            if not claim.claimed_on <= refund.refunded_on <= claim.claimed_on + window:
                continue
            days = (refund.refunded_on - claim.claimed_on).days
            in_claim = refund.order_id in claim.order_ids
            name = _name(facts, refund.buyer_id)
            flags.append(
                Flag(
                    kind="refund_after_claim",
                    key=f"refund_after_claim:{claim.claim_id}:{refund.order_id}",
                    organisation_ids=(refund.buyer_id,),
                    evidence_ko=f"{name}이(가) {claim.claimed_on}에 지급요청한 뒤 {days}일 만인 "
                    f"{refund.refunded_on}에 {refund.amount_krw:,}원을 환불받았습니다(기준 "
                    f"{thresholds.refund_window_days}일). 환불된 주문은 지급요청에 "
                    + ("포함되어 있습니다." if in_claim else "포함되지 않았습니다."),
                    evidence_en=f"{name} claimed the subsidy on {claim.claimed_on} and was refunded "
                    f"{refund.amount_krw:,} KRW {days} days later, on {refund.refunded_on} (threshold "
                    f"{thresholds.refund_window_days} days). The refunded order was "
                    + ("part of the claim." if in_claim else "not part of the claim."),
                    order_ids=(refund.order_id,),
                    details={"claim_id": claim.claim_id, "days": days, "in_claim": in_claim},
                )
            )
    return flags


def price_outliers(facts: Facts, thresholds: Thresholds) -> list[Flag]:
    """A product priced per unit above `price_factor` × the median of its comparables (itself excluded)."""
    groups: dict[tuple[str, str, str], list[PricedProduct]] = defaultdict(list)
    for product in facts.products:
        if product.quantity > 0 and product.price_krw > 0:
            groups[(product.category, product.process, product.unit)].append(product)
    flags = []
    for (category, process, unit), products in sorted(groups.items()):
        for product in products:
            others = [p.unit_price for p in products if p.listing_id != product.listing_id]
            if len(others) < thresholds.min_comparables:
                continue
            middle = median(others)
            if product.unit_price <= thresholds.price_factor * middle:
                continue
            ko_unit, en_unit = UNIT_TEXT[unit]
            ratio = product.unit_price / middle
            buyers = sorted({p.buyer_id for p in facts.purchases if p.listing_id == product.listing_id})
            flags.append(
                Flag(
                    kind="price_outlier",
                    key=f"price_outlier:{product.listing_id}:{product.price_krw}",
                    organisation_ids=(product.seller_id, *buyers),
                    evidence_ko=f"'{product.title}'의 가격 {product.price_krw:,}원은 {ko_unit} "
                    f"{product.unit_price:,.2f}원으로, 같은 구분·공정 상품 {len(others)}개의 중앙값 "
                    f"{middle:,.2f}원의 {ratio:.1f}배입니다(기준 {thresholds.price_factor:g}배).",
                    evidence_en=f"'{product.title}' at {product.price_krw:,} KRW costs {product.unit_price:,.2f} "
                    f"KRW {en_unit}, {ratio:.1f}× the median {middle:,.2f} of {len(others)} comparable products "
                    f"(same category and process; threshold {thresholds.price_factor:g}×).",
                    order_ids=tuple(p.order_id for p in facts.purchases if p.listing_id == product.listing_id),
                    listing_ids=(product.listing_id,),
                    details={"category": category, "process": process, "unit": unit, "ratio": round(ratio, 2)},
                )
            )
    return flags


def detect(facts: Facts, thresholds: Thresholds | None = None) -> list[Flag]:
    """Every signal, in a stable order (kind, then key)."""
    limits = thresholds or Thresholds()
    flags = [
        *shared_identity(facts),
        *circular_purchases(facts, limits),
        *refunds_after_claim(facts, limits),
        *price_outliers(facts, limits),
    ]
    return sorted(flags, key=lambda f: (f.kind, f.key))


def concerning(flags: Iterable[Flag], organisation_ids: Iterable[str]) -> list[Flag]:
    """The flags that concern at least one of `organisation_ids` (e.g. one programme's participants)."""
    wanted = set(organisation_ids)
    return [f for f in flags if wanted.intersection(f.organisation_ids)]


def _name(facts: Facts, organisation_id: str) -> str:
    party = facts.parties.get(organisation_id)
    return party.name if party else organisation_id
