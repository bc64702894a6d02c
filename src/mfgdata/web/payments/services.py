"""Writes about payments: pay an order, confirm a provider's redirect, refund.

The order row is locked for the whole exchange, so a double click or a second tab cannot charge twice; the
idempotency key of a payment attempt is unique, and at most one payment per order can be captured.
"""

from __future__ import annotations

import logging

from django.db import transaction

from mfgdata.web.accounts.models import User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import record_event, transition
from mfgdata.web.orders.fulfilment import order_pay
from mfgdata.web.orders.models import Order, PaymentMethod
from mfgdata.web.orders.models import Status as OrderStatus
from mfgdata.web.orders.permissions import why_not_pay
from mfgdata.web.orders.states import PAYMENT_TRANSITIONS, TRANSITIONS
from mfgdata.web.payments.gateways.base import GatewayResult, GatewayTimeout, PaymentRequest
from mfgdata.web.payments.gateways.registry import gateway_for
from mfgdata.web.payments.models import Payment, Status

logger = logging.getLogger("mfgdata.web.payments")


class ProviderUnavailable(SiteError):
    """The provider did not answer in time; trying again later is safe (HTTP 503)."""

    status = 503


def _move(payment: Payment, action: str, actor: object | None, comment: str = "") -> Payment:
    return transition(instance=payment, action=action, table=PAYMENT_TRANSITIONS, actor=actor, comment=comment)


def _not_payable(order: Order) -> SiteError:
    return SiteError(
        "order-not-payable",
        f"이 주문은 지금 결제할 수 없습니다 (상태: {order.get_status_display()}).",
        f"This order cannot be paid now (status: {order.status}).",
    )


def _apply_result(payment: Payment, order: Order, result: GatewayResult, actor: object | None) -> Payment:
    """Move the payment (and the order) by what the provider answered to `authorize`."""
    if result.status == "declined" or not result.succeeded:
        payment.error_code = result.error_code or "declined"
        payment.save(update_fields=["error_code"])
        transition(instance=order, action="payment_failed", table=TRANSITIONS, actor=actor, comment=payment.error_code)
        return _move(payment, "decline", actor, payment.error_code)
    payment.provider_reference = result.provider_reference
    payment.save(update_fields=["provider_reference"])
    if result.status == "pending":
        return _move(payment, "wait", actor)
    payment = _move(payment, "authorize", actor)
    captured = gateway_for(payment.gateway_id).capture(
        provider_reference=payment.provider_reference, order_reference=order.reference, amount_krw=order.total_krw
    )
    return capture_result_apply(payment, order, captured, actor)


def capture_result_apply(payment: Payment, order: Order, result: GatewayResult, actor: object | None) -> Payment:
    if result.status != "captured" or result.amount_krw != order.total_krw:
        payment.error_code = result.error_code or "capture-failed"
        payment.save(update_fields=["error_code"])
        transition(instance=order, action="payment_failed", table=TRANSITIONS, actor=actor, comment=payment.error_code)
        return _move(payment, "fail", actor, payment.error_code)
    payment.provider_secret = result.secret
    payment.save(update_fields=["provider_secret"])
    payment = _move(payment, "capture", actor)
    order_pay(order=Order.objects.get(pk=order.pk), actor=actor)
    return payment


@transaction.atomic
def payment_pay(
    *,
    user: User,
    order: Order,
    gateway_id: str,
    idempotency_key: str,
    card_number: str = "",
    bank_account: str = "",
) -> Payment:
    """Charge the order's server-computed total through `gateway_id`; a repeated key returns the first attempt."""
    require(why_not_pay(user=user, order=order))
    gateway = gateway_for(gateway_id)
    locked = Order.objects.select_for_update().get(pk=order.pk)
    earlier = Payment.objects.filter(idempotency_key=idempotency_key).first()
    if earlier is not None:
        if earlier.order_id != locked.pk:
            raise SiteError("idempotency-key-reused", "결제 화면을 새로 열어 주세요.", "Reload the payment page.")
        return earlier
    if locked.status != OrderStatus.CREATED:
        raise _not_payable(locked)
    transition(instance=locked, action="start_payment", table=TRANSITIONS, actor=user)
    payment = Payment.objects.create(
        order=locked,
        gateway_id=gateway.id,
        method=locked.method,
        amount_krw=locked.total_krw,
        idempotency_key=idempotency_key,
        card_last4="".join(ch for ch in card_number if ch.isdigit())[-4:],
    )
    request = PaymentRequest(
        order_reference=locked.reference,
        amount_krw=locked.total_krw,
        method="transfer" if locked.method == PaymentMethod.TRANSFER else "card",
        description=locked.listing.title_ko[:100],
        card_number=card_number,
        bank_account=bank_account,
    )
    try:
        result = gateway.authorize(request)
    except GatewayTimeout:
        logger.warning("gateway %s timed out for order %s", gateway.id, locked.reference)
        payment.error_code = "timeout"
        payment.save(update_fields=["error_code"])
        transition(instance=locked, action="payment_failed", table=TRANSITIONS, actor=user, comment="timeout")
        return _move(payment, "time_out", user)
    return _apply_result(payment, locked, result, user)


