"""Shapes of the order, payment, entitlement and download endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from mfgdata.web.api.schemas import TextIn

IDEMPOTENCY_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"


class CheckoutIn(TextIn):
    """Buy one plan of a product. The amount is the server's; `expected_total_krw`, when sent, must equal it."""

    product: str = Field(max_length=120, description="the product version's slug")
    plan_id: str = Field(max_length=60)
    method: Literal["card", "transfer"] = "card"
    accept_terms_sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="sha256 of the terms you accept (GET …/terms)"
    )
    idempotency_key: str | None = Field(None, pattern=IDEMPOTENCY_PATTERN, description="repeat it to retry safely")
    expected_total_krw: int | None = Field(None, ge=0, description="total with VAT you expect to pay (원)")


class PayIn(TextIn):
    """Pay with the sandbox gateway (test cards: docs/orders.md) — real gateways need the buyer's browser."""

    gateway: Literal["sandbox"] = "sandbox"
    card_number: str = Field("", max_length=30)
    bank_account: str = Field("", max_length=30)
    idempotency_key: str | None = Field(None, pattern=IDEMPOTENCY_PATTERN)


class PaymentOut(Schema):
    status: str
    gateway: str
    amount_krw: int
    error_code: str
    card_last4: str
    created_at: datetime


class OrderOut(Schema):
    reference: str
    status: str
    status_label: str
    product: str
    product_version: str
    plan_id: str
    plan_kind: str
    method: str
    supply_krw: int
    vat_krw: int
    total_krw: int
    created_at: datetime
    paid_at: datetime | None
    refunded_at: datetime | None
    entitlement_id: int | None
    payments: list[PaymentOut]


class EntitlementOut(Schema):
    id: int
    product: str
    product_version: str
    title_ko: str
    plan_id: str
    order: str
    valid_from: datetime
    valid_until: datetime | None
    usable: bool
    revoked_at: datetime | None
    first_download_at: datetime | None


class DownloadLinkOut(Schema):
    path: str
    bytes: int | None
    sha256: str | None
    url: str = Field(description="GET it with the same token (and scope download) before it expires")


class DownloadLinksOut(Schema):
    entitlement_id: int
    expires_in_seconds: int
    links: list[DownloadLinkOut]
