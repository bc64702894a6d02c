"""Facet counts: what the database counts equals a count of the matching products, and never goes stale."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.utils import timezone

from mfgdata.web.accounts.models import User
from mfgdata.web.catalog.models import SearchDocument
from mfgdata.web.catalog.selectors import FACET_FIELDS, catalog_search
from mfgdata.web.catalog.services import search_document_refresh
from mfgdata.web.listings.models import Listing, Status

pytestmark = pytest.mark.django_db

PRODUCTS = [
    ("plating", "quality_prediction", "도금 라인 전류", 2021, "도금조 A"),
    ("plating", "process_optimization", "도금 두께 측정", 2022, ""),
    ("die_casting", "quality_prediction", "다이캐스팅 주조 조건", 2021, "주조기 3호"),
    ("extrusion", "predictive_maintenance", "압출기 진동", None, "압출기 1호"),
    ("plating", "quality_prediction", "도금 불량 이미지", 2023, "도금조 A"),
]


def _list_products(seller: User) -> list[Listing]:
    organisation = seller.membership.organisation
    listings = []
    for i, (process, category, title, year, equipment) in enumerate(PRODUCTS):
        listing = Listing.objects.create(
            seller=organisation,
            registered_by_org=organisation,
            registered_by=seller,
            status=Status.LISTED,
            slug=f"facet-{i}",
            title_ko=title,
            category=category,
            process=process,
            equipment=equipment,
            licence_id="CC-BY-4.0",
            data_period_start=dt.date(year, 1, 1) if year else None,
            price_plans=[{"id": "one-off", "kind": "one_off", "price_krw": 1_000_000 * (i + 1)}],
            listed_at=timezone.now() - dt.timedelta(minutes=i),
        )
        search_document_refresh(listing_id=listing.pk)
        listings.append(listing)
    return listings


def _counted_by_hand(listings: list[Listing]) -> dict[str, list[tuple[Any, int]]]:
    """The facets as a person would count them: every non-empty value, most frequent first."""
    rows = SearchDocument.objects.filter(listing__in=listings).values_list(*FACET_FIELDS)
    facets = {}
    for position, name in enumerate(FACET_FIELDS):
        counts = Counter(row[position] for row in rows if row[position] not in (None, ""))
        facets[name] = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return facets


def test_facet_counts_equal_a_count_of_the_matching_products(seller: User) -> None:
    listings = _list_products(seller)
    everything = catalog_search(query="")
    assert everything.total == 5 and everything.facets == _counted_by_hand(listings)
    assert everything.facets["process"][0] == ("plating", 3)
    assert ("2021", 2) not in everything.facets["period_start_year"] and (2021, 2) in everything.facets[
        "period_start_year"
    ]
    plating = catalog_search(query="도금")
    assert plating.total == 3 and plating.facets == _counted_by_hand(listings[:2] + listings[4:])
    assert catalog_search(query="도금", filters={"category": "quality_prediction"}).facets["equipment"] == [
        ("도금조 A", 2)
    ]


def test_facet_counts_follow_every_change_of_the_catalogue(seller: User) -> None:
    listings = _list_products(seller)
    assert catalog_search(query="도금").facets["process"] == [("plating", 3)]
    Listing.objects.filter(pk=listings[0].pk).update(status=Status.SUSPENDED)
    search_document_refresh(listing_id=listings[0].pk)
    after_suspension = catalog_search(query="도금")
    assert after_suspension.total == 2 and after_suspension.facets["process"] == [("plating", 2)]
    Listing.objects.filter(pk=listings[3].pk).update(title_ko="압출 도금 겸용 라인")
    search_document_refresh(listing_id=listings[3].pk)
    assert catalog_search(query="도금").facets["process"] == [("plating", 2), ("extrusion", 1)]


def test_different_searches_never_share_counts(seller: User) -> None:
    _list_products(seller)
    assert catalog_search(query="도금").total == 3
    assert catalog_search(query="압출").total == 1
    assert catalog_search(query="도금", filters={"process": "die_casting"}).total == 0
    assert catalog_search(query="", filters={"price": "lt1m"}).total == 0
    assert catalog_search(query="", filters={"price": "1m-5m"}).total == 4
