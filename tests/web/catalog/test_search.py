"""MARKET PLACE search: partial Korean words, one- and two-character terms, facets, only listed products."""

from __future__ import annotations

import pytest

from mfgdata.web.catalog.selectors import catalog_search
from mfgdata.web.catalog.services import search_document_refresh
from mfgdata.web.listings.models import Listing, Status

pytestmark = pytest.mark.django_db


def _titles(query: str, **filters: str) -> list[str]:
    return [x.title_ko for x in catalog_search(query=query, filters=filters).listings]


def test_two_syllable_korean_word_finds_the_product(listed) -> None:
    assert _titles("도금") == ["도금 공정 품질 데이터"]


def test_partial_words_of_three_or_more_characters_use_the_trigram_index(listed) -> None:
    assert _titles("공정 품질") == ["도금 공정 품질 데이터"]
    assert _titles("Plating") == ["도금 공정 품질 데이터"]
    assert _titles("lating proc") == ["도금 공정 품질 데이터"]
    assert _titles("압연") == []
    assert _titles("존재하지않는말") == []


def test_single_character_and_column_names_are_found(listed) -> None:
    assert _titles("금") == ["도금 공정 품질 데이터"]
    assert _titles("온도") == ["도금 공정 품질 데이터"]


def test_facets_count_and_filter(listed) -> None:
    result = catalog_search(query="")
    assert ("plating", 1) in result.facets["process"]
    assert ("A", 1) in result.facets["grade"]
    assert _titles("", process="plating") == ["도금 공정 품질 데이터"]
    assert _titles("", process="extrusion") == []
    assert _titles("", price="1m-5m") == ["도금 공정 품질 데이터"]
    assert _titles("", price="lt1m") == []


def test_products_that_are_not_listed_are_not_found(listed) -> None:
    Listing.objects.filter(pk=listed.pk).update(status=Status.SUSPENDED)
    search_document_refresh(listing_id=listed.pk)
    assert _titles("도금") == []


def test_search_syntax_characters_are_harmless(listed) -> None:
    assert _titles('"도금" (*) ^') == ["도금 공정 품질 데이터"]


def test_short_grams_hold_every_one_and_two_character_piece() -> None:
    from mfgdata.web.catalog.search_backends import short_grams

    assert short_grams("도금액 Ni") == "도 금 액 도금 금액 n i ni"


def test_a_nul_character_in_the_query_or_a_filter_is_read_without_it(listed) -> None:
    # PostgreSQL refuses NUL in a literal and SQLite's full-text search ends the string there: neither may fail.
    assert _titles("도\x00금") == ["도금 공정 품질 데이터"]
    assert _titles("\x00", process="plat\x00ing") == ["도금 공정 품질 데이터"]
    assert _titles("", licence="\x00") == ["도금 공정 품질 데이터"]
