"""`mfgdata price DIR`: a recommended price range and plans in KRW, with the reasons, into build/price.json.

middle = (cost-based price of one sale, averaged with the market estimate when comparables exist)
         × the value factors, rounded; low and high are the rate table's `range` around it.
Plans are product.yaml `price_plans` when the seller set them, else drafted from the middle price; all
are checked against the licence. Every figure is an integer KRW excluding VAT; VAT is shown per plan.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mfgdata.packaging.project import Project, load_project
from mfgdata.pricing.cost import CostEstimate, cost_estimate
from mfgdata.pricing.facts import product_facts
from mfgdata.pricing.market import MarketEstimate, market_estimate
from mfgdata.pricing.plans import VAT_PERCENT, check_plans, recommended_plans, round_to
from mfgdata.pricing.settings import PricingSettings, load_settings
from mfgdata.pricing.subsidy import subsidy_quotes
from mfgdata.pricing.value import Factor, value_factors

FORMAT = "mfgdata-price/1"
PRICE_FILE = "price.json"


def _won(value: int) -> str:
    return f"{value:,}원"


def _cost_reasons(cost: CostEstimate, settings: PricingSettings) -> list[dict[str, str]]:
    days = sum(cost.person_days.values())
    reasons = [
        {
            "ko": f"원가법: 투입 {days:.1f}인·일 × 일 노임 {_won(cost.daily_rate_krw)} ({cost.daily_rate_source}) = "
            f"{_won(cost.labour_krw)}, 인프라 {_won(cost.infrastructure_krw)}, 검증 {_won(cost.verification_krw)}; "
            f"합계 {_won(cost.total_krw)}에 이윤 {cost.margin:.0%}를 더해 예상 판매 {cost.expected_sales}건으로 나누면 "
            f"1건당 {_won(cost.per_sale_krw)}",
            "en": f"Cost approach: {days:.1f} person-days × daily rate KRW {cost.daily_rate_krw:,} "
            f"({cost.daily_rate_source}) = KRW {cost.labour_krw:,}, infrastructure KRW {cost.infrastructure_krw:,}, "
            f"verification KRW {cost.verification_krw:,}; total KRW {cost.total_krw:,} plus {cost.margin:.0%} margin "
            f"over {cost.expected_sales} expected sales = KRW {cost.per_sale_krw:,} per sale",
        }
    ]
    source, year = settings.table.get("source"), settings.table.get("year")
    if settings.is_example:
        reasons.append(
            {
                "ko": f"주의: 단가는 예시 단가표({settings.table_name}, 출처 '{source or '미기재'}', "
                f"연도 {year or '미기재'})의 값입니다. 실제 노임과 출처로 바꾸세요.",
                "en": f"Note: rates come from the example table ({settings.table_name}, source "
                f"'{source or 'not given'}', year {year or 'not given'}); "
                "replace them with real rates and their source.",
            }
        )
    return reasons


def _market_reason(market: MarketEstimate) -> dict[str, str]:
    if market.estimate_krw is None:
        return {
            "ko": f"거래사례비교법: 적용 안 함 — {market.note_ko}",
            "en": f"Market approach: not applied — {market.note_en}",
        }
    bases = ", ".join(f"{basis} {entry['estimate_krw']:,}" for basis, entry in market.per_basis.items())
    return {
        "ko": f"거래사례비교법: 비교 상품 {len(market.comparables)}개({market.matched_on}, 출처 {market.source})의 "
        f"단위 가격 중앙값 × 이 상품의 양 → {bases} → {_won(market.estimate_krw)}",
        "en": f"Market approach: median unit price of {len(market.comparables)} comparables ({market.matched_on}, "
        f"source {market.source}) × this product's quantity → {bases} → KRW {market.estimate_krw:,}",
    }


def _factor_reason(factors: list[Factor], combined: float) -> dict[str, str]:
    return {
        "ko": "가치 요인: " + "; ".join(f"{f.ko} ×{f.multiplier}" for f in factors) + f" → ×{combined}",
        "en": "Value factors: " + "; ".join(f"{f.en} ×{f.multiplier}" for f in factors) + f" → ×{combined}",
    }


def _seller_plans(project: Project) -> list[dict[str, Any]]:
    plans = project.product.get("price_plans") or []
    return [dict(plan) for plan in plans if isinstance(plan, dict)]


def recommend_price(project: Project) -> dict[str, Any]:
    """The price.json document for a built project; PackageError for plans the licence does not allow."""
    settings = load_settings(project.folder, project.product)
    facts = product_facts(project)
    cost = cost_estimate(settings, facts)
    market = market_estimate(settings.catalog_path(), facts)
    factors, combined = value_factors(facts, settings.table.get("process_rarity") or {})
    base = (cost.per_sale_krw + market.estimate_krw) / 2 if market.estimate_krw else cost.per_sale_krw
    unit = int((settings.table.get("plans") or {}).get("rounding_krw", 10000))
    bounds = settings.table.get("range") or {"low": 0.8, "high": 1.25}
    mid = round_to(base * combined, unit)
    seller = _seller_plans(project)
    plans = check_plans(
        seller or recommended_plans(mid, settings.table, project.licence), project.licence, "product.yaml"
    )
    reasons = [*_cost_reasons(cost, settings), _market_reason(market), _factor_reason(factors, combined)]
    reasons.append(
        {
            "ko": f"가격은 부가세 별도입니다(부가세 {VAT_PERCENT}%, 정책별 vat_krw·total_krw).",
            "en": f"Prices exclude VAT ({VAT_PERCENT}%; see vat_krw and total_krw per plan).",
        }
    )
    one_off = next((p["price_krw"] for p in plans if p["kind"] == "one_off"), mid)
    return {
        "format": FORMAT,
        "currency": "KRW",
        "vat_excluded": True,
        "vat_rate": VAT_PERCENT / 100,
        "recommended": {
            "low": round_to(mid * float(bounds["low"]), unit),
            "mid": mid,
            "high": round_to(mid * float(bounds["high"]), unit),
        },
        "plans": plans,
        "plans_source": "product.yaml" if seller else "recommended",
        "approaches": {
            "cost": cost.to_dict(),
            "market": market.to_dict(),
            "value": {"multiplier": combined, "factors": [f.__dict__ for f in factors]},
        },
        "rate_table": {
            "name": settings.table_name,
            "example": settings.is_example,
            "source": settings.table.get("source") or None,
            "year": settings.table.get("year"),
        },
        "reasons": reasons,
        "subsidy": subsidy_quotes(one_off),
    }


def price_project(folder: Path) -> tuple[Path, dict[str, Any]]:
    """Write build/price.json for the built project `folder` and return its path and content."""
    project = load_project(folder)
    document = recommend_price(project)
    path = project.build / PRICE_FILE
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path, document
