"""Reads of the MARKET PLACE: search with facets and sorting, and one product with what its page shows."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet

from mfgdata.dictionary.category import CATEGORIES
from mfgdata.dictionary.process import PROCESSES
from mfgdata.web.catalog.models import SearchDocument, SearchIndexState
from mfgdata.web.catalog.search_backends import query_terms, search
from mfgdata.web.listings.models import Listing, Status

FACET_FIELDS = ("category", "process", "grade", "licence", "data_type", "data_format", "equipment", "period_start_year")
_INTEGER_FACETS = {"period_start_year"}
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
# What a result card and the list view show; loading only these (not the JSON and date columns of whole
# listings, sellers and documents) is a third of a search's database-to-Python cost.
CARD_FIELDS = (
    "slug",
    "title_ko",
    "title_en",
    "description_ko",
    "not_for_sale",
    "price_plans",
    "seller__name",
    "search_document__grade",
)
FACET_CACHE_SECONDS = 600
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


def _facets(documents: QuerySet[SearchDocument]) -> tuple[int, dict[str, list[tuple[Any, int]]]]:
    """The number of matches and the top values of every facet, counted by the database in one statement.

    The matching rows are computed once (a materialised CTE: the full-text match runs once, not once per facet)
    and each facet is a GROUP BY over them, so only the distinct values travel to Python — fetching every
    matching row and counting here cost ~90 ms per search at 20,000 products.
    """
    inner, params = documents.order_by().values_list(*FACET_FIELDS).query.sql_with_params()
    columns = ", ".join(f"{name} AS c{position}" for position, name in enumerate(FACET_FIELDS))
    groups = ["SELECT 'total', NULL, COUNT(*) FROM matched"] + [
        f"SELECT '{name}', CAST(c{position} AS TEXT), COUNT(*) FROM matched WHERE c{position} IS NOT NULL "
        f"AND CAST(c{position} AS TEXT) <> '' GROUP BY c{position}"
        for position, name in enumerate(FACET_FIELDS)
    ]
    sql = f"WITH matched AS MATERIALIZED (SELECT {columns} FROM ({inner}) AS m) " + " UNION ALL ".join(groups)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts: dict[str, list[tuple[Any, int]]] = {name: [] for name in FACET_FIELDS}
    total = 0
    for name, value, count in rows:
        if name == "total":
            total = count
        else:
            counts[name].append((_facet_value(name, value), count))
    facets = {name: sorted(found, key=lambda item: (-item[1], str(item[0])))[:12] for name, found in counts.items()}
    return total, facets


def _facets_cached(
    documents: QuerySet[SearchDocument], query: str, filters: dict[str, str]
) -> tuple[int, dict[str, list[tuple[Any, int]]]]:
    """`_facets`, remembered per search until the index changes (its token is part of the key).

    Counting the facets of a broad search (every product matches 도금 or 공정) is most of its cost; the counts only
    change when a search document does, and every such change writes a new token in the same transaction.
    """
    token = SearchIndexState.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:
        return _facets(documents)
    used = {name: filters[name] for name in (*FACET_FIELDS, "price") if filters.get(name)}
    key = (
        "catalog-facets:"
        + hashlib.sha256(
            json.dumps(
                [connection.vendor, token, query_terms(query), sorted(used.items())], ensure_ascii=False
            ).encode()
        ).hexdigest()
    )
    found = cache.get(key)
    if found is None:
        found = _facets(documents)
        cache.set(key, found, FACET_CACHE_SECONDS)
    return found


def _facet_value(name: str, value: str) -> Any:
    """The value as the model holds it (the statement returns every facet value as text)."""
    return int(value) if name in _INTEGER_FACETS else value


def catalog_search(
    *, query: str = "", filters: dict[str, str] | None = None, sort: str = "newest", page: int = 1
) -> SearchResult:
    """Listed products matching the query and the facet filters, one page of them, with facet counts."""
    # NUL never occurs in stored text (PostgreSQL refuses it in a literal, SQLite's FTS ends the string there):
    # a query or filter holding one is read without it.
    query = query.replace("\x00", "")
    filters = {k: v.replace("\x00", "") if isinstance(v, str) else v for k, v in (filters or {}).items()}
    # Only listed products have a search document (`search_document_refresh` keeps it so): no join needed.
    documents = _filtered(search(SearchDocument.objects.all(), query), filters)
    total, facets = _facets_cached(documents, query, filters)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    ordered = documents.order_by(SORTS.get(sort, "-listed_at"), "-id")[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    ids = list(ordered.values_list("listing_id", flat=True))
    by_id = {
        x.pk: x
        for x in Listing.objects.filter(pk__in=ids).select_related("seller", "search_document").only(*CARD_FIELDS)
    }
    return SearchResult([by_id[i] for i in ids if i in by_id], total, facets, page, pages)


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
