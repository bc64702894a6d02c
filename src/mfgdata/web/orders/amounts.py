"""What an order costs, computed on the server only (the browser's figures are never trusted).

Plan prices are supply values (공급가액, 부가세 별도) in whole 원, as `price.json` states (`vat_excluded: true`).
부가세 = floor(공급가액 × 10 / 100): 원 미만은 절사 (truncated, the usual practice on Korean invoices), computed in
integers so no float rounding can creep in. 합계 = 공급가액 + 부가세.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mfgdata.web.core.errors import SiteError

VAT_PERCENT = 10


@dataclass(frozen=True)
class Amount:
    supply_krw: int
    vat_krw: int
    total_krw: int


def amount_for_supply(supply_krw: int) -> Amount:
    vat = supply_krw * VAT_PERCENT // 100
    return Amount(supply_krw=supply_krw, vat_krw=vat, total_krw=supply_krw + vat)


def plan_of(price_plans: list[dict[str, Any]], plan_id: str) -> dict[str, Any]:
    """The listing's own plan with this id; a plan of another product (or an invented one) is refused."""
    for plan in price_plans:
        if isinstance(plan, dict) and plan.get("id") == plan_id:
            price = plan.get("price_krw")
            if not isinstance(price, int) or isinstance(price, bool) or price <= 0:
                break
            return plan
    raise SiteError(
        "unknown-price-plan",
        "이 상품에 없는 가격 플랜입니다. 상품 페이지에서 플랜을 다시 고르세요.",
        "This price plan does not belong to this product; choose a plan on the product page.",
    )
