"""The model service on the site: a buyer applies for the per-call plan, a seller sets the price per call."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.catalog.selectors import listed_product
from mfgdata.web.core.errors import SiteError
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.model_service import model_card_of
from mfgdata.web.orders.services import terms_of
from mfgdata.web.orders.usage import (
    model_entitlement_of,
    model_plan_of,
    model_plan_offer,
    usage_plan_activate,
    usage_plan_end,
    usage_this_month,
)
from mfgdata.web.orders.usage_permissions import why_not_offer_model_plan

TASKS = {
    "binary": _("이진 분류"),
    "multiclass": _("다중 분류"),
    "regression": _("회귀"),
    "rul": _("잔여수명(RUL) 회귀"),
}
SPLITS = {"time": _("시간순"), "group": _("그룹별"), "stratified": _("층화 무작위"), "random": _("무작위")}
KINDS = {"number": _("숫자"), "boolean": _("참/거짓"), "category": _("범주"), "image": _("이미지")}


def model_context(request: HttpRequest, listing: Listing) -> dict[str, Any]:
    """What the product page's AI model section shows (the card, the plan, the visitor's entitlement)."""
    card = model_card_of(listing)
    if card is None:
        return {"model_card": None}
    user = request.user
    signed_in = user.is_authenticated
    organisation = organisation_of(user=user) if signed_in else None
    plan = model_plan_of(listing)
    entitlement = model_entitlement_of(organisation=organisation, listing=listing)
    return {
        "model_card": card,
        "model_task": TASKS.get(card["task"], card["task"]),
        "model_split": SPLITS.get(card["training"]["split"]["method"], card["training"]["split"]["method"]),
        "model_features": [_feature_row(feature) for feature in card.get("features", [])],
        "model_metrics": _metric_rows(card.get("metrics") or {}),
        "model_example": json.dumps(card.get("example", {}).get("input", [])[:1], ensure_ascii=False),
        "model_plan": plan,
        "model_entitlement": entitlement,
        "model_usage": usage_this_month(entitlement) if entitlement else None,
        "may_offer_model": signed_in and why_not_offer_model_plan(user=user, listing=listing) is None,
        "model_terms_sha256": terms_of(listing)[1] if plan and signed_in else "",
    }


def _metric_rows(metrics: dict[str, Any]) -> list[dict[str, Any]]:
    """Each test metric of the model beside the trivial baseline's, the headline first."""
    names = sorted(metrics.get("model", {}), key=lambda name: name != metrics.get("primary"))
    return [
        {
            "name": name,
            "primary": name == metrics.get("primary"),
            "model": metrics["model"][name],
            "baseline": metrics.get("baseline", {}).get(name, {}),
        }
        for name in names
    ]


def _feature_row(feature: dict[str, Any]) -> dict[str, Any]:
    """A feature as the card's table shows it: what values it takes."""
    if feature.get("kind") == "category":
        accepted = ", ".join(c for c in feature.get("categories", []) if c)
    elif feature.get("training_range"):
        low, high = feature["training_range"]
        accepted = f"{low:g} – {high:g}"
    else:
        accepted = ""
    return {**feature, "accepted": accepted, "kind_label": KINDS.get(feature.get("kind", ""), feature.get("kind"))}


@login_required
@require_POST
def model_activate(request: HttpRequest, slug: str) -> HttpResponse:
    listing = listed_product(slug=slug)
    if listing is None:
        raise SiteError("not-for-sale", "판매 중인 상품이 아닙니다.", "This product is not for sale.")
    usage_plan_activate(
        user=request.user,
        listing=listing,
        plan_id=request.POST.get("plan", ""),
        accepted_terms_sha256=request.POST.get("terms_sha256", "") if request.POST.get("accept_terms") else "",
        ip_address=request.META.get("REMOTE_ADDR"),
    )
    return redirect(reverse("catalog:product", args=[listing.slug]) + "#model")


def _price(raw: str) -> int | None:
    text = raw.strip().replace(",", "")
    if not text:
        return None
    if not text.isdigit():
        raise SiteError(
            "bad-price-per-call", "호출당 가격은 숫자(원)로 적어 주세요.", "Write the price per call in whole won."
        )
    return int(text)


@login_required
@require_POST
def model_plan(request: HttpRequest, slug: str) -> HttpResponse:
    listing = get_object_or_404(Listing, slug=slug)
    price = None if request.POST.get("withdraw") else _price(request.POST.get("price_per_call_krw", ""))
    model_plan_offer(user=request.user, listing=listing, price_per_call_krw=price)
    return redirect(reverse("catalog:product", args=[listing.slug]) + "#model")


@login_required
@require_POST
def model_end(request: HttpRequest, slug: str) -> HttpResponse:
    listing = get_object_or_404(Listing, slug=slug)
    usage_plan_end(user=request.user, listing=listing)
    return redirect(reverse("catalog:product", args=[listing.slug]) + "#model")
