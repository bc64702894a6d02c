"""Market approach: what comparable products sell for, normalised to this product's size.

Comparables come from a local catalog file (product.yaml `pricing.catalog`, YAML):

```yaml
source: 거래소 등록 상품 목록 (2026-11 내보내기)    # where the prices come from
products:
  - {id: …, title: …, category: quality_prediction, process: die_casting, price_krw: 3000000,
     rows: 120000, entity_years: 4.0, labelled_samples: 120000}
```
Those of the same category and process are used, else the same category. Each comparable gives a unit
price per row, per entity-year and per labelled sample (where it states them); the median unit price ×
this product's quantity is an estimate per basis, and the market estimate is the median of those.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mfgdata.packaging.errors import package_error
from mfgdata.pricing.facts import ProductFacts

BASES = {
    "rows": "행당 (per row)",
    "entity_years": "설비·연당 (per entity-year)",
    "labelled_samples": "라벨 표본당 (per labelled sample)",
}


@dataclass(frozen=True)
class MarketEstimate:
    """The market approach's result; `estimate_krw` is None when no comparable fits."""

    source: str
    matched_on: str
    comparables: tuple[str, ...]
    per_basis: dict[str, dict[str, float]] = field(default_factory=dict)
    estimate_krw: int | None = None
    note_ko: str = ""
    note_en: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "matched_on": self.matched_on,
            "comparables": list(self.comparables),
            "per_basis": self.per_basis,
            "estimate_krw": self.estimate_krw,
            "note": {"ko": self.note_ko, "en": self.note_en},
        }


def _catalog(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise package_error(
            "catalog-missing",
            path,
            "product.yaml pricing.catalog이 가리키는 비교 상품 목록이 없습니다.",
            "The comparables catalog named by product.yaml pricing.catalog does not exist.",
        )
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}


def _matching(products: list[dict[str, Any]], facts: ProductFacts) -> tuple[list[dict[str, Any]], str]:
    usable = [p for p in products if int(p.get("price_krw") or 0) > 0]
    same = [p for p in usable if p.get("category") == facts.category and p.get("process") == facts.process]
    if same:
        return same, "category+process"
    same = [p for p in usable if p.get("category") == facts.category]
    return same, "category"


def _quantities(facts: ProductFacts) -> dict[str, float | None]:
    return {
        "rows": float(facts.rows),
        "entity_years": facts.entity_years,
        "labelled_samples": float(facts.labelled) or None,
    }


def market_estimate(catalog: Path | None, facts: ProductFacts) -> MarketEstimate:
    """The market approach; without a catalog, an estimate of None that says why."""
    if catalog is None:
        return MarketEstimate(
            "",
            "",
            (),
            note_ko="비교 상품 목록 없음 (pricing.catalog)",
            note_en="no comparables catalog (set pricing.catalog)",
        )
    data = _catalog(catalog)
    chosen, matched_on = _matching(list(data.get("products") or []), facts)
    source = str(data.get("source") or catalog.name)
    if not chosen:
        return MarketEstimate(
            source, "", (), note_ko="같은 상품 구분의 비교 상품 없음", note_en="no comparable of this category"
        )
    ours = _quantities(facts)
    per_basis: dict[str, dict[str, float]] = {}
    for basis, quantity in ours.items():
        units = [int(p["price_krw"]) / float(p[basis]) for p in chosen if float(p.get(basis) or 0) > 0]
        if units and quantity:
            unit = statistics.median(units)
            per_basis[basis] = {
                "unit_krw": round(unit, 4),
                "quantity": round(quantity, 2),
                "estimate_krw": round(unit * quantity),
            }
    estimates = [entry["estimate_krw"] for entry in per_basis.values()]
    estimate = int(statistics.median(estimates)) if estimates else None
    return MarketEstimate(source, matched_on, tuple(str(p.get("id")) for p in chosen), per_basis, estimate)
