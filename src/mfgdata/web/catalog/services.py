"""Keeping the search index in step with listings (called after every listing change commits)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction

from mfgdata.dictionary.category import CATEGORIES
from mfgdata.dictionary.process import PROCESSES
from mfgdata.web.catalog.models import SearchDocument, SearchIndexState
from mfgdata.web.catalog.search_backends import index_document, short_grams, unindex_document
from mfgdata.web.listings.models import Listing, Status

_PROCESS_NAMES = {p.id: (p.name_ko, p.name_en) for p in PROCESSES}


def _package_facts(listing: Listing) -> dict[str, Any]:
    upload = listing.current_package
    contents = (upload.contents or {}) if upload else {}
    paths = [str(f.get("path", "")) for f in contents.get("files", [])]
    data = [p for p in paths if p.startswith("data/")]
    is_image = any(p.lower().endswith((".png", ".jpg", ".jpeg")) for p in data)
    formats = sorted({p.rsplit(".", 1)[-1].lower() for p in data if "." in p})
    columns = [
        str(prop.get("name"))
        for table in (contents.get("contract") or {}).get("schema") or []
        for prop in table.get("properties") or []
        if isinstance(prop, dict)
    ]
    grade = ((contents.get("quality") or {}).get("score") or {}).get("grade") or ""
    return {
        "data_type": "image" if is_image else ("tabular" if data else ""),
        "data_format": "parquet" if "parquet" in formats else (formats[0] if formats else ""),
        "grade": str(grade)[:5],
        "columns": columns,
    }


def document_text(listing: Listing, columns: list[str]) -> str:
    """Everything a buyer might type: titles, descriptions, keywords, category and process names, columns."""
    category = CATEGORIES.get(listing.category, ("", ""))
    process = _PROCESS_NAMES.get(listing.process, ("", ""))
    parts = [
        listing.title_ko,
        listing.title_en,
        listing.description_ko,
        listing.description_en,
        " ".join(listing.keywords),
        *category,
        *process,
        listing.equipment,
        listing.seller.name,
        " ".join(columns),
    ]
    return "\n".join(p for p in parts if p)


@transaction.atomic
def search_document_refresh(*, listing_id: int) -> SearchDocument | None:
    """Index a listed product (or drop it from the index when it is not listed)."""
    listing = Listing.objects.select_related("seller").filter(pk=listing_id).first()
    if listing is None or listing.status != Status.LISTED:
        for document_id in SearchDocument.objects.filter(listing_id=listing_id).values_list("id", flat=True):
            unindex_document(document_id)
        if SearchDocument.objects.filter(listing_id=listing_id).delete()[0]:
            search_index_changed()
        return None
    facts = _package_facts(listing)
    text = document_text(listing, facts["columns"])
    document, _ = SearchDocument.objects.update_or_create(
        listing=listing,
        defaults={
            "text": text,
            "grams": short_grams(text),
            "category": listing.category,
            "process": listing.process,
            "licence": listing.licence_id,
            "grade": facts["grade"],
            "data_type": facts["data_type"],
            "data_format": facts["data_format"],
            "equipment": listing.equipment[:300],
            "price_krw": listing.lowest_price(),
            "period_start_year": listing.data_period_start.year if listing.data_period_start else None,
            "listed_at": listing.listed_at,
        },
    )
    index_document(document)
    search_index_changed()
    return document


def search_index_changed() -> None:
    """Give the index a new token: facet counts cached under the old one are no longer read."""
    SearchIndexState.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})
