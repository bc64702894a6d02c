"""Seller pages (new request, detail, edit, actions) and the chunked upload API the uploader script calls."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import allowed_actions, events_of
from mfgdata.web.listings import services, upload_services
from mfgdata.web.listings.forms import ListingForm, NewListingForm
from mfgdata.web.listings.models import Listing, PackageUpload
from mfgdata.web.listings.permissions import why_not_view_listing
from mfgdata.web.listings.selectors import seller_for_business_number
from mfgdata.web.listings.states import SELLER_ACTIONS, TRANSITIONS


@login_required
def listing_new(request: HttpRequest) -> HttpResponse:
    form = NewListingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        seller = seller_for_business_number(request.user, form.cleaned_data.pop("seller_business_number", ""))
        share = form.cleaned_data.pop("manufacturer_share_percent", None)
        funded = form.cleaned_data.pop("programme_funded", False)
        basics = form.basics()
        listing = services.listing_create(
            user=request.user, seller=seller, manufacturer_share_percent=share or 100, programme_funded=funded, **basics
        )
        return redirect("listings:detail", pk=listing.pk)
    return render(request, "listings/new.html", {"form": form})


def _visible(request: HttpRequest, pk: int) -> Listing:
    listing = get_object_or_404(Listing.objects.select_related("seller", "registered_by_org"), pk=pk)
    require(why_not_view_listing(user=request.user, listing=listing))
    return listing


@login_required
def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = _visible(request, pk)
    form = ListingForm(
        initial={
            **{f: getattr(listing, f) for f in services.EDITABLE_FIELDS},
            "keywords": ", ".join(listing.keywords),
            "price_krw": listing.lowest_price(),
        }
    )
    actions = [a for a in allowed_actions(TRANSITIONS, listing.status) if a in SELLER_ACTIONS]
    context = {
        "listing": listing,
        "form": form,
        "events": events_of(listing),
        "actions": actions,
        "uploads": listing.uploads.order_by("-id")[:5],
    }
    return render(request, "listings/detail.html", context)


@login_required
@require_POST
def listing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    listing = _visible(request, pk)
    form = ListingForm(request.POST)
    if not form.is_valid():
        raise SiteError(
            "form-invalid",
            "입력값을 확인하세요: " + ", ".join(form.errors),
            "Check the fields: " + ", ".join(form.errors),
        )
    services.listing_update(user=request.user, listing=listing, **form.basics())
    return redirect("listings:detail", pk=pk)


@login_required
@require_POST
def listing_act(request: HttpRequest, pk: int) -> HttpResponse:
    listing = _visible(request, pk)
    services.listing_act(
        user=request.user,
        listing=listing,
        action=request.POST.get("action", ""),
        comment=request.POST.get("comment", ""),
    )
    return redirect("listings:detail", pk=pk)


def _upload_state(upload: PackageUpload) -> dict:
    return {
        "id": upload.pk,
        "state": upload.state,
        "chunk_bytes": upload.chunk_bytes,
        "chunk_count": upload.chunk_count,
        "received": upload_services.received_chunks(upload),
        "error": upload.error_message,
    }


@login_required
@require_POST
def upload_start(request: HttpRequest, pk: int) -> JsonResponse:
    listing = _visible(request, pk)
    try:
        body = json.loads(request.body or b"{}")
        total = int(body.get("size", 0))
    except (ValueError, TypeError) as error:
        raise SiteError("bad-request", "요청 형식이 올바르지 않습니다.", "Malformed request.") from error
    upload = upload_services.upload_start(
        user=request.user,
        listing=listing,
        filename=str(body.get("filename", "")),
        total_bytes=total,
        kind=str(body.get("kind", "package")),
    )
    return JsonResponse(_upload_state(upload), status=201)


def _upload(request: HttpRequest, upload_id: int) -> PackageUpload:
    upload = get_object_or_404(PackageUpload.objects.select_related("listing"), pk=upload_id)
    require(why_not_view_listing(user=request.user, listing=upload.listing))
    return upload


@login_required
def upload_status(request: HttpRequest, upload_id: int) -> JsonResponse:
    return JsonResponse(_upload_state(_upload(request, upload_id)))


@login_required
@require_POST
def upload_chunk(request: HttpRequest, upload_id: int, index: int) -> JsonResponse:
    upload = _upload(request, upload_id)
    upload_services.upload_chunk_receive(
        user=request.user,
        upload=upload,
        index=index,
        data=request.body,
        sha256=request.headers.get("X-Chunk-Sha256", ""),
    )
    return JsonResponse({"index": index, "ok": True})


@login_required
@require_POST
def upload_complete(request: HttpRequest, upload_id: int) -> JsonResponse:
    upload = upload_services.upload_complete(user=request.user, upload=_upload(request, upload_id))
    upload.refresh_from_db()
    return JsonResponse(_upload_state(upload))
