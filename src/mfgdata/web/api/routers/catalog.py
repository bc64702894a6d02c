"""Catalog: search with the site's facets, one product's metadata (DCAT, Croissant, contract, quality), sample rows.

Public catalog data: anonymous callers are allowed (rate-limited per address); a caller that sends a token
needs the `read_catalog` scope. Only listed products exist here — anything else is 404.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from mfgdata.web.api import catalog_payloads as payloads
from mfgdata.web.api.auth import PUBLIC, caller_token, require_scope
from mfgdata.web.api.catalog_schemas import JsonDocument, ProductOut, SampleOut, SearchOut, SearchQuery, TermsOut
from mfgdata.web.api.errors import ERROR_STATUSES, ErrorOut, not_found
from mfgdata.web.api.models import TokenScope
from mfgdata.web.catalog import selectors
from mfgdata.web.catalog.jsonld import croissant
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.services import terms_of

router = Router(tags=["catalog"], auth=PUBLIC)
ERRORS = {ERROR_STATUSES: ErrorOut}
OPTIONAL_TOKEN = {"security": [{"TokenAuth": []}, {}]}  # OpenAPI: a token, or none


def base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _reader(request: HttpRequest) -> None:
    """Anonymous callers read public data; a token must carry `read_catalog` (it does only what it says)."""
    if caller_token(request) is not None:
        require_scope(request, TokenScope.READ_CATALOG)


def _listed(request: HttpRequest, slug: str) -> Listing:
    _reader(request)
    listing = selectors.listed_product(slug=slug)
    if listing is None:
        raise not_found("상품", "The product")
    return listing


def _member(listing: Listing, key: str, what_ko: str, what_en: str) -> Any:
    value = payloads.contents_of(listing).get(key)
    if not value:
        raise not_found(what_ko, what_en)
    return value


@router.get(
    "/catalog/products",
    response={200: SearchOut, **ERRORS},
    openapi_extra=OPTIONAL_TOKEN,
    summary="Search listed products",
)
def search(request: HttpRequest, filters: Query[SearchQuery]) -> dict[str, Any]:
    _reader(request)
    facet_filters = {
        name: str(value)
        for name in (*selectors.FACET_FIELDS, "price")
        if (value := getattr(filters, name)) not in (None, "")
    }
    result = selectors.catalog_search(query=filters.q, filters=facet_filters, sort=filters.sort, page=filters.page)
    root = base_url(request)
    return {
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "page_size": selectors.PAGE_SIZE,
        "items": [payloads.summary_payload(listing, root) for listing in result.listings],
        "facets": payloads.facets_payload(result.facets),
    }


@router.get(
    "/catalog/products/{slug}",
    response={200: ProductOut, **ERRORS},
    openapi_extra=OPTIONAL_TOKEN,
    summary="One product version",
)
def product(request: HttpRequest, slug: str) -> dict[str, Any]:
    listing = _listed(request, slug)
    return payloads.detail_payload(listing, payloads.contents_of(listing), base_url(request))


@router.get(
    "/catalog/products/{slug}/dcat",
    response={200: JsonDocument, **ERRORS},
    openapi_extra=OPTIONAL_TOKEN,
    summary="DCAT-AP JSON-LD",
)
def product_dcat(request: HttpRequest, slug: str) -> dict[str, Any]:
    return payloads.dcat_payload(_listed(request, slug), base_url(request))


@router.get(
    "/catalog/products/{slug}/croissant",
    response={200: JsonDocument, **ERRORS},
    openapi_extra=OPTIONAL_TOKEN,
    summary="Croissant",
)
def product_croissant(request: HttpRequest, slug: str) -> dict[str, Any]:
    listing = _listed(request, slug)
    return croissant(listing, payloads.contents_of(listing), base_url(request))


@router.get(
    "/catalog/products/{slug}/contract",
    response={200: JsonDocument, **ERRORS},
    openapi_extra=OPTIONAL_TOKEN,
    summary="ODCS contract",
)
def product_contract(request: HttpRequest, slug: str) -> dict[str, Any]:
    return _member(_listed(request, slug), "contract", "데이터 계약", "The data contract")


@router.get(
    "/catalog/products/{slug}/quality",
    response={200: JsonDocument, **ERRORS},
    openapi_extra=OPTIONAL_TOKEN,
    summary="Quality results",
)
def product_quality(request: HttpRequest, slug: str) -> dict[str, Any]:
    return _member(_listed(request, slug), "quality", "품질 결과", "The quality results")


@router.get(
    "/catalog/products/{slug}/sample",
    response={200: SampleOut, **ERRORS},
    openapi_extra=OPTIONAL_TOKEN,
    summary="Sample rows",
)
def product_sample(request: HttpRequest, slug: str) -> dict[str, Any]:
    sample = _member(_listed(request, slug), "sample", "샘플", "The sample")
    table = sample.get("table") if isinstance(sample, dict) else None
    if not table:
        raise not_found("표 형식 샘플", "A tabular sample")
    return {
        "path": table["path"],
        "header": [str(h) for h in table.get("header") or []],
        "rows": [[str(cell) for cell in row] for row in table.get("rows") or []],
        "files": [str(name) for name in sample.get("files") or []],
    }


@router.get(
    "/catalog/products/{slug}/terms",
    response={200: TermsOut, **ERRORS},
    openapi_extra=OPTIONAL_TOKEN,
    summary="Product terms",
)
def product_terms(request: HttpRequest, slug: str) -> dict[str, str]:
    text, sha256 = terms_of(_listed(request, slug))
    return {"text": text, "sha256": sha256}
