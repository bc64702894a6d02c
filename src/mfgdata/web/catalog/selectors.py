"""Reads of the MARKET PLACE: search with facets and sorting, and one product with what its page shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from mfgdata.dictionary.category import CATEGORIES
from mfgdata.dictionary.process import PROCESSES
from mfgdata.web.catalog.models import SearchDocument
from mfgdata.web.catalog.search_backends import search
from mfgdata.web.listings.models import Listing, Status

FACET_FIELDS = ("category", "process", "grade", "licence", "data_type", "data_format", "equipment", "period_start_year")
PRICE_RANGES = {
    "lt1m": (None, 1_000_000),
    "1m-5m": (1_000_000, 5_000_000),
    "5m-20m": (5_000_000, 20_000_000),
    "gte20m": (20_000_000, None),
}
SORTS = {
    "newest": "-listed_at",
    "price_asc": "price_krw",
    "price_desc": "-price_krw",
    "grade": "grade",
    "title": "listing__title_ko",
}
PAGE_SIZE = 24
_PROCESS_NAMES = {p.id: {"ko": p.name_ko, "en": p.name_en} for p in PROCESSES}


@dataclass
class SearchResult:
    listings: list[Listing]
    total: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    page: int = 1
    pages: int = 1


def facet_label(name: str, value: Any) -> dict[str, str] | str:
    if name == "category" and value in CATEGORIES:
        return {"ko": CATEGORIES[value][0], "en": CATEGORIES[value][1]}
    if name == "process" and value in _PROCESS_NAMES:
        return _PROCESS_NAMES[value]
    return str(value)


def _filtered(documents: QuerySet[SearchDocument], filters: dict[str, str]) -> QuerySet[SearchDocument]:
    for name in FACET_FIELDS:
        if filters.get(name):
            documents = documents.filter(**{name: filters[name]})
    low, high = PRICE_RANGES.get(filters.get("price", ""), (None, None))
    if low is not None:
        documents = documents.filter(price_krw__gte=low)
    if high is not None:
        documents = documents.filter(price_krw__lt=high)
    return documents


def _facets(documents: QuerySet[SearchDocument]) -> dict[str, list[tuple[str, int]]]:
    facets = {}
    for name in FACET_FIELDS:
        rows = (
            documents.exclude(**{f"{name}__isnull": True}).exclude(**{name: ""})
            if name != "period_start_year"
            else documents.exclude(period_start_year__isnull=True)
        )
        counts = rows.values(name).annotate(n=Count("id")).order_by("-n", name)[:12]
        facets[name] = [(row[name], row["n"]) for row in counts]
    return facets


def catalog_search(
    *, query: str = "", filters: dict[str, str] | None = None, sort: str = "newest", page: int = 1
) -> SearchResult:
    """Listed products matching the query and the facet filters, one page of them, with facet counts."""
    documents = _filtered(search(SearchDocument.objects.filter(listing__status=Status.LISTED), query), filters or {})
    total = documents.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    ordered = documents.order_by(SORTS.get(sort, "-listed_at"), "-id")[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    ids = list(ordered.values_list("listing_id", flat=True))
    by_id = {x.pk: x for x in Listing.objects.filter(pk__in=ids).select_related("seller", "search_document")}
    return SearchResult([by_id[i] for i in ids if i in by_id], total, _facets(documents), page, pages)


def listed_product(*, slug: str) -> Listing | None:
    return Listing.objects.filter(slug=slug, status=Status.LISTED).select_related("seller").first()


def all_listed() -> QuerySet[Listing]:
    return Listing.objects.filter(status=Status.LISTED).select_related("seller").order_by("-listed_at")


def columns_of(contents: dict[str, Any]) -> list[dict[str, Any]]:
    """Each output column with its type, unit, description and semantic id, from the package's contract."""
    columns = []
    for table in (contents.get("contract") or {}).get("schema") or []:
        for prop in table.get("properties") or []:
            custom = {
                c.get("property"): c.get("value") for c in prop.get("customProperties") or [] if isinstance(c, dict)
            }
            columns.append(
                {
                    "table": table.get("name"),
                    "name": prop.get("name"),
                    "type": prop.get("physicalType"),
                    "unit": custom.get("unit"),
                    "description": prop.get("description"),
                    "description_en": custom.get("descriptionEn"),
                    "semantic_id": custom.get("semanticId"),
                    "classification": prop.get("classification"),
                }
            )
    return columns
