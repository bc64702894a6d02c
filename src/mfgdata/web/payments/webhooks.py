"""Webhooks: authenticate as the provider documents, drop replays, re-read the payment, compare, then act.

Whatever a webhook says, only the provider's current record of the payment (`gateway.fetch`) decides; a webhook
that arrives late or out of order therefore cannot undo or repeat anything.
- sandbox: body signed with HMAC-SHA256 (`X-Sandbox-Signature`); the event id is the replay key.
- toss: payment webhooks are not signed; `DEPOSIT_CALLBACK` carries the payment's `secret`, compared with the
  one confirm returned. The replay key is the body's hash (Toss resends the same event on failure).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction

from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.orders.models import Status as OrderStatus
from mfgdata.web.payments.gateways.base import GatewayResult, GatewayTimeout, ProviderPayment
from mfgdata.web.payments.gateways.registry import gateway_for
from mfgdata.web.payments.gateways.sandbox import SIGNATURE_HEADER, webhook_signature
from mfgdata.web.payments.models import Payment, Status, WebhookEvent
from mfgdata.web.payments.services import capture_result_apply

logger = logging.getLogger("mfgdata.web.payments")


def _forged() -> Refused:
    return Refused("webhook-signature", "웹훅 서명이 맞지 않습니다.", "The webhook signature does not verify.")


def _parse(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except ValueError as error:
        raise SiteError("webhook-body", "웹훅 본문을 읽을 수 없습니다.", "The webhook body is not JSON.") from error
    if not isinstance(data, dict):
        raise SiteError("webhook-body", "웹훅 본문을 읽을 수 없습니다.", "The webhook body is not a JSON object.")
    return data


def _authenticate(gateway_id: str, headers: Mapping[str, str], body: bytes) -> tuple[dict[str, Any], str, str]:
    """(payload, replay key, provider reference) of an authentic webhook; refuses a forged one."""
    data = _parse(body)
    if gateway_id == "sandbox":
        if not hmac.compare_digest(headers.get(SIGNATURE_HEADER, ""), webhook_signature(body)):
            raise _forged()
        return data, str(data.get("id", "")), str(data.get("reference", ""))
    if gateway_id == "toss":
        payment = data.get("data") if isinstance(data.get("data"), dict) else data
        reference = str(payment.get("paymentKey", ""))
        return data, hashlib.sha256(body).hexdigest(), reference
    raise SiteError("unknown-gateway", "알 수 없는 결제대행사입니다.", "Unknown payment gateway.")


def _check_secret(gateway_id: str, data: Mapping[str, Any], payment: Payment) -> None:
    if gateway_id != "toss" or data.get("secret") is None:
        return
    if not payment.provider_secret or not hmac.compare_digest(str(data["secret"]), payment.provider_secret):
        raise _forged()


def _apply(payment: Payment, truth: ProviderPayment) -> str:
    order = payment.order
    if truth.order_reference != order.reference or truth.amount_krw != order.total_krw:
        logger.error("webhook amount/order mismatch for payment %s: %s", payment.pk, truth)
        return "amount-mismatch"
    if truth.status != "captured":
        return f"provider-{truth.status}"
    if payment.status == Status.CAPTURED or order.status != OrderStatus.AWAITING_PAYMENT:
        return "already-applied"
    if payment.status not in (Status.PENDING, Status.AUTHORIZED, Status.TIMED_OUT):
        return "ignored"
    if not payment.provider_reference:
        payment.provider_reference = truth.provider_reference
        payment.save(update_fields=["provider_reference"])
    result = GatewayResult(status="captured", amount_krw=truth.amount_krw, provider_reference=truth.provider_reference)
    capture_result_apply(payment, order, result, None)
    return "captured"


@transaction.atomic
def webhook_receive(*, gateway_id: str, headers: Mapping[str, str], body: bytes) -> str:
    """Handle one webhook and say what it did ("captured", "replay", "amount-mismatch", …)."""
    gateway = gateway_for(gateway_id)
    data, key, reference = _authenticate(gateway_id, headers, body)
    try:
        with transaction.atomic():
            event = WebhookEvent.objects.create(
                gateway_id=gateway_id,
                dedupe_key=key[:200],
                event_type=str(data.get("eventType") or data.get("type", "")),
                payload=data,
            )
    except IntegrityError:
        return "replay"
    payment = Payment.objects.select_for_update().filter(gateway_id=gateway_id, provider_reference=reference).first()
    if payment is None and gateway_id == "toss":
        order_id = str((data.get("data") or {}).get("orderId", "")) if isinstance(data.get("data"), dict) else ""
        payment = Payment.objects.select_for_update().filter(gateway_id=gateway_id, order__reference=order_id).first()
    if payment is None:
        outcome = "unknown-payment"
    else:
        _check_secret(gateway_id, data.get("data") if isinstance(data.get("data"), dict) else data, payment)
        try:
            truth = gateway.fetch(provider_reference=reference or payment.provider_reference)
        except GatewayTimeout:
            raise SiteError("provider-unavailable", "결제대행사 조회 실패", "The provider could not be read") from None
        outcome = _apply(payment, truth)
    event.outcome = outcome
    event.save(update_fields=["outcome"])
    return outcome
