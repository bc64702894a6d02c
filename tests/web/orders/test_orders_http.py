"""Every order, seller and payment page through HTTP, as buyers, sellers and operators use them."""

from __future__ import annotations

import re
from datetime import date

from django.test import Client
from order_fixtures import APPROVE, checkout, pay

from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import Entitlement, Order, Status
from mfgdata.web.payments.gateways.sandbox import SIGNATURE_HEADER, webhook_body, webhook_signature


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _checkout_form(client: Client, listing: Listing) -> dict[str, str]:
    page = client.get(f"/orders/checkout/{listing.slug}/").content.decode()
    hidden = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', page))
    return {**hidden, "plan": "one-off", "method": "card", "accept_terms": "1", "card_number": APPROVE}


def test_product_page_offers_the_purchase(on_sale: Listing) -> None:
    page = Client().get(f"/market/{on_sale.slug}/").content.decode()
    assert "/orders/checkout/" in page and "구매하기" in page


def test_checkout_page_shows_supply_vat_and_total(buyer: User, on_sale: Listing) -> None:
    page = _client(buyer).get(f"/orders/checkout/{on_sale.slug}/").content.decode()
    assert "1,000,000원" in page and "100,000원" in page and "1,100,000원" in page
    assert "이용약관" in page and "부가세" in page
    assert "환불 규정" in page and "첫 다운로드 전에는 전액 환불됩니다." in page  # shown before the buyer agrees


def test_buying_with_the_sandbox_card_ends_on_the_paid_order(buyer: User, on_sale: Listing) -> None:
    client = _client(buyer)
    response = client.post(f"/orders/checkout/{on_sale.slug}/", _checkout_form(client, on_sale))
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.status == Status.FULFILLED
    page = client.get(response["Location"]).content.decode()
    assert "이용 가능" in page and "매출전표" in page and "/orders/download/" in page
    assert client.get(f"/orders/{order.reference}/document.pdf")["Content-Type"] == "application/pdf"
    assert client.get(f"/orders/{order.reference}/document.json").json()["total_krw"] == 1_100_000
    assert order.reference in client.get("/orders/").content.decode()


def test_a_tampered_amount_in_the_form_is_refused(buyer: User, on_sale: Listing) -> None:
    client = _client(buyer)
    form = {**_checkout_form(client, on_sale), "total_krw": "1100"}
    response = client.post(f"/orders/checkout/{on_sale.slug}/", form)
    assert response.status_code == 400 and "결제 금액이 맞지 않습니다" in response.content.decode()
    assert not Order.objects.exists()


def test_without_ticking_the_terms_nothing_is_bought(buyer: User, on_sale: Listing) -> None:
    client = _client(buyer)
    form = _checkout_form(client, on_sale)
    del form["accept_terms"]
    assert client.post(f"/orders/checkout/{on_sale.slug}/", form).status_code == 400
    assert not Order.objects.exists()


def test_the_seller_cannot_open_checkout_for_its_own_product(seller: User, on_sale: Listing) -> None:
    assert _client(seller).get(f"/orders/checkout/{on_sale.slug}/").status_code == 403


def test_a_declined_card_shows_why_and_offers_to_pay_again(buyer: User, on_sale: Listing) -> None:
    client = _client(buyer)
    form = {**_checkout_form(client, on_sale), "card_number": "4000 0000 0000 0002"}
    page = client.get(client.post(f"/orders/checkout/{on_sale.slug}/", form)["Location"]).content.decode()
    assert "카드사에서 승인을 거절했습니다" in page and "다시 결제하기" in page


def test_another_organisation_cannot_see_the_order(paid_order: Order, other_buyer: User) -> None:
    client = _client(other_buyer)
    assert client.get(f"/orders/{paid_order.reference}/").status_code == 403
    assert client.get(f"/orders/{paid_order.reference}/document.pdf").status_code == 403


