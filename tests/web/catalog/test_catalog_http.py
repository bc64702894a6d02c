"""HTTP: MARKET PLACE pages, the product page, machine-readable exports, the language switch."""

from __future__ import annotations

import pytest

from mfgdata.web.catalog.services import search_document_refresh
from mfgdata.web.listings.models import Listing

pytestmark = pytest.mark.django_db


def test_search_page_and_htmx_partial(client, listed) -> None:
    page = client.get("/market/", {"q": "도금"}).content.decode()
    assert "1개 상품" in page and "<html" in page and listed.title_ko in page
    partial = client.get("/market/", {"q": "도금"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and listed.title_ko in partial
    assert "1,000,000원 (부가세 별도)" in partial


def test_list_view_and_sorting(client, listed) -> None:
    page = client.get("/market/", {"view": "list", "sort": "price_asc"}).content.decode()
    assert "<table" in page and listed.title_ko in page


def test_product_page_shows_datasheet_columns_quality_sample_and_prices(client, listed) -> None:
    page = client.get(f"/market/{listed.slug}/").content.decode()
    for expected in ("0173-1#02-AAO677#002", "degC", "p01", "1,000,000원 (부가세 별도)", "quality-report", "KST"):
        assert expected in page


def test_html_in_descriptions_is_inert(client, listed) -> None:
    Listing.objects.filter(pk=listed.pk).update(description_ko='<script>alert("x")</script><b onmouseover=1>굵게</b>')
    page = client.get(f"/market/{listed.slug}/").content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page and "<b onmouseover" not in page


def test_quality_report_is_sandboxed(client, listed) -> None:
    response = client.get(f"/market/{listed.slug}/quality-report/")
    assert response.status_code == 200 and "sandbox" in response["Content-Security-Policy"]


def test_croissant_and_dcat_catalog(client, listed) -> None:
    croissant = client.get(f"/market/{listed.slug}/croissant.json").json()
    assert croissant["conformsTo"] == "http://mlcommons.org/croissant/1.0" and croissant["license"] == "CC-BY-4.0"
    catalog = client.get("/catalog.jsonld")
    assert catalog["Content-Type"].startswith("application/ld+json")
    datasets = catalog.json()["dcat:dataset"]
    assert [d["dct:identifier"] for d in datasets] == [listed.slug]
    assert datasets[0]["dct:temporal"]["dcat:startDate"]["@value"] == "2021-09-06"


def test_unlisted_products_have_no_page(client, submitted) -> None:
    search_document_refresh(listing_id=submitted.pk)
    assert client.get(f"/market/{submitted.slug}/").status_code == 404


def test_english_switch(client, listed) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/market/{listed.slug}/").content.decode()
    assert 'lang="en"' in page and "Plating process quality data" in page
    assert "Manufacturing Data Marketplace" in page and "1,000,000 KRW (VAT excluded)" in page


def test_ping_is_trivial(client) -> None:
    assert client.get("/ping").content == b"ok"
