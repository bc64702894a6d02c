"""What the browser needs to open Toss's payment window (결제창) for an order waiting for a Toss payment.

The page loads the official Toss Payments browser SDK from the site's own static files (`make assets` copies it
from npm into `static/vendor/tosspayments/`); the SDK then opens Toss's hosted window. Toss sends the buyer back
to our success URL (confirmed by `payments.services.payment_confirm_redirect`: amount compared, idempotent) or
to our fail URL (`payment_window_failed`: the order can be paid again).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from mfgdata.web.orders.models import Order, PaymentMethod
from mfgdata.web.orders.models import Status as OrderStatus
from mfgdata.web.payments.gateways.registry import enabled_gateway_ids
from mfgdata.web.payments.models import Status

ORDER_NAME_MAX = 100  # Toss's limit on orderName


def toss_window(*, request: HttpRequest, order: Order) -> dict[str, Any] | None:
    """The payment window's parameters, or None when this order is not waiting for a Toss payment."""
    if "toss" not in enabled_gateway_ids() or order.status != OrderStatus.AWAITING_PAYMENT:
        return None
    payment = order.payments.filter(gateway_id="toss").order_by("-id").first()
    if payment is None or payment.status != Status.PENDING:
        return None
    buyer = order.placed_by
    return {
        "client_key": settings.MFGDATA_TOSS_CLIENT_KEY,
        "method": "TRANSFER" if order.method == PaymentMethod.TRANSFER else "CARD",
        "amount": order.total_krw,
        "order_id": order.reference,
        "order_name": f"{order.listing.title_ko} v{order.product_version}"[:ORDER_NAME_MAX],
        "success_url": request.build_absolute_uri(reverse("payments:toss-success")),
        "fail_url": request.build_absolute_uri(reverse("payments:toss-fail")),
        "customer_name": buyer.name or buyer.email,
        "customer_email": buyer.email,
    }
