"""The Toss payment window in a real browser: the order page loads the vendored SDK from the site's static files,
the SDK asks for Toss's window script — answered here by a stand-in that behaves like the window and sends the buyer
to the success URL (no network) — and the success redirect confirms the order through the adapter's fixture."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from order_fixtures import FakeTransport

from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import Order, Status
from mfgdata.web.payments.gateways.registry import gateway_override
from mfgdata.web.payments.gateways.toss import TossPaymentsGateway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REPO = Path(__file__).resolve().parents[3]
SDK = REPO / "src/mfgdata/web/static/vendor/tosspayments/index.esm.js"
FIXTURE = Path(__file__).parent / "fixtures" / "toss_confirm_done.json"
PAYMENT_KEY = "5EnNZRJGvaBX7zk2yd8ydw26XvwXkLrx9POLqKQjmAw4b0e1"
# What Toss's hosted script provides (window.TossPayments), reduced to the redirect flow of its payment window.
STAND_IN = """
window.TossPayments = function (clientKey) {
  return { payment: function (init) { return { requestPayment: async function (request) {
    window.sessionStorage.setItem("tossRequest", JSON.stringify({ clientKey, init, request }));
    const query = new URLSearchParams(
      { paymentKey: "PAYMENT_KEY", orderId: request.orderId, amount: request.amount.value });
    window.location.href = request.successUrl + "?" + query.toString();
  } }; } };
};
""".replace("PAYMENT_KEY", PAYMENT_KEY)


@pytest.fixture
def browser(browser: Any) -> Any:
    """The shared chromium, when the Toss SDK has been vendored into the static files."""
    if not SDK.exists():
        pytest.skip("the Toss SDK is not in static/vendor (make assets copies it from npm)")
    return browser


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


@pytest.mark.parametrize(("method", "toss_method"), [("card", "CARD"), ("transfer", "TRANSFER")])
def test_the_buyer_pays_in_the_toss_window_and_comes_back_to_a_fulfilled_order(
    browser: Any, live_server: Any, toss: FakeTransport, on_sale: Listing, buyer: User, method: str, toss_method: str
) -> None:
    base = live_server.url
    client = Client()
    client.force_login(buyer)
    context = browser.new_context(locale="ko-KR")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    outside: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(base):
            request_route.continue_()
        elif url.startswith("https://js.tosspayments.com/"):
            request_route.fulfill(status=200, content_type="application/javascript", body=STAND_IN)
        else:
            outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.goto(f"{base}/orders/checkout/{on_sale.slug}/")
    page.click(f"label[for=method-{method}]")
    page.select_option("#gateway", "toss")
    page.click("label[for=accept_terms]")
    page.click("form.checkout button[type=submit]")
    page.wait_for_url(re.compile(r".*/orders/mfg-[0-9a-f]+/"))
    order = Order.objects.get()
    assert order.status == Status.AWAITING_PAYMENT
    confirmed = json.loads(FIXTURE.read_text(encoding="utf-8"))
    toss.answers.append((200, json.dumps({**confirmed, "orderId": order.reference}).encode()))
    page.click("#toss-window")
    page.wait_for_selector(".order-status.status-fulfilled")
    assert page.url == f"{base}/orders/{order.reference}/" and "이용 가능" in page.content()
    sent = json.loads(page.evaluate("() => window.sessionStorage.getItem('tossRequest')"))
    assert sent["clientKey"] == "test_ck_docs_example" and sent["init"]["customerKey"] == "@@ANONYMOUS"
    assert sent["request"]["amount"] == {"currency": "KRW", "value": 1_100_000}
    assert sent["request"]["method"] == toss_method and sent["request"]["orderId"] == order.reference
    # a transfer gets our 세금계산서, so Toss is told not to issue a 현금영수증 as well
    receipt = sent["request"].get("transfer", {}).get("cashReceipt")
    assert receipt == ({"type": "미발행"} if method == "transfer" else None)
    assert sent["request"]["successUrl"] == f"{base}/payments/toss/success/"
    assert toss.requests[0][3] == {"paymentKey": PAYMENT_KEY, "orderId": order.reference, "amount": 1_100_000}
    assert Order.objects.get(pk=order.pk).status == Status.FULFILLED and outside == []