@transaction.atomic
def payment_confirm_redirect(
    *, gateway_id: str, order_reference: str, provider_reference: str, amount_krw: int
) -> Payment:
    """The provider sent the buyer back (Toss success URL): compare the amount, then confirm (capture)."""
    gateway = gateway_for(gateway_id)
    order = Order.objects.select_for_update().filter(reference=order_reference).first()
    if order is None:
        raise SiteError("unknown-order", "주문을 찾을 수 없습니다.", "Unknown order.")
    payment = Payment.objects.filter(order=order, gateway_id=gateway_id).order_by("-id").first()
    if payment is None:
        raise _not_payable(order)
    if payment.status == Status.CAPTURED:
        return payment
    if amount_krw != order.total_krw:
        raise SiteError(
            "amount-mismatch",
            "결제 금액이 주문 금액과 다릅니다. 결제가 승인되지 않았습니다.",
            "The paid amount differs from the order; the payment was not confirmed.",
        )
    if payment.status != Status.PENDING or order.status != OrderStatus.AWAITING_PAYMENT:
        raise _not_payable(order)
    payment.provider_reference = provider_reference
    payment.save(update_fields=["provider_reference"])
    try:
        result = gateway.capture(
            provider_reference=provider_reference, order_reference=order.reference, amount_krw=amount_krw
        )
    except GatewayTimeout:
        # The outcome is unknown: the payment stays pending. A reload repeats the confirm with the same
        # idempotency key (Toss answers the first result), and the provider's webhook settles it either way.
        logger.warning("confirm timed out for order %s", order.reference)
        raise ProviderUnavailable(
            "provider-timeout",
            "결제대행사의 승인 응답이 늦어지고 있습니다. 돈이 두 번 나가지 않으니, 잠시 후 이 화면을 새로고침하세요.",
            "The payment provider is slow to confirm. Nothing is charged twice; reload this page in a moment.",
        ) from None
    return capture_result_apply(payment, order, result, None)


@transaction.atomic
def payment_window_failed(*, user: User, gateway_id: str, order_reference: str, code: str) -> Order:
    """The provider's window sent the buyer back without a payment (closed, declined): the order can be paid again.

    Nothing was charged — a Toss payment is taken only by our confirm call, which this path never makes — so the
    pending attempt fails and the order returns to `created`. Repeating the redirect changes nothing more.
    """
    gateway_for(gateway_id)  # refused while the gateway is switched off
    order = Order.objects.select_for_update().filter(reference=order_reference).first()
    if order is None:
        raise SiteError("unknown-order", "주문을 찾을 수 없습니다.", "Unknown order.")
    require(why_not_pay(user=user, order=order))
    payment = Payment.objects.filter(order=order, gateway_id=gateway_id).order_by("-id").first()
    if payment is None or payment.status != Status.PENDING or order.status != OrderStatus.AWAITING_PAYMENT:
        return order
    payment.error_code = (code or "window-failed")[:60]
    payment.save(update_fields=["error_code"])
    _move(payment, "fail", user, payment.error_code)
    return transition(
        instance=order, action="payment_failed", table=TRANSITIONS, actor=user, comment=payment.error_code
    )


def payment_refund(*, order: Order, reason: str, amount_krw: int | None = None) -> Payment:
    """Give back `amount_krw` (default: all that is left) of the captured payment through the gateway.

    Called by `orders.refunds` inside its transaction. A partial refund keeps the payment captured (an audit
    event records it); the refund that gives back the last won moves it to refunded.
    """
    payment = Payment.objects.select_for_update().filter(order=order, status=Status.CAPTURED).first()
    if payment is None:
        raise SiteError("no-captured-payment", "환불할 결제가 없습니다.", "There is no captured payment to refund.")
    left = payment.amount_krw - payment.refunded_krw
    amount = left if amount_krw is None else amount_krw
    if not 0 < amount <= left:
        raise SiteError(
            "bad-refund-amount",
            f"환불할 수 있는 금액은 {left:,}원까지입니다.",
            f"At most {left:,} KRW can be refunded.",
        )
    try:
        result = gateway_for(payment.gateway_id).refund(
            provider_reference=payment.provider_reference,
            amount_krw=amount,
            reason=reason,
            idempotency_key=f"{payment.pk}-{payment.refunded_krw}-{amount}",  # the same refund retried: the same key
        )
    except GatewayTimeout:
        raise ProviderUnavailable(
            "provider-timeout",
            "결제대행사가 환불 요청에 응답하지 않았습니다. 잠시 후 다시 시도하세요 (두 번 환불되지 않습니다).",
            "The payment provider did not answer the refund; try again shortly (nothing is refunded twice).",
        ) from None
    if result.status != "refunded":
        raise SiteError(
            "refund-failed",
            "결제대행사가 환불을 처리하지 못했습니다. 잠시 후 다시 시도하세요.",
            f"The payment provider did not refund ({result.error_code}); try again later.",
        )
    payment.refunded_krw += amount
    payment.save(update_fields=["refunded_krw"])
    if payment.refunded_krw < payment.amount_krw:
        record_event(target=payment, action="partial_refund", actor=None, comment=f"{amount}: {reason}"[:200])
        return payment
    return _move(payment, "refund", None, reason)
