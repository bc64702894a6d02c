"""Orders: check out a plan (terms acceptance recorded, amount computed by the server), pay with the sandbox
gateway, read an order's status. All through `orders.services` and `payments.services`; scope `buy`.

Another organisation's order answers 404, like an order that does not exist (docs/api.md).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from mfgdata.web.api.auth import TOKEN, require_scope
from mfgdata.web.api.errors import ERROR_STATUSES, ErrorOut, not_found
from mfgdata.web.api.models import AccessToken, TokenScope
from mfgdata.web.api.order_schemas import CheckoutIn, OrderOut, PayIn
from mfgdata.web.catalog.selectors import listed_product
from mfgdata.web.orders.models import Order
from mfgdata.web.orders.permissions import why_not_pay
from mfgdata.web.orders.selectors import orders_of_buyer
from mfgdata.web.orders.services import order_checkout
from mfgdata.web.payments.services import payment_pay

router = Router(tags=["orders"], auth=TOKEN)
ERRORS = {ERROR_STATUSES: ErrorOut}


def order_payload(order: Order) -> dict[str, Any]:
    entitlement = getattr(order, "entitlement", None)
    return {
        "reference": order.reference,
        "status": order.status,
        "status_label": str(order.get_status_display()),
        "product": order.listing.slug,
        "product_version": order.product_version,
        "plan_id": order.plan_id,
        "plan_kind": order.plan_kind,
        "method": order.method,
        "supply_krw": order.supply_krw,
        "vat_krw": order.vat_krw,
        "total_krw": order.total_krw,
        "created_at": order.created_at,
        "paid_at": order.paid_at,
        "refunded_at": order.refunded_at,
        "entitlement_id": entitlement.pk if entitlement else None,
        "payments": [
            {
                "status": p.status,
                "gateway": p.gateway_id,
                "amount_krw": p.amount_krw,
                "error_code": p.error_code,
                "card_last4": p.card_last4,
                "created_at": p.created_at,
            }
            for p in order.payments.all()
        ],
    }


def _own_order(token: AccessToken, reference: str) -> Order:
    """The caller's organisation's order; another's (or none) is 404 so references do not leak."""
    order = orders_of_buyer(organisation=token.organisation).filter(reference=reference).first()
    if order is None or why_not_pay(user=token.user, order=order) is not None:
        raise not_found("주문", "The order")
    return order


@router.post("/orders", response={201: OrderOut, 200: OrderOut, **ERRORS}, summary="Check out (create an order)")
def checkout(request: HttpRequest, body: CheckoutIn) -> Status[dict[str, Any]]:
    token = require_scope(request, TokenScope.BUY)
    listing = listed_product(slug=body.product)
    if listing is None:
        raise not_found("상품", "The product")
    key = body.idempotency_key or uuid.uuid4().hex
    replay = Order.objects.filter(buyer=token.organisation, idempotency_key=key).exists()
    order = order_checkout(
        user=token.user,
        listing=listing,
        plan_id=body.plan_id,
        method=body.method,
        accepted_terms_sha256=body.accept_terms_sha256,
        idempotency_key=key,
        claimed_total_krw=body.expected_total_krw,
        ip_address=request.META.get("REMOTE_ADDR"),
    )
    return Status(200 if replay else 201, order_payload(order))


@router.get("/orders", response={200: list[OrderOut], **ERRORS}, summary="The organisation's orders")
def order_list(request: HttpRequest) -> list[dict[str, Any]]:
    token = require_scope(request, TokenScope.BUY)
    orders = orders_of_buyer(organisation=token.organisation).prefetch_related("payments")[:200]
    return [order_payload(order) for order in orders]


@router.get("/orders/{reference}", response={200: OrderOut, **ERRORS}, summary="One order's status")
def order_detail(request: HttpRequest, reference: str) -> dict[str, Any]:
    token = require_scope(request, TokenScope.BUY)
    return order_payload(_own_order(token, reference))


@router.post("/orders/{reference}/payments", response={200: OrderOut, **ERRORS}, summary="Pay (sandbox gateway)")
def order_pay(request: HttpRequest, reference: str, body: PayIn) -> dict[str, Any]:
    """Charge the order's total; the answer is the order (status `fulfilled` once paid, `created` after a decline)."""
    token = require_scope(request, TokenScope.BUY)
    order = _own_order(token, reference)
    payment_pay(
        user=token.user,
        order=order,
        gateway_id=body.gateway,
        idempotency_key=body.idempotency_key or uuid.uuid4().hex,
        card_number=body.card_number,
        bank_account=body.bank_account,
    )
    return order_payload(Order.objects.get(pk=order.pk))
