"""Cost approach: what making the product cost, spread over the sales expected.

Labour is person-days per stage × the daily rate the user supplies (or the example table's). Stages not
given in product.yaml are estimated from the project — a day to review the data dictionary plus a day
per 40 columns, half a day per recipe step, a day for standards (two with an AAS), a day for verification
plus a day per 20 checks, half a day to package. Infrastructure and verification are added; the total
plus the margin, divided by the expected sales, is the cost-based price of one sale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mfgdata.pricing.facts import ProductFacts
from mfgdata.pricing.settings import PricingSettings

GIB = 1 << 30


def estimated_person_days(facts: ProductFacts) -> dict[str, float]:
    """Person-days per stage, estimated from the product."""
    return {
        "conceptualization": 1 + facts.columns / 40,
        "preparation": max(0.5, 0.5 * facts.steps),
        "standardization": 2.0 if facts.aas else 1.0,
        "verification": 1 + facts.checks / 20,
        "packaging": 0.5,
    }


@dataclass(frozen=True)
class CostEstimate:
    """The cost approach's figures (KRW, integers) and what they were made from."""

    person_days: dict[str, float]
    days_given: tuple[str, ...]
    daily_rate_krw: int
    daily_rate_source: str
    labour_krw: int
    infrastructure_krw: int
    verification_krw: int
    total_krw: int
    expected_sales: int
    margin: float
    per_sale_krw: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "person_days": {k: round(v, 2) for k, v in self.person_days.items()},
            "person_days_given": list(self.days_given),
            "daily_rate_krw": self.daily_rate_krw,
            "daily_rate_source": self.daily_rate_source,
            "labour_krw": self.labour_krw,
            "infrastructure_krw": self.infrastructure_krw,
            "verification_krw": self.verification_krw,
            "total_krw": self.total_krw,
            "expected_sales": self.expected_sales,
            "margin": self.margin,
            "per_sale_krw": self.per_sale_krw,
        }


def _infrastructure(settings: PricingSettings, facts: ProductFacts) -> int:
    if "infrastructure_krw" in settings.own:
        return int(settings.own["infrastructure_krw"])
    table = settings.table.get("infrastructure") or {}
    return int(table.get("base_krw", 0)) + round(table.get("per_gib_krw", 0) * facts.bytes / GIB)


def cost_estimate(settings: PricingSettings, facts: ProductFacts) -> CostEstimate:
    """The cost approach for `facts` under `settings`."""
    given = {str(k): float(v) for k, v in (settings.own.get("person_days") or {}).items()}
    days = {stage: round(value, 2) for stage, value in (estimated_person_days(facts) | given).items()}
    rate, source = settings.daily_rate()
    labour = round(sum(days.values()) * rate)
    infrastructure = _infrastructure(settings, facts)
    verification = int(
        settings.own.get("verification_krw", (settings.table.get("verification") or {}).get("external_krw", 0))
    )
    total = labour + infrastructure + verification
    sales = max(1, int(settings.figure("expected_sales", 5)))
    margin = float(settings.figure("margin", 0.2))
    return CostEstimate(
        days,
        tuple(sorted(given)),
        rate,
        source,
        labour,
        infrastructure,
        verification,
        total,
        sales,
        margin,
        round(total * (1 + margin) / sales),
    )
