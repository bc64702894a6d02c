"""Buyer pages (checkout, orders, documents, downloads) — parse input, call one service, render."""

from __future__ import annotations

import uuid
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from mfgdata.web.accounts.permissions import require
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.catalog.selectors import listed_product
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.orders import services
from mfgdata.web.orders.amounts import amount_for_supply
from mfgdata.web.orders.delivery import MANIFEST_NAME, delivery_prepare
from mfgdata.web.orders.download_services import download_open
from mfgdata.web.orders.links import link_token
from mfgdata.web.orders.models import AmendedTaxInvoice, Order, PaymentMethod, PlanKind, Status
from mfgdata.web.orders.pdf import document_pdf
from mfgdata.web.orders.permissions import why_not_buy, why_not_confirm_defect, why_not_download, why_not_view_order
from mfgdata.web.orders.selectors import orders_of_buyer
from mfgdata.web.orders.states import ACTION_LABELS, REFUND_POLICY
from mfgdata.web.orders.streaming import stream_file
from mfgdata.web.payments.gateways.registry import enabled_gateway_ids, gateway_choices
from mfgdata.web.payments.services import payment_pay
from mfgdata.web.payments.window import toss_window


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


def _claimed_total(request: HttpRequest) -> int | None:
    raw = request.POST.get("total_krw", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise SiteError("amount-mismatch", "결제 금액이 올바르지 않습니다.", "The amount is not a number of won.")
    return int(raw)


def _pay(request: HttpRequest, order: Order) -> None:
    payment_pay(
        user=request.user,
        order=order,
        gateway_id=request.POST.get("gateway", "sandbox"),
        idempotency_key=request.POST.get("payment_key") or uuid.uuid4().hex,
        card_number=request.POST.get("card_number", ""),
        bank_account=request.POST.get("bank_account", ""),
    )


@login_required
def checkout(request: HttpRequest, slug: str) -> HttpResponse:
    listing = listed_product(slug=slug)
    if listing is None:
        raise SiteError("not-for-sale", "판매 중인 상품이 아닙니다.", "This product is not for sale.")
    require(why_not_buy(user=request.user, listing=listing))
    terms_text, terms_sha256 = services.terms_of(listing)
    if request.method == "POST":
        order = services.order_checkout(
            user=request.user,
            listing=listing,
            plan_id=request.POST.get("plan", ""),
            method=request.POST.get("method", ""),
            accepted_terms_sha256=request.POST.get("terms_sha256", "") if request.POST.get("accept_terms") else "",
            idempotency_key=request.POST.get("checkout_key", ""),
            claimed_total_krw=_claimed_total(request),
            ip_address=_client_ip(request),
        )
        _pay(request, order)
        return redirect("orders:detail", reference=order.reference)
    plans = [
        {**plan, "amount": amount_for_supply(plan["price_krw"])}
        for plan in listing.price_plans
        if isinstance(plan.get("price_krw"), int) and plan["price_krw"] > 0 and plan.get("kind") != PlanKind.API
    ]
    context = {
        "listing": listing,
        "plans": plans,
        "terms_text": terms_text,
        "terms_sha256": terms_sha256,
        "checkout_key": uuid.uuid4().hex,
        "payment_key": uuid.uuid4().hex,
        "methods": PaymentMethod.choices,
        "gateways": enabled_gateway_ids(),
        "gateway_choices": gateway_choices(),
        "refund_policy": REFUND_POLICY,
    }
    return render(request, "orders/checkout.html", context)


def _visible_order(request: HttpRequest, reference: str) -> Order:
    order = get_object_or_404(Order.objects.select_related("listing", "listing__seller", "buyer"), reference=reference)
    require(why_not_view_order(user=request.user, order=order))
    return order


def _download_links(request: HttpRequest, order: Order) -> list[dict[str, str]]:
    entitlement = getattr(order, "entitlement", None)
    if entitlement is None or why_not_download(user=request.user, entitlement=entitlement) is not None:
        return []
    manifest = delivery_prepare(entitlement=entitlement)
    paths = [entry["path"] for entry in manifest["files"]] + [MANIFEST_NAME]
    return [
        {
            "path": path,
            "url": f"/orders/download/{link_token(entitlement_id=entitlement.pk, user=request.user, path=path)}/",
        }
        for path in paths
        if path.startswith(("data/", "README", "TERMS", "contract", "quality/certificate", MANIFEST_NAME))
    ]


def _history(order: Order) -> list[dict[str, object]]:
    """The order's audit events in the buyer's words (action and state labels; the comment as recorded)."""
    return [
        {
            "at": event.created_at,
            "action": ACTION_LABELS.get(event.action, event.action),
            "state": Status(event.to_state).label if event.to_state in Status.values else event.to_state,
            "comment": event.comment,
        }
        for event in events_of(order)
    ]


@login_required
@require_GET
def order_detail(request: HttpRequest, reference: str) -> HttpResponse:
    order = _visible_order(request, reference)
    is_buyer = organisation_of(user=request.user) == order.buyer
    context = {
        "order": order,
        "payments": order.payments.all(),
        "document": getattr(order, "document", None),
        "refunds": order.refunds.select_related("amended_invoice"),
        "links": _download_links(request, order),
        "history": _history(order),
        "refund_policy": REFUND_POLICY,
        "payment_key": uuid.uuid4().hex,
        "is_buyer": is_buyer,
        "gateways": enabled_gateway_ids(),
        "gateway_choices": gateway_choices(),
        "toss_window": toss_window(request=request, order=order) if is_buyer else None,
        "may_confirm_defect": why_not_confirm_defect(user=request.user, order=order) is None,
    }
    return render(request, "orders/detail.html", context)


@login_required
@require_GET
def order_list(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(user=request.user)
    orders = orders_of_buyer(organisation=organisation) if organisation else Order.objects.none()
    return render(request, "orders/list.html", {"orders": orders})


@login_required
@require_POST
def order_pay(request: HttpRequest, reference: str) -> HttpResponse:
    order = _visible_order(request, reference)
    _pay(request, order)
    return redirect("orders:detail", reference=order.reference)


@login_required
@require_POST
def order_refund(request: HttpRequest, reference: str) -> HttpResponse:
    order = _visible_order(request, reference)
    services.order_refund(user=request.user, order=order, reason=request.POST.get("reason", ""))
    return redirect("orders:detail", reference=order.reference)


@login_required
@require_POST
def order_cancel(request: HttpRequest, reference: str) -> HttpResponse:
    order = _visible_order(request, reference)
    services.order_cancel(user=request.user, order=order)
    return redirect("orders:detail", reference=order.reference)


@login_required
@require_POST
def order_confirm_defect(request: HttpRequest, reference: str) -> HttpResponse:
    order = _visible_order(request, reference)
    services.order_confirm_defect(
        operator=request.user,
        order=order,
        comment=request.POST.get("comment", ""),
        refund_supply_krw=_refund_supply(request),
    )
    return redirect("orders:detail", reference=order.reference)


def _refund_supply(request: HttpRequest) -> int | None:
    """The operator's partial refund (supply value in won); empty means the whole order."""
    raw = request.POST.get("refund_supply_krw", "").replace(",", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise SiteError(
            "bad-refund-amount", "환불할 공급가액을 원 단위 숫자로 적어 주세요.", "Enter the supply value in won."
        )
    return int(raw)


def _document(request: HttpRequest, reference: str, number: str = "") -> dict:
    """The order's invoice or receipt, or (with `number`) one of its 수정세금계산서."""
    order = _visible_order(request, reference)
    if number:
        amended = AmendedTaxInvoice.objects.filter(refund__order=order, number=number).first()
        if amended is None:
            raise SiteError("no-document", "이 주문의 수정세금계산서가 아닙니다.", "No such amended tax invoice.")
        return amended.content
    document = getattr(order, "document", None)
    if document is None:
        raise SiteError("no-document", "아직 발행된 세금계산서·영수증이 없습니다.", "No invoice or receipt yet.")
    return document.content


@login_required
@require_GET
def document_json(request: HttpRequest, reference: str, number: str = "") -> JsonResponse:
    content = _document(request, reference, number)
    return JsonResponse(content, json_dumps_params={"ensure_ascii": False, "indent": 2})


@login_required
@require_GET
def document_pdf_view(request: HttpRequest, reference: str, number: str = "") -> HttpResponse:
    content = _document(request, reference, number)
    response = HttpResponse(document_pdf(content), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename={content['number']}.pdf"
    return response


@login_required
@require_GET
def download(request: HttpRequest, token: str) -> HttpResponse:
    range_header = request.headers.get("Range", "")
    path, _entitlement = download_open(
        user=request.user, token=token, byte_range=range_header, ip_address=_client_ip(request)
    )
    return stream_file(path, range_header, quote(path.name))


@require_GET
def delivery_public_key(request: HttpRequest) -> HttpResponse:
    """The marketplace's Ed25519 public key (base64), to verify delivery manifests."""
    from mfgdata.delivery.manifest import public_key_text
    from mfgdata.web.orders.delivery import signing_key

    return HttpResponse(public_key_text(signing_key().public_key()) + "\n", content_type="text/plain")
