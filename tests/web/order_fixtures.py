"""Fixtures for the orders and payments tests (imported by their conftest files): a listed product with a
Parquet file, verified buyers of two organisations, and helpers that check out and pay through the services."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from factories import complete_training, make_organisation, make_user, package_files, product
from package_zip import write_package

from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import Order
from mfgdata.web.orders.services import order_checkout, terms_of
from mfgdata.web.payments.models import Payment
from mfgdata.web.payments.services import payment_pay

APPROVE = "4242 4242 4242 4242"
PLANS = [
    {"id": "one-off", "kind": "one_off", "price_krw": 1_000_000, "period": None, "unit": None},
    {"id": "annual", "kind": "subscription", "price_krw": 333_333, "period": "year", "unit": None},
]


def parquet_bytes() -> bytes:
    table = pa.table({"공정": ["도금", "도금", "압출"], "온도": [21.5, 22.0, 23.1]})
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


@pytest.fixture
def build_package(tmp_path: Path) -> Callable[..., Path]:
    """The site's package, plus a Parquet data file (so fingerprints can be embedded)."""

    def build(name: str = "package.zip", files: dict[str, bytes] | None = None, **overrides: Any) -> Path:
        contents = files or {**package_files(), "data/plating.parquet": parquet_bytes()}
        return write_package(tmp_path / name, product=product(**overrides), files=contents)

    return build


@pytest.fixture
def on_sale(listed: Listing) -> Listing:
    """The listed product with a one-off and an annual plan."""
    Listing.objects.filter(pk=listed.pk).update(price_plans=PLANS)
    return Listing.objects.get(pk=listed.pk)


def _buyer(email: str, operator: User, name: str) -> User:
    user = make_user(email)
    make_organisation(user, verified_by=operator, name=name)
    complete_training(User.objects.get(pk=user.pk))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def buyer(operator: User) -> User:
    return _buyer("buyer@example.kr", operator, "대성금속")


@pytest.fixture
def other_buyer(operator: User) -> User:
    return _buyer("other@example.kr", operator, "미래기계")


def checkout(user: User, listing: Listing, **overrides: Any) -> Order:
    arguments: dict[str, Any] = {
        "user": user,
        "listing": listing,
        "plan_id": "one-off",
        "method": "card",
        "accepted_terms_sha256": terms_of(listing)[1],
        "idempotency_key": uuid.uuid4().hex,
        **overrides,
    }
    return order_checkout(**arguments)


def pay(user: User, order: Order, card: str = APPROVE, **overrides: Any) -> Payment:
    arguments: dict[str, Any] = {
        "user": user,
        "order": order,
        "gateway_id": "sandbox",
        "idempotency_key": uuid.uuid4().hex,
        "card_number": card,
        **overrides,
    }
    return payment_pay(**arguments)


@pytest.fixture
def paid_order(buyer: User, on_sale: Listing) -> Order:
    order = checkout(buyer, on_sale)
    pay(buyer, order)
    return Order.objects.get(pk=order.pk)


class FakeTransport:
    """Answers like Toss does and remembers every request."""

    def __init__(self, *answers: tuple[int, bytes]) -> None:
        self.answers = list(answers)
        self.requests: list[tuple[str, str, Mapping[str, str], dict | None]] = []

    def __call__(self, method: str, url: str, headers: Mapping[str, str], body: bytes | None) -> tuple[int, bytes]:
        self.requests.append((method, url, headers, json.loads(body) if body else None))
        return self.answers.pop(0)
