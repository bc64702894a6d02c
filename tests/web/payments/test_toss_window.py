"""The Toss payment window on the order page, and the success / fail redirects it ends with (fixtures, no network)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from html import unescape
from pathlib import Path

import pytest
from django.test import Client
from order_fixtures import FakeTransport

from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import Order, Status
from mfgdata.web.payments.gateways.base import GatewayTimeout
from mfgdata.web.payments.gateways.registry import gateway_override
from mfgdata.web.payments.gateways.toss import TossPaymentsGateway
from mfgdata.web.payments.models import Payment

FIXTURES = Path(__file__).parent / "fixtures"
PAYMENT_KEY = "5EnNZRJGvaBX7zk2yd8ydw26XvwXkLrx9POLqKQjmAw4b0e1"


@pytest.fixture
def toss(settings: object) -> Iterator[FakeTransport]:
    settings.MFGDATA_PAYMENT_GATEWAYS = ["sandbox", "toss"]  # type: ignore[attr-defined]
    settings.MFGDATA_TOSS_CLIENT_KEY = "test_ck_docs_example"  # type: ignore[attr-defined]
    transport = FakeTransport()
    gateway_override(
        "toss", TossPaymentsGateway(secret_key="test_sk", api_base="https://toss.test", transport=transport)
    )
    yield transport
    gateway_override("toss", None)


def confirmed(order: Order) -> bytes:
    data = json.loads((FIXTURES / "toss_confirm_done.json").read_text(encoding="utf-8"))
    data["orderId"] = order.reference
    return json.dumps(data, ensure_ascii=False).encode()


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _order_waiting_for_toss(client: Client, listing: Listing, method: str = "card") -> Order:
    page = client.get(f"/orders/checkout/{listing.slug}/").content.decode()
    assert '<option value="toss">' in page
    hidden = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', page))
    form = {**hidden, "plan": "one-off", "method": method, "accept_terms": "1", "gateway": "toss"}
    response = client.post(f"/orders/checkout/{listing.slug}/", form)
    assert response.status_code == 302
    return Order.objects.get()


def test_the_order_page_opens_the_toss_window_with_the_server_amount_and_the_vendored_sdk(
    toss: FakeTransport, buyer: User, on_sale: Listing
) -> None:
    client = _client(buyer)
    order = _order_waiting_for_toss(client, on_sale, method="transfer")
    assert order.status == Status.AWAITING_PAYMENT and Payment.objects.get().status == "pending"
    page = client.get(f"/orders/{order.reference}/").content.decode()
    button = re.search(r'<button type="button" id="toss-window"(.*?)>', page, re.S)
    assert button is not None
    data = {k: unescape(v) for k, v in re.findall(r'data-([\w-]+)="([^"]*)"', button.group(1))}
    assert data["amount"] == "1100000" and data["order-id"] == order.reference and data["method"] == "TRANSFER"
    assert data["client-key"] == "test_ck_docs_example"
    assert data["success-url"] == "http://testserver/payments/toss/success/"
    assert data["fail-url"] == "http://testserver/payments/toss/fail/"
    assert '<script type="module" src="/static/site/toss-window.js"></script>' in page
    script = (Path(__file__).parents[3] / "src/mfgdata/web/static/site/toss-window.js").read_text()
    assert 'from "../vendor/tosspayments/index.esm.js"' in script and "https://" not in script
    assert toss.requests == []  # nothing reaches Toss before the buyer comes back


def test_the_success_redirect_confirms_once_and_fulfils(toss: FakeTransport, buyer: User, on_sale: Listing) -> None:
    client = _client(buyer)
    order = _order_waiting_for_toss(client, on_sale)
    toss.answers.append((200, confirmed(order)))
    success = f"/payments/toss/success/?paymentKey={PAYMENT_KEY}&orderId={order.reference}&amount=1100000"
    response = client.get(success)
    assert response.status_code == 302 and response["Location"] == f"/orders/{order.reference}/"
    assert Order.objects.get(pk=order.pk).status == Status.FULFILLED
    method, url, _headers, body = toss.requests[0]
    assert (method, url) == ("POST", "https://toss.test/v1/payments/confirm")
    assert body == {"paymentKey": PAYMENT_KEY, "orderId": order.reference, "amount": 1_100_000}
    # a reload of the success URL (or a double redirect) confirms nothing twice
    assert client.get(success).status_code == 302
    assert len(toss.requests) == 1 and Payment.objects.filter(status="captured").count() == 1
    assert "/orders/download/" in client.get(f"/orders/{order.reference}/").content.decode()


def test_a_success_redirect_with_another_amount_is_refused_before_toss_is_called(
    toss: FakeTransport, buyer: User, on_sale: Listing
) -> None:
    client = _client(buyer)
    order = _order_waiting_for_toss(client, on_sale)
    response = client.get(f"/payments/toss/success/?paymentKey=k&orderId={order.reference}&amount=1100")
    assert response.status_code == 400 and "결제 금액이 주문 금액과 다릅니다" in response.content.decode()
    assert toss.requests == [] and Order.objects.get(pk=order.pk).status == Status.AWAITING_PAYMENT


def test_the_fail_redirect_lets_the_buyer_pay_again(toss: FakeTransport, buyer: User, on_sale: Listing) -> None:
    client = _client(buyer)
    order = _order_waiting_for_toss(client, on_sale)
    response = client.get(f"/payments/toss/fail/?code=PAY_PROCESS_CANCELED&message=x&orderId={order.reference}")
    assert response.status_code == 302
    assert Order.objects.get(pk=order.pk).status == Status.CREATED
    assert Payment.objects.get().status == "failed"
    page = client.get(f"/orders/{order.reference}/").content.decode()
    assert "결제창을 닫아 결제하지 않았습니다" in page and "다시 결제하기" in page
    # the repeated redirect changes nothing, and nothing was ever sent to Toss
    assert client.get(f"/payments/toss/fail/?code=X&orderId={order.reference}").status_code == 302
    assert Payment.objects.get().error_code == "PAY_PROCESS_CANCELED" and toss.requests == []


def test_another_organisation_cannot_fail_someone_elses_order(
    toss: FakeTransport, buyer: User, other_buyer: User, on_sale: Listing
) -> None:
    order = _order_waiting_for_toss(_client(buyer), on_sale)
    response = _client(other_buyer).get(f"/payments/toss/fail/?code=PAY_PROCESS_CANCELED&orderId={order.reference}")
    assert response.status_code == 403
    assert Order.objects.get(pk=order.pk).status == Status.AWAITING_PAYMENT


def test_without_a_client_key_the_page_says_so_instead_of_a_broken_button(
    toss: FakeTransport, buyer: User, on_sale: Listing, settings: object
) -> None:
    settings.MFGDATA_TOSS_CLIENT_KEY = ""  # type: ignore[attr-defined]
    client = _client(buyer)
    order = _order_waiting_for_toss(client, on_sale)
    page = client.get(f"/orders/{order.reference}/").content.decode()
    assert 'id="toss-window"' not in page and "클라이언트 키가 설정되지 않아" in page


class SlowThenConfirmed:
    """Times out on the first confirm (the outcome unknown), then answers as Toss does."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.keys: list[str] = []

    def __call__(self, method: str, url: str, headers: Mapping[str, str], body: bytes | None) -> tuple[int, bytes]:
        self.keys.append(headers["Idempotency-Key"])
        if len(self.keys) == 1:
            raise GatewayTimeout("read timed out")
        return 200, self.answer


