"""Operator pages: the queue and one listing's review with its checklist and decision form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from mfgdata.web.accounts.selectors import is_marketplace_operator
from mfgdata.web.core.errors import Refused
from mfgdata.web.listings.models import Listing
from mfgdata.web.review import selectors, services
from mfgdata.web.review.requirements import requirement_checklist


def _operator_only(request: HttpRequest) -> None:
    if not is_marketplace_operator(user=request.user):
        raise Refused(
            "not-marketplace-operator", "거래소 운영기관만 볼 수 있습니다.", "Only a marketplace operator can see this."
        )


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    _operator_only(request)
    return render(request, "review/queue.html", {"listings": selectors.review_queue()})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    _operator_only(request)
    listing = get_object_or_404(Listing.objects.select_related("seller", "registered_by_org"), pk=pk)
    if request.method == "POST" and request.POST.get("item"):
        services.review_item_add(operator=request.user, listing=listing, text=request.POST["item"])
        return redirect("review:detail", pk=pk)
    if request.method == "POST":
        services.review_decide(
            operator=request.user,
            listing=listing,
            decision=request.POST.get("decision", ""),
            comment=request.POST.get("comment", ""),
            price_warning_acknowledged=request.POST.get("acknowledge") == "on",
        )
        return redirect("review:queue")
    context = {
        "listing": listing,
        "checklist": requirement_checklist(listing),
        "items": listing.review_items.all(),
        "decisions": selectors.decisions_of(listing=listing),
    }
    return render(request, "review/detail.html", context)
