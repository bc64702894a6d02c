"""The Toss Payments adapter against fixtures written from its published v1 API (no network)."""

from __future__ import annotations

import base64
from pathlib import Path

from order_fixtures import FakeTransport

from mfgdata.web.payments.gateways.toss import TossPaymentsGateway

FIXTURES = Path(__file__).parent / "fixtures"
KEY = "test_sk_docs_example_key"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def gateway(transport: FakeTransport) -> TossPaymentsGateway:
    return TossPaymentsGateway(secret_key=KEY, api_base="https://toss.test", transport=transport)


def test_confirm_posts_key_order_and_amount_with_basic_auth() -> None:
    transport = FakeTransport((200, fixture("toss_confirm_done.json")))
    result = gateway(transport).capture(
        provider_reference="5EnNZRJGvaBX7zk2yd8ydw26XvwXkLrx9POLqKQjmAw4b0e1",
        order_reference="mfg-0123456789abcdef0123456789abcdef",
        amount_krw=1_100_000,
    )
    method, url, headers, body = transport.requests[0]
    assert (method, url) == ("POST", "https://toss.test/v1/payments/confirm")
    assert headers["Authorization"] == "Basic " + base64.b64encode(f"{KEY}:".encode()).decode()
    assert body == {
        "paymentKey": "5EnNZRJGvaBX7zk2yd8ydw26XvwXkLrx9POLqKQjmAw4b0e1",
        "orderId": "mfg-0123456789abcdef0123456789abcdef",
        "amount": 1_100_000,
    }
    assert result.status == "captured" and result.amount_krw == 1_100_000
    assert result.secret == "ps_Z1aOwX7K8mYjz0vb5ERl8yQxzvNP"


def test_a_confirmed_amount_other_than_the_order_is_a_failure() -> None:
    transport = FakeTransport((200, fixture("toss_confirm_done.json")))
    result = gateway(transport).capture(provider_reference="k", order_reference="o", amount_krw=1_000)
    assert result.status == "failed" and result.error_code == "amount-mismatch"


def test_a_rejected_card_is_declined_with_the_provider_code() -> None:
    transport = FakeTransport((400, fixture("toss_error_reject_card.json")))
    result = gateway(transport).capture(provider_reference="k", order_reference="o", amount_krw=1_100_000)
    assert result.status == "declined" and result.error_code == "REJECT_CARD_COMPANY"
    assert not result.succeeded


def test_cancel_sends_reason_amount_and_an_idempotency_key() -> None:
    transport = FakeTransport((200, fixture("toss_cancel_done.json")))
    result = gateway(transport).refund(provider_reference="5EnNZ/../x", amount_krw=1_100_000, reason="구매자 환불 요청")
    _method, url, headers, body = transport.requests[0]
    assert url == "https://toss.test/v1/payments/5EnNZ%2F..%2Fx/cancel"
    assert body == {"cancelReason": "구매자 환불 요청", "cancelAmount": 1_100_000}
    assert headers["Idempotency-Key"]
    assert result.status == "refunded"


def test_fetch_reads_the_payment_as_toss_knows_it() -> None:
    transport = FakeTransport((200, fixture("toss_cancel_done.json")))
    payment = gateway(transport).fetch(provider_reference="5EnNZRJGvaBX7zk2yd8ydw26XvwXkLrx9POLqKQjmAw4b0e1")
    assert transport.requests[0][0] == "GET"
    assert payment.status == "refunded" and payment.balance_krw == 0 and payment.amount_krw == 1_100_000
