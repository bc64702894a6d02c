"""Entitlements and downloads through the API: signed, expiring, user-bound links; sha256 matches; others 404."""

from __future__ import annotations

import hashlib

import pytest
from api_fixtures import api_client, token_for
from django.test import override_settings
from factories import make_user

from mfgdata.web.accounts.models import Membership, User
from mfgdata.web.orders.models import DownloadLog, Order
from mfgdata.web.orders.services import order_refund

pytestmark = pytest.mark.django_db


def _links(client, entitlement_id: int) -> dict:
    return client.post(f"/api/v1/entitlements/{entitlement_id}/links").json()


def test_list_entitlements_get_links_and_download_with_matching_sha256(paid_order: Order, buyer: User) -> None:
    client = api_client(token_for(buyer, ["download"]))
    [entitlement] = client.get("/api/v1/entitlements").json()
    assert entitlement["order"] == paid_order.reference and entitlement["usable"] is True
    links = _links(client, entitlement["id"])
    assert links["expires_in_seconds"] > 0
    data = next(link for link in links["links"] if link["path"] == "data/plating.parquet")
    response = client.get(data["url"].split("testserver", 1)[1])
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == data["sha256"] and len(body) == data["bytes"]
    assert DownloadLog.objects.filter(user=buyer, path="data/plating.parquet", outcome="served").exists()
    assert any(link["path"] == "delivery-manifest.json" for link in links["links"])


def test_a_link_is_bound_to_its_user(paid_order: Order, buyer: User) -> None:
    link = _links(api_client(token_for(buyer, ["download"])), paid_order.entitlement.pk)["links"][0]["url"]
    colleague = make_user()
    Membership.objects.create(user=colleague, organisation=buyer.membership.organisation)
    response = api_client(token_for(User.objects.get(pk=colleague.pk), ["download"])).get(link.split("testserver")[1])
    assert (response.status_code, response.json()["code"]) == (403, "link-not-yours")


def test_an_expired_or_forged_link_is_refused(paid_order: Order, buyer: User) -> None:
    client = api_client(token_for(buyer, ["download"]))
    link = _links(client, paid_order.entitlement.pk)["links"][0]["url"].split("testserver")[1]
    with override_settings(MFGDATA_DOWNLOAD_LINK_SECONDS=-1):
        assert client.get(link).json()["code"] == "link-expired"
    assert client.get(link[:-3] + "xyz").json()["code"] == "link-invalid"


def test_another_organisations_entitlement_is_404(paid_order: Order, other_buyer: User) -> None:
    client = api_client(token_for(other_buyer, ["download"]))
    assert client.get("/api/v1/entitlements").json() == []
    response = client.post(f"/api/v1/entitlements/{paid_order.entitlement.pk}/links")
    assert (response.status_code, response.json()["code"]) == (404, "not-found")


def test_a_refunded_order_gives_no_links(paid_order: Order, buyer: User) -> None:
    order_refund(user=buyer, order=paid_order)
    client = api_client(token_for(buyer, ["download"]))
    assert client.get("/api/v1/entitlements").json()[0]["usable"] is False
    response = client.post(f"/api/v1/entitlements/{paid_order.entitlement.pk}/links")
    assert (response.status_code, response.json()["code"]) == (403, "entitlement-revoked")


def test_downloads_need_the_download_scope(paid_order: Order, buyer: User) -> None:
    response = api_client(token_for(buyer, ["buy"])).get("/api/v1/entitlements")
    assert (response.status_code, response.json()["code"]) == (403, "scope-missing")