def test_a_confirm_that_times_out_asks_for_a_reload_and_the_reload_confirms_once(
    toss: FakeTransport, buyer: User, on_sale: Listing
) -> None:
    client = _client(buyer)
    order = _order_waiting_for_toss(client, on_sale)
    slow = SlowThenConfirmed(confirmed(order))
    gateway_override("toss", TossPaymentsGateway(secret_key="test_sk", api_base="https://toss.test", transport=slow))
    success = f"/payments/toss/success/?paymentKey={PAYMENT_KEY}&orderId={order.reference}&amount=1100000"
    first = client.get(success)
    assert first.status_code == 503 and "새로고침" in first.content.decode()
    assert Order.objects.get(pk=order.pk).status == Status.AWAITING_PAYMENT
    assert client.get(success).status_code == 302
    assert Order.objects.get(pk=order.pk).status == Status.FULFILLED
    assert slow.keys[0] == slow.keys[1]  # the same confirm, so Toss cannot approve it twice


def test_a_toss_refund_that_times_out_is_refused_cleanly_and_the_retry_uses_the_same_key(
    toss: FakeTransport, buyer: User, on_sale: Listing
) -> None:
    from mfgdata.web.orders.services import order_refund

    client = _client(buyer)
    order = _order_waiting_for_toss(client, on_sale)
    toss.answers.append((200, confirmed(order)))
    client.get(f"/payments/toss/success/?paymentKey={PAYMENT_KEY}&orderId={order.reference}&amount=1100000")
    cancelled = json.loads((FIXTURES / "toss_cancel_done.json").read_text(encoding="utf-8"))
    slow = SlowThenConfirmed(json.dumps({**cancelled, "orderId": order.reference}).encode())
    gateway_override("toss", TossPaymentsGateway(secret_key="test_sk", api_base="https://toss.test", transport=slow))
    response = client.post(f"/orders/{order.reference}/refund/", {"reason": "잘못 구매"})
    assert response.status_code == 503 and "두 번 환불되지 않습니다" in response.content.decode()
    assert Order.objects.get(pk=order.pk).status == Status.FULFILLED
    refunded = order_refund(user=buyer, order=Order.objects.get(pk=order.pk))
    assert refunded.status == Status.REFUNDED and slow.keys[0] == slow.keys[1]
