"""Webhooks: forged signatures, replays, wrong amounts, events out of order — the provider's record decides."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from order_fixtures import FakeTransport, checkout, pay

from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import Refused
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import Order, Status
from mfgdata.web.orders.services import order_refund
from mfgdata.web.payments.gateways.registry import gateway_override
from mfgdata.web.payments.gateways.sandbox import SIGNATURE_HEADER, webhook_body, webhook_signature
from mfgdata.web.payments.gateways.toss import TossPaymentsGateway
from mfgdata.web.payments.models import Payment, SandboxCharge, WebhookEvent
from mfgdata.web.payments.services import payment_confirm_redirect
from mfgdata.web.payments.webhooks import webhook_receive

FIXTURES = Path(__file__).parent / "fixtures"


def signed(body: bytes) -> dict[str, str]:
    return {SIGNATURE_HEADER: webhook_signature(body)}


def test_a_forged_sandbox_signature_is_refused(buyer: User, on_sale: Listing) -> None:
    body = webhook_body(provider_reference="sbx_x", status="captured")
    with pytest.raises(Refused) as refused:
        webhook_receive(gateway_id="sandbox", headers={SIGNATURE_HEADER: "0" * 64}, body=body)
    assert refused.value.code == "webhook-signature"
    assert not WebhookEvent.objects.exists()


def test_a_replayed_webhook_is_a_no_op(paid_order: Order) -> None:
    payment = paid_order.payments.get(status="captured")
    body = webhook_body(provider_reference=payment.provider_reference, status="captured", event_id="evt-1")
    assert webhook_receive(gateway_id="sandbox", headers=signed(body), body=body) == "already-applied"
    assert webhook_receive(gateway_id="sandbox", headers=signed(body), body=body) == "replay"
    assert WebhookEvent.objects.count() == 1


def test_a_webhook_claiming_payment_is_checked_against_the_provider(buyer: User, on_sale: Listing) -> None:
    # given an order whose charge the sandbox only authorized (the capture call timed out for the buyer)
    order = checkout(buyer, on_sale)
    payment = pay(buyer, order, card="4000 0000 0000 0119")
    charge = SandboxCharge.objects.get(order_reference=order.reference)
    Payment.objects.filter(pk=payment.pk).update(provider_reference=charge.reference)
    Order.objects.filter(pk=order.pk).update(status=Status.AWAITING_PAYMENT)
    # when a webhook says "captured" although the provider holds only an authorization
    body = webhook_body(provider_reference=charge.reference, status="captured")
    assert webhook_receive(gateway_id="sandbox", headers=signed(body), body=body) == "provider-authorized"
    assert Order.objects.get(pk=order.pk).status == Status.AWAITING_PAYMENT
    # then once the provider really captured, the next webhook fulfils the order exactly once
    SandboxCharge.objects.filter(pk=charge.pk).update(status="captured")
    body = webhook_body(provider_reference=charge.reference, status="captured")
    assert webhook_receive(gateway_id="sandbox", headers=signed(body), body=body) == "captured"
    assert Order.objects.get(pk=order.pk).status == Status.FULFILLED


def test_a_provider_amount_other_than_the_order_is_not_fulfilled(buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale)
    payment = pay(buyer, order, card="4000 0000 0000 0119")
    charge = SandboxCharge.objects.get(order_reference=order.reference)
    SandboxCharge.objects.filter(pk=charge.pk).update(status="captured", amount_krw=1_000)
    Payment.objects.filter(pk=payment.pk).update(provider_reference=charge.reference)
    Order.objects.filter(pk=order.pk).update(status=Status.AWAITING_PAYMENT)
    body = webhook_body(provider_reference=charge.reference, status="captured")
    assert webhook_receive(gateway_id="sandbox", headers=signed(body), body=body) == "amount-mismatch"
    assert Order.objects.get(pk=order.pk).status == Status.AWAITING_PAYMENT


def test_a_late_paid_webhook_after_a_refund_changes_nothing(paid_order: Order, buyer: User) -> None:
    payment = paid_order.payments.get(status="captured")
    order_refund(user=buyer, order=paid_order)
    body = webhook_body(provider_reference=payment.provider_reference, status="captured")
    assert webhook_receive(gateway_id="sandbox", headers=signed(body), body=body) == "provider-refunded"
    assert Order.objects.get(pk=paid_order.pk).status == Status.REFUNDED


@pytest.fixture
def toss(settings: object) -> Iterator[FakeTransport]:
    settings.MFGDATA_PAYMENT_GATEWAYS = ["sandbox", "toss"]  # type: ignore[attr-defined]
    transport = FakeTransport()
    gateway_override(
        "toss", TossPaymentsGateway(secret_key="test_sk", api_base="https://toss.test", transport=transport)
    )
    yield transport
    gateway_override("toss", None)


def toss_json(name: str, order: Order, **changes: object) -> bytes:
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    target = data.get("data", data)
    target["orderId"] = order.reference
    target.update(changes)
    return json.dumps(data, ensure_ascii=False).encode()


def test_toss_redirect_with_a_changed_amount_is_not_confirmed(
    toss: FakeTransport, buyer: User, on_sale: Listing
) -> None:
    order = checkout(buyer, on_sale)
    assert pay(buyer, order, gateway_id="toss").status == "pending"
    with pytest.raises(Exception) as refused:
        payment_confirm_redirect(
            gateway_id="toss", order_reference=order.reference, provider_reference="pk", amount_krw=100
        )
    assert getattr(refused.value, "code", "") == "amount-mismatch"
    assert toss.requests == []


def test_toss_confirm_then_status_webhook_and_deposit_secret(
    toss: FakeTransport, buyer: User, on_sale: Listing
) -> None:
    order = checkout(buyer, on_sale)
    pay(buyer, order, gateway_id="toss")
    toss.answers.append((200, toss_json("toss_confirm_done.json", order)))
    payment = payment_confirm_redirect(
        gateway_id="toss",
        order_reference=order.reference,
        provider_reference="5EnNZRJGvaBX7zk2yd8ydw26XvwXkLrx9POLqKQjmAw4b0e1",
        amount_krw=1_100_000,
    )
    assert payment.status == "captured" and Order.objects.get(pk=order.pk).status == Status.FULFILLED
    # the status webhook is re-read from Toss (GET) and changes nothing more
    toss.answers.append((200, toss_json("toss_confirm_done.json", order)))
    body = toss_json("toss_webhook_status_changed.json", order)
    assert webhook_receive(gateway_id="toss", headers={}, body=body) == "already-applied"
    assert toss.requests[-1][0] == "GET"
    # a deposit callback with the wrong secret is refused before anything is read
    forged = json.dumps(
        {"orderId": order.reference, "paymentKey": payment.provider_reference, "secret": "guess", "status": "DONE"}
    ).encode()
    with pytest.raises(Refused):
        webhook_receive(gateway_id="toss", headers={}, body=forged)