def test_refund_and_cancel_through_the_page(paid_order: Order, buyer: User, on_sale: Listing) -> None:
    client = _client(buyer)
    client.post(f"/orders/{paid_order.reference}/refund/", {"reason": "잘못 구매"})
    assert Order.objects.get(pk=paid_order.pk).status == Status.REFUNDED
    fresh = checkout(buyer, on_sale)
    client.post(f"/orders/{fresh.reference}/cancel/")
    assert Order.objects.get(pk=fresh.pk).status == Status.CANCELLED


def test_the_operator_confirms_a_defect_through_the_page(paid_order: Order, operator: User) -> None:
    Entitlement.objects.filter(order=paid_order).update(first_download_at=paid_order.paid_at)
    page = _client(operator).get(f"/orders/{paid_order.reference}/").content.decode()
    assert "결함 확인 후 환불" in page
    _client(operator).post(f"/orders/{paid_order.reference}/defect/", {"comment": "파일 손상"})
    assert Order.objects.get(pk=paid_order.pk).refund_rule == "confirmed-defect"


def test_seller_sales_page_and_csv_with_bom(paid_order: Order, seller: User) -> None:
    client = _client(seller)
    page = client.get("/orders/sales/").content.decode()
    assert "1,100,000원" in page
    csv = client.get("/orders/sales.csv").content
    assert csv.startswith("\ufeff".encode()) and "도금 공정 품질 데이터".encode() in csv and b"1100000" in csv


def test_settlement_pages_and_payout(paid_order: Order, operator: User, seller: User, settings: object) -> None:
    settings.MFGDATA_SETTLE_CURRENT_MONTH = True  # type: ignore[attr-defined]
    client = _client(operator)
    month = date.today().strftime("%Y-%m")
    created = client.post("/orders/settlements/", {"seller": paid_order.listing.seller_id, "month": month})
    assert created.status_code == 302
    detail = client.get(created["Location"]).content.decode()
    assert "정산서" in detail and "990,000원" in detail
    pk = created["Location"].rstrip("/").split("/")[-1]
    client.post(
        f"/orders/settlements/{pk}/payout/", {"organisation": paid_order.listing.seller_id, "bank_reference": "KB-1"}
    )
    assert "KB-1" in _client(seller).get(created["Location"]).content.decode()
    assert (
        _client(seller)
        .post("/orders/settlements/", {"seller": paid_order.listing.seller_id, "month": month})
        .status_code
        == 403
    )


def test_webhook_endpoint_refuses_a_forgery_and_answers_a_replay(paid_order: Order) -> None:
    payment = paid_order.payments.get(status="captured")
    body = webhook_body(provider_reference=payment.provider_reference, status="captured", event_id="evt-http")
    client = Client(enforce_csrf_checks=True)
    forged = client.post(
        "/payments/webhooks/sandbox/", body, content_type="application/json", headers={SIGNATURE_HEADER: "x"}
    )
    assert forged.status_code == 403
    headers = {SIGNATURE_HEADER: webhook_signature(body)}
    assert client.post(
        "/payments/webhooks/sandbox/", body, content_type="application/json", headers=headers
    ).json() == {"outcome": "already-applied"}
    again = client.post("/payments/webhooks/sandbox/", body, content_type="application/json", headers=headers)
    assert again.json() == {"outcome": "replay"}


def test_toss_success_url_is_refused_while_toss_is_off(buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale)
    pay(buyer, order, card="4000 0000 0000 0002")
    response = Client().get("/payments/toss/success/", {"paymentKey": "k", "orderId": order.reference, "amount": "1"})
    assert response.status_code == 400
    fail = {"code": "PAY_PROCESS_CANCELED", "message": "취소", "orderId": order.reference}
    assert _client(buyer).get("/payments/toss/fail/", fail).status_code == 400
    assert Client().get("/payments/toss/fail/", fail).status_code == 302  # the buyer's own browser: sign in first


def test_delivery_public_key_is_published(db: None) -> None:
    key = Client().get("/orders/delivery-key.pub").content.decode().strip()
    assert len(key) == 44
