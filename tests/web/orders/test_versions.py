"""Entitlements and product versions: a one-off purchase keeps its version, a subscription gets the new ones."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from factories import package_files
from order_fixtures import checkout, pay

from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing, PackageUpload, UploadState
from mfgdata.web.listings.upload_services import upload_file_path
from mfgdata.web.orders.delivery import delivered_file, delivery_prepare, package_version
from mfgdata.web.orders.models import Order


def _rows(path: Path) -> int:
    return pq.read_table(path).num_rows


def publish_new_version(listing: Listing, seller: User, build_package: Callable[..., Path]) -> PackageUpload:
    """Stand-in for the listings flow: a verified package of version 1.1.0 with five rows instead of three."""
    sink = io.BytesIO()
    pq.write_table(pa.table({"공정": ["도금"] * 5, "온도": [21.0, 21.5, 22.0, 22.5, 23.0]}), sink)
    files = {**package_files(), "data/plating.parquet": sink.getvalue()}
    data = build_package(name="v110.zip", files=files, version="1.1.0").read_bytes()
    upload = PackageUpload.objects.create(
        listing=listing,
        uploaded_by=seller,
        filename="v110.zip",
        total_bytes=len(data),
        chunk_bytes=len(data),
        state=UploadState.VALID,
        contents={"manifest": {"product": {"version": "1.1.0"}}},
    )
    target = upload_file_path(upload)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    Listing.objects.filter(pk=listing.pk).update(version="1.1.0")
    return upload


def test_a_one_off_keeps_its_version_and_a_subscription_gets_the_new_one(
    buyer: User, other_buyer: User, on_sale: Listing, seller: User, build_package: Callable[..., Path]
) -> None:
    # given a one-off buyer and a subscriber of version 1.0.0
    assert package_version(on_sale.current_package) == "1.0.0"  # type: ignore[arg-type]
    one_off = checkout(buyer, on_sale)
    pay(buyer, one_off)
    subscription = checkout(other_buyer, on_sale, plan_id="annual")
    pay(other_buyer, subscription)
    one_off_entitlement = Order.objects.get(pk=one_off.pk).entitlement
    subscriber_entitlement = Order.objects.get(pk=subscription.pk).entitlement
    assert _rows(delivered_file(entitlement=subscriber_entitlement, path="data/plating.parquet")) == 3
    # when the seller publishes version 1.1.0
    publish_new_version(on_sale, seller, build_package)
    # then the one-off buyer still gets 1.0.0 and the subscriber gets 1.1.0, each with a manifest saying so
    assert _rows(delivered_file(entitlement=one_off_entitlement, path="data/plating.parquet")) == 3
    assert delivery_prepare(entitlement=one_off_entitlement)["product"]["version"] == "1.0.0"
    assert _rows(delivered_file(entitlement=subscriber_entitlement, path="data/plating.parquet")) == 5
    assert delivery_prepare(entitlement=subscriber_entitlement)["product"]["version"] == "1.1.0"


def test_a_one_off_of_the_new_version_is_a_new_purchase(
    paid_order: Order, buyer: User, on_sale: Listing, seller: User, build_package: Callable[..., Path]
) -> None:
    publish_new_version(on_sale, seller, build_package)
    newer = checkout(buyer, Listing.objects.get(pk=on_sale.pk))
    pay(buyer, newer)
    entitlement = Order.objects.get(pk=newer.pk).entitlement
    assert entitlement.product_version == "1.1.0"
    assert _rows(delivered_file(entitlement=entitlement, path="data/plating.parquet")) == 5
