"""A script buys through the API: checkout with terms and the server's amount, sandbox payment, status, audit."""

from __future__ import annotations

import json
import uuid

import pytest
from api_fixtures import api_client, token_for
from django.test import Client

from mfgdata.web.accounts.models import User
from mfgdata.web.api.models import AccessToken
from mfgdata.web.core.models import AuditEvent
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import Order, TermsAcceptance
from mfgdata.web.orders.services import terms_of

pytestmark = pytest.mark.django_db
APPROVE = "4242 4242 4242 4242"


def _checkout(client: Client, listing: Listing, **overrides: object) -> object:
    body = {"product": listing.slug, "plan_id": "one-off", "accept_terms_sha256": terms_of(listing)[1], **overrides}
    return client.post("/api/v1/orders", body, content_type="application/json")


def test_checkout_pay_and_status_end_to_end(on_sale: Listing, buyer: User) -> None:
    client = api_client(token_for(buyer, ["buy"]))
    created = _checkout(client, on_sale, expected_total_krw=1_100_000)
    assert created.status_code == 201
    order = created.json()
    assert (order["status"], order["total_krw"], order["vat_krw"]) == ("created", 1_100_000, 100_000)
    assert TermsAcceptance.objects.get().terms_sha256 == terms_of(on_sale)[1]
    paid = client.post(
        f"/api/v1/orders/{order['reference']}/payments", {"card_number": APPROVE}, content_type="application/json"
    )
    assert paid.status_code == 200
    assert paid.json()["status"] == "fulfilled" and paid.json()["entitlement_id"] is not None
    assert paid.json()["payments"][0]["status"] == "captured"
    assert client.get(f"/api/v1/orders/{order['reference']}").json()["status"] == "fulfilled"
    assert [o["reference"] for o in client.get("/api/v1/orders").json()] == [order["reference"]]


def test_every_write_is_audited_on_the_token(on_sale: Listing, buyer: User) -> None:
    client = api_client(token_for(buyer, ["buy"]))
    _checkout(client, on_sale)
    _checkout(client, on_sale, plan_id="no-such-plan")
    token = AccessToken.objects.get()
    comments = list(AuditEvent.objects.filter(object_id=token.pk, action="api-write").values_list("comment", flat=True))
    assert comments == ["POST /api/v1/orders → 201", "POST /api/v1/orders → 400"]
    assert all(e.actor == buyer for e in AuditEvent.objects.filter(action="api-write"))


def test_the_same_idempotency_key_returns_the_same_order(on_sale: Listing, buyer: User) -> None:
    client, key = api_client(token_for(buyer, ["buy"])), uuid.uuid4().hex
    first = _checkout(client, on_sale, idempotency_key=key)
    again = _checkout(client, on_sale, idempotency_key=key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference"] == again.json()["reference"] and Order.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"plan_id": "free"}, 400, "unknown-price-plan"),
        ({"expected_total_krw": 1_000_000}, 400, "amount-mismatch"),
        ({"accept_terms_sha256": "0" * 64}, 400, "terms-not-accepted"),
        ({"accept_terms_sha256": "yes"}, 422, "invalid-input"),
        ({"method": "cash"}, 422, "invalid-input"),
        ({"product": "no-such-product"}, 404, "not-found"),
    ],
)
def test_bad_checkouts_are_refused_and_nothing_is_ordered(
    on_sale: Listing, buyer: User, overrides: dict, status: int, code: str
) -> None:
    response = _checkout(api_client(token_for(buyer, ["buy"])), on_sale, **overrides)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert response.json()["message"]
    assert not Order.objects.exists()


def test_malformed_json_is_400(buyer: User) -> None:
    response = api_client(token_for(buyer, ["buy"])).post(
        "/api/v1/orders", "{not json", content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "malformed-body")


def test_anonymous_and_wrong_scope_writes_are_refused(on_sale: Listing, buyer: User) -> None:
    assert _checkout(api_client(), on_sale).status_code == 401
    refused = _checkout(api_client(token_for(buyer, ["read_catalog", "download"])), on_sale)
    assert (refused.status_code, refused.json()["code"]) == (403, "scope-missing")
    assert not Order.objects.exists()


def test_a_seller_cannot_buy_its_own_product(on_sale: Listing, seller: User) -> None:
    response = _checkout(api_client(token_for(seller, ["buy"])), on_sale)
    assert (response.status_code, response.json()["code"]) == (403, "own-product")


def test_another_organisations_order_is_404(paid_order: Order, other_buyer: User) -> None:
    client = api_client(token_for(other_buyer, ["buy"]))
    assert client.get(f"/api/v1/orders/{paid_order.reference}").status_code == 404
    paid = client.post(f"/api/v1/orders/{paid_order.reference}/payments", {}, content_type="application/json")
    assert (paid.status_code, paid.json()["code"]) == (404, "not-found")
    assert client.get("/api/v1/orders").json() == []


def test_a_declined_card_leaves_the_order_payable(on_sale: Listing, buyer: User) -> None:
    client = api_client(token_for(buyer, ["buy"]))
    reference = _checkout(client, on_sale).json()["reference"]
    url = f"/api/v1/orders/{reference}/payments"
    declined = client.post(url, {"card_number": "4000 0000 0000 0002"}, content_type="application/json").json()
    assert declined["status"] == "created" and declined["payments"][0]["error_code"] == "card-declined"
    paid = client.post(url, json.dumps({"card_number": APPROVE}), content_type="application/json").json()
    assert paid["status"] == "fulfilled"


def test_only_the_sandbox_gateway_is_offered(on_sale: Listing, buyer: User) -> None:
    client = api_client(token_for(buyer, ["buy"]))
    reference = _checkout(client, on_sale).json()["reference"]
    response = client.post(f"/api/v1/orders/{reference}/payments", {"gateway": "toss"}, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (422, "invalid-input")
    assert list(response.json()["fields"]) == ["body.gateway"]
