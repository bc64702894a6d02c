"""What the catalog endpoints answer, built from the catalog selectors and the verified package contents.

Nothing here decides anything: search, facets and prices come from `catalog.selectors` and `orders.amounts`,
the metadata documents from `catalog.jsonld` and the package the marketplace verified.
"""

from __future__ import annotations

from typing import Any

from mfgdata.web.catalog import selectors
from mfgdata.web.catalog.jsonld import DCAT_CONTEXT, dcat_dataset
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.amounts import amount_for_supply


def _label(name: str, value: Any) -> tuple[str, str]:
    label = selectors.facet_label(name, value)
    return (label["ko"], label["en"]) if isinstance(label, dict) else (label, label)


def facets_payload(facets: dict[str, list[tuple[Any, int]]]) -> dict[str, list[dict[str, Any]]]:
    return {
        name: [
            {"value": str(value), "label_ko": _label(name, value)[0], "label_en": _label(name, value)[1], "count": n}
            for value, n in counts
        ]
        for name, counts in facets.items()
    }


def summary_payload(listing: Listing, base_url: str) -> dict[str, Any]:
    """One search hit: identity, classification, grade and the lowest price."""
    document = getattr(listing, "search_document", None)
    return {
        "slug": listing.slug,
        "version": listing.version,
        "title_ko": listing.title_ko,
        "title_en": listing.title_en,
        "category": listing.category,
        "process": listing.process,
        "seller": listing.seller.name,
        "grade": document.grade if document else "",
        "licence": listing.licence_id,
        "lowest_price_krw": listing.lowest_price(),
        "for_sale": not listing.not_for_sale,
        "listed_at": listing.listed_at,
        "page_url": f"{base_url}/market/{listing.slug}/",
    }


def plans_payload(listing: Listing) -> list[dict[str, Any]]:
    """Each sellable plan with its amounts as the server computes them (supply, VAT, total, in 원)."""
    plans = []
    for plan in listing.price_plans:
        price = plan.get("price_krw") if isinstance(plan, dict) else None
        if not isinstance(price, int) or isinstance(price, bool) or price <= 0:
            continue
        amount = amount_for_supply(price)
        plans.append(
            {
                "id": str(plan.get("id", "")),
                "kind": str(plan.get("kind") or "one_off"),
                "period": plan.get("period"),
                "supply_krw": amount.supply_krw,
                "vat_krw": amount.vat_krw,
                "total_krw": amount.total_krw,
            }
        )
    return plans


def contents_of(listing: Listing) -> dict[str, Any]:
    upload = listing.current_package
    return (upload.contents or {}) if upload else {}


def _quality_summary(quality: Any) -> dict[str, Any]:
    """Valid or not, the grade and the conformance rate of the results the marketplace recomputed."""
    if not isinstance(quality, dict):
        return {"valid": None, "grade": "", "conformance_rate": None}
    score = quality.get("score") if isinstance(quality.get("score"), dict) else {}
    rate = score.get("conformance_rate")
    return {
        "valid": quality.get("valid") if isinstance(quality.get("valid"), bool) else None,
        "grade": str(score.get("grade") or ""),
        "conformance_rate": float(rate) if isinstance(rate, int | float) and not isinstance(rate, bool) else None,
    }


def detail_payload(listing: Listing, contents: dict[str, Any], base_url: str) -> dict[str, Any]:
    """The product (one version of it) with its datasheet, prices, quality summary and where its documents are."""
    api = f"{base_url}/api/v1/catalog/products/{listing.slug}"
    versions = selectors.all_listed().filter(seller=listing.seller, title_ko=listing.title_ko)
    return {
        **summary_payload(listing, base_url),
        "description_ko": listing.description_ko,
        "description_en": listing.description_en,
        "keywords": [str(k) for k in listing.keywords],
        "licence_name": listing.licence_name,
        "equipment": listing.equipment,
        "data_period_start": listing.data_period_start,
        "data_period_end": listing.data_period_end,
        "programme_funded": listing.programme_funded,
        "price_plans": plans_payload(listing),
        "columns": selectors.columns_of(contents),
        "quality": _quality_summary(contents.get("quality")),
        "files": [
            {"path": f["path"], "bytes": int(f.get("bytes") or 0), "sha256": str(f.get("sha256") or "")}
            for f in contents.get("files", [])
        ],
        "versions": [{"slug": v.slug, "version": v.version, "listed_at": v.listed_at} for v in versions],
        "links": {
            "dcat": f"{api}/dcat",
            "croissant": f"{api}/croissant",
            "contract": f"{api}/contract",
            "quality": f"{api}/quality",
            "sample": f"{api}/sample",
            "terms": f"{api}/terms",
        },
    }


def dcat_payload(listing: Listing, base_url: str) -> dict[str, Any]:
    """The product as a DCAT-AP dataset in JSON-LD (the same description `/catalog.jsonld` harvests)."""
    return {"@context": DCAT_CONTEXT, **dcat_dataset(listing, base_url)}
