"""Catalog endpoints: search with facets, product metadata documents, sample rows, terms — anonymous or token."""

from __future__ import annotations

import pytest
from api_fixtures import api_client, token_for

from mfgdata.web.accounts.models import User
from mfgdata.web.catalog.services import search_document_refresh
from mfgdata.web.listings.models import Listing

pytestmark = pytest.mark.django_db


def test_anonymous_search_finds_the_listed_product_with_facets_and_prices(on_sale: Listing) -> None:
    response = api_client().get("/api/v1/catalog/products", {"q": "도금"})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1 and body["items"][0]["slug"] == on_sale.slug
    assert body["items"][0]["lowest_price_krw"] == 333_333
    category = body["facets"]["category"][0]
    assert (category["value"], category["label_ko"], category["count"]) == ("quality_prediction", "품질 예측", 1)


def test_facet_filters_and_no_match(on_sale: Listing) -> None:
    client = api_client()
    assert client.get("/api/v1/catalog/products", {"category": "quality_prediction"}).json()["total"] == 1
    assert client.get("/api/v1/catalog/products", {"category": "vision_inspection"}).json()["total"] == 0
    assert client.get("/api/v1/catalog/products", {"price": "gte20m"}).json()["total"] == 0


@pytest.mark.parametrize("params", [{"page": "0"}, {"sort": "cheapest"}, {"price": "free"}, {"q": "x" * 201}])
def test_bad_search_parameters_are_422_with_the_field(params: dict[str, str]) -> None:
    response = api_client().get("/api/v1/catalog/products", params)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid-input"
    assert list(body["fields"]) == [f"query.{next(iter(params))}"]


def test_product_detail_has_plans_with_server_amounts_columns_quality_and_links(on_sale: Listing) -> None:
    body = api_client().get(f"/api/v1/catalog/products/{on_sale.slug}").json()
    assert body["price_plans"][0] == {
        "id": "one-off",
        "kind": "one_off",
        "period": None,
        "supply_krw": 1_000_000,
        "vat_krw": 100_000,
        "total_krw": 1_100_000,
    }
    assert any(c["semantic_id"] == "0173-1#02-AAO677#002" for c in body["columns"])
    assert body["quality"]["grade"] == "A" and body["quality"]["valid"] is True
    assert body["versions"] == [{"slug": on_sale.slug, "version": on_sale.version, "listed_at": body["listed_at"]}]
    assert body["links"]["dcat"].endswith(f"/api/v1/catalog/products/{on_sale.slug}/dcat")


def test_metadata_documents(on_sale: Listing) -> None:
    client, base = api_client(), f"/api/v1/catalog/products/{on_sale.slug}"
    dcat = client.get(f"{base}/dcat").json()
    assert dcat["@type"] == "dcat:Dataset" and dcat["dct:identifier"] == on_sale.slug and "@context" in dcat
    assert client.get(f"{base}/croissant").json()["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    assert client.get(f"{base}/contract").json()["apiVersion"].startswith("v3")
    assert client.get(f"{base}/quality").json()["score"]["grade"] == "A"
    terms = client.get(f"{base}/terms").json()
    assert len(terms["sha256"]) == 64


def test_sample_rows(on_sale: Listing) -> None:
    body = api_client().get(f"/api/v1/catalog/products/{on_sale.slug}/sample").json()
    assert body["path"].startswith("sample/") and body["header"] and body["rows"]


def test_unlisted_and_unknown_products_are_404(submitted: Listing) -> None:
    search_document_refresh(listing_id=submitted.pk)
    for slug in (submitted.slug, "no-such-product"):
        response = api_client().get(f"/api/v1/catalog/products/{slug}")
        assert (response.status_code, response.json()["code"]) == (404, "not-found")


def test_a_token_without_read_catalog_is_403_and_with_it_200(on_sale: Listing, buyer: User) -> None:
    refused = api_client(token_for(buyer, ["buy"])).get("/api/v1/catalog/products")
    assert (refused.status_code, refused.json()["code"]) == (403, "scope-missing")
    assert api_client(token_for(buyer, ["read_catalog"])).get("/api/v1/catalog/products").status_code == 200


def test_a_bad_token_is_never_treated_as_anonymous(on_sale: Listing) -> None:
    response = api_client("mfg_12345678_forged").get("/api/v1/catalog/products")
    assert (response.status_code, response.json()["code"]) == (401, "token-invalid")
