"""MARKET PLACE pages: the front page, search (HTMX partial), a product, its Croissant, the DCAT catalog."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from mfgdata.dictionary.category import CATEGORIES
from mfgdata.dictionary.process import PROCESSES
from mfgdata.web.catalog import selectors
from mfgdata.web.catalog.jsonld import croissant, dcat_catalog
from mfgdata.web.listings.models import Listing
from mfgdata.web.listings.package_reader import PackageError, read_member
from mfgdata.web.listings.upload_services import upload_file_path
from mfgdata.web.orders.usage_views import model_context

FILTER_KEYS = (*selectors.FACET_FIELDS, "price")


def _base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@require_GET
def ping(request: HttpRequest) -> HttpResponse:
    """The trivial view the benchmark uses as its floor."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    result = selectors.catalog_search(sort="newest")
    return render(request, "catalog/home.html", {"result": result, "categories": CATEGORIES})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    filters = {k: request.GET[k] for k in FILTER_KEYS if request.GET.get(k)}
    page = int(request.GET["page"]) if request.GET.get("page", "").isdigit() else 1
    result = selectors.catalog_search(
        query=request.GET.get("q", ""), filters=filters, sort=request.GET.get("sort", "newest"), page=page
    )
    facets = {
        name: [(value, selectors.facet_label(name, value), n) for value, n in counts]
        for name, counts in result.facets.items()
    }
    context = {
        "result": result,
        "facets": facets,
        "q": request.GET.get("q", ""),
        "filters": filters,
        "sort": request.GET.get("sort", "newest"),
        "view": "list" if request.GET.get("view") == "list" else "card",
        "sorts": selectors.SORTS,
        "processes": PROCESSES,
    }
    template = "catalog/_results.html" if request.headers.get("HX-Request") else "catalog/search.html"
    return render(request, template, context)


def _product(slug: str) -> tuple[Listing, dict[str, Any]]:
    listing = selectors.listed_product(slug=slug)
    if listing is None:
        raise Http404
    upload = listing.current_package
    return listing, (upload.contents or {}) if upload else {}


@require_GET
def product(request: HttpRequest, slug: str) -> HttpResponse:
    listing, contents = _product(slug)
    context = {
        "listing": listing,
        "contents": contents,
        "columns": selectors.columns_of(contents),
        "category": CATEGORIES.get(listing.category),
        "quality": contents.get("quality") or {},
        "price": contents.get("price") or {},
        "sample": contents.get("sample"),
        "has_report": any(f["path"] == "quality/report.html" for f in contents.get("files", [])),
        "has_aas": any(f["path"].startswith("metadata/equipment") for f in contents.get("files", [])),
        "versions": selectors.all_listed().filter(seller=listing.seller, title_ko=listing.title_ko),
        "language": get_language(),
        **model_context(request, listing),
    }
    return render(request, "catalog/product.html", context)


@require_GET
def product_croissant(request: HttpRequest, slug: str) -> JsonResponse:
    listing, contents = _product(slug)
    return JsonResponse(croissant(listing, contents, _base_url(request)), json_dumps_params={"ensure_ascii": False})


def _member(slug: str, name: str) -> bytes:
    listing = selectors.listed_product(slug=slug)
    upload = listing.current_package if listing else None
    if upload is None or not any(f["path"] == name for f in (upload.contents or {}).get("files", [])):
        raise Http404
    try:
        return read_member(upload_file_path(upload), name)
    except (PackageError, KeyError, OSError) as error:
        raise Http404 from error


@require_GET
def quality_report(request: HttpRequest, slug: str) -> HttpResponse:
    """The package's quality report, sandboxed: no scripts run, nothing else is loaded."""
    response = HttpResponse(_member(slug, "quality/report.html"), content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@require_GET
def sample_file(request: HttpRequest, slug: str, path: str) -> HttpResponse:
    name = f"sample/{path}"
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if not kind.startswith("image/") and kind != "text/csv":
        raise Http404
    response = HttpResponse(_member(slug, name), content_type=kind)
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@require_GET
def catalog_jsonld(request: HttpRequest) -> JsonResponse:
    catalog = dcat_catalog(list(selectors.all_listed()), _base_url(request))
    response = JsonResponse(catalog, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    return response
