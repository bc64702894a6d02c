"""Downloads: signed, expiring, user-bound links; Range; logging; fingerprints; the signed delivery manifest."""

from __future__ import annotations

import hashlib
import io
import json
import re

import pyarrow.parquet as pq
import pytest
from django.test import Client

from mfgdata.delivery.fingerprint import read_from_parquet
from mfgdata.delivery.manifest import public_key_text, verify
from mfgdata.web.accounts.models import User
from mfgdata.web.orders.delivery import delivered_file, delivery_prepare, signing_key
from mfgdata.web.orders.links import link_token
from mfgdata.web.orders.models import DownloadLog, Order
from mfgdata.web.orders.services import order_refund


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _link(order: Order, user: User, path: str) -> str:
    return f"/orders/download/{link_token(entitlement_id=order.entitlement.pk, user=user, path=path)}/"


def _body(response: object) -> bytes:
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_the_order_page_lists_links_and_the_file_matches_its_signed_manifest(paid_order: Order, buyer: User) -> None:
    client = _client(buyer)
    page = client.get(f"/orders/{paid_order.reference}/").content.decode()
    links = dict(re.findall(r'href="(/orders/download/[^"]+/)">([^<]+)<', page))
    assert set(links.values()) >= {"data/plating.parquet", "data/plating.csv", "delivery-manifest.json"}
    by_path = {path: url for url, path in links.items()}
    manifest = json.loads(_body(client.get(by_path["delivery-manifest.json"])))
    verify(manifest, public_key_text(signing_key().public_key()))
    data = _body(client.get(by_path["data/plating.parquet"]))
    entry = next(e for e in manifest["files"] if e["path"] == "data/plating.parquet")
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    metadata = pq.read_schema(io.BytesIO(data)).metadata
    fingerprint = json.loads(metadata[b"mfgdata.fingerprint"])
    assert fingerprint["buyer_name"] == "대성금속" and fingerprint["id"] == manifest["fingerprint"]
    assert DownloadLog.objects.filter(outcome="served", path="data/plating.parquet").exists()


def test_the_rows_are_the_sellers_rows(paid_order: Order) -> None:
    from order_fixtures import parquet_bytes

    path = delivered_file(entitlement=paid_order.entitlement, path="data/plating.parquet")
    assert pq.read_table(path).equals(pq.read_table(io.BytesIO(parquet_bytes())))
    assert read_from_parquet(path).order == paid_order.reference


def test_range_requests_return_the_asked_bytes(paid_order: Order, buyer: User) -> None:
    client = _client(buyer)
    full = _body(client.get(_link(paid_order, buyer, "data/plating.csv")))
    partial = client.get(_link(paid_order, buyer, "data/plating.csv"), HTTP_RANGE="bytes=3-9")
    assert partial.status_code == 206
    assert partial["Content-Range"] == f"bytes 3-9/{len(full)}"
    assert _body(partial) == full[3:10]
    tail = client.get(_link(paid_order, buyer, "data/plating.csv"), HTTP_RANGE="bytes=-4")
    assert _body(tail) == full[-4:]
    outside = client.get(_link(paid_order, buyer, "data/plating.csv"), HTTP_RANGE=f"bytes={len(full) + 5}-")
    assert outside.status_code == 416


def test_a_forwarded_link_is_refused_for_another_organisation(
    paid_order: Order, buyer: User, other_buyer: User
) -> None:
    link = _link(paid_order, buyer, "data/plating.csv")
    response = _client(other_buyer).get(link)
    assert response.status_code == 403 and "link-not-yours" in response.content.decode()
    own_link = _link(paid_order, other_buyer, "data/plating.csv")
    refused = _client(other_buyer).get(own_link)
    assert refused.status_code == 403 and "not-entitled" in refused.content.decode()
    assert DownloadLog.objects.filter(outcome="served").count() == 0
    assert DownloadLog.objects.filter(outcome__in=["link-not-yours", "not-entitled"]).count() == 2


def test_an_expired_link_is_refused(paid_order: Order, buyer: User, settings: object) -> None:
    link = _link(paid_order, buyer, "data/plating.csv")
    settings.MFGDATA_DOWNLOAD_LINK_SECONDS = -1  # type: ignore[attr-defined]
    response = _client(buyer).get(link)
    assert response.status_code == 403 and "link-expired" in response.content.decode()


def test_a_tampered_link_and_an_unknown_file_are_refused(paid_order: Order, buyer: User) -> None:
    link = _link(paid_order, buyer, "data/plating.csv")
    assert _client(buyer).get(link[:-6] + "AAAAA/").status_code == 403
    assert _client(buyer).get(_link(paid_order, buyer, "../secret_key")).status_code == 400


def test_a_download_blocks_the_self_service_refund(paid_order: Order, buyer: User) -> None:
    _body(_client(buyer).get(_link(paid_order, buyer, "data/plating.csv")))
    from mfgdata.web.core.errors import SiteError

    with pytest.raises(SiteError) as refused:
        order_refund(user=buyer, order=Order.objects.get(pk=paid_order.pk))
    assert refused.value.code == "refund-after-download"


def test_after_a_refund_links_stop_working(paid_order: Order, buyer: User) -> None:
    link = _link(paid_order, buyer, "README.md")
    order_refund(user=buyer, order=paid_order)
    assert _client(buyer).get(link).status_code == 403


def test_the_delivery_is_prepared_once(paid_order: Order) -> None:
    first = delivery_prepare(entitlement=paid_order.entitlement)
    assert delivery_prepare(entitlement=paid_order.entitlement) == first
