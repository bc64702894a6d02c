"""Provider-facing endpoints: webhooks (no session, no CSRF: they authenticate themselves) and Toss redirects."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from mfgdata.web.core.errors import SiteError
from mfgdata.web.payments.services import payment_confirm_redirect, payment_window_failed
from mfgdata.web.payments.webhooks import webhook_receive


@csrf_exempt
@require_POST
def webhook(request: HttpRequest, gateway_id: str) -> JsonResponse:
    """Answer 200 for anything handled (also a replay, so the provider stops resending); errors are 4xx."""
    try:
        outcome = webhook_receive(gateway_id=gateway_id, headers=request.headers, body=request.body)
    except SiteError as error:
        return JsonResponse({"code": error.code}, status=error.status)
    return JsonResponse({"outcome": outcome})


@require_GET
def toss_success(request: HttpRequest) -> HttpResponse:
    """Toss's success URL: `?paymentKey=…&orderId=…&amount=…`; confirmed only if the amount matches the order."""
    amount = request.GET.get("amount", "")
    if not amount.isdigit():
        raise SiteError("amount-mismatch", "결제 금액이 올바르지 않습니다.", "The amount is not a number of won.")
    payment = payment_confirm_redirect(
        gateway_id="toss",
        order_reference=request.GET.get("orderId", ""),
        provider_reference=request.GET.get("paymentKey", ""),
        amount_krw=int(amount),
    )
    return redirect("orders:detail", reference=payment.order.reference)


@login_required
@require_GET
def toss_fail(request: HttpRequest) -> HttpResponse:
    """Toss's fail URL: `?code=…&message=…&orderId=…` — the buyer closed the window or it was declined."""
    order = payment_window_failed(
        user=request.user,
        gateway_id="toss",
        order_reference=request.GET.get("orderId", ""),
        code=request.GET.get("code", ""),
    )
    return redirect("orders:detail", reference=order.reference)
