"""Factories for agreement and claim tests (importable: `tests/web` is on the test path): listed products
registered by a manufacturer or a processor, and paid marketplace orders with their tax invoice or receipt.

Orders are written as the checkout and payment services leave them (paid, supply/VAT/total, a numbered
sales document), dated where the test needs them; `test_claim_services` also claims an order bought through
the real checkout and payment path.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from itertools import count

from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.listings.models import Listing, RegisteredAs
from mfgdata.web.listings.models import Status as ListingStatus
from mfgdata.web.orders.documents import document_content
from mfgdata.web.orders.models import DocumentKind, Order, PaymentMethod, SalesDocument, Status, TermsAcceptance

_numbers = count(1)


def make_listing(seller: User, *, listed_at: datetime, registered_as: str = RegisteredAs.MANUFACTURER) -> Listing:
    """A product listed on `listed_at` by the seller's organisation (as a manufacturer or a processor)."""
    organisation = seller.membership.organisation
    number = next(_numbers)
    return Listing.objects.create(
        seller=organisation,
        registered_by_org=organisation,
        registered_by=seller,
        registered_as=registered_as,
        status=ListingStatus.LISTED,
        slug=f"claim-product-{number}",
        title_ko=f"도금 공정 품질 데이터 {number}",
        category="quality_prediction",
        listed_at=listed_at,
    )


def make_paid_order(
    buyer: User,
    listing: Listing,
    *,
    supply_krw: int,
    paid_at: datetime,
    method: str = PaymentMethod.CARD,
    organisation: Organisation | None = None,
) -> Order:
    """A paid order with its document: a tax invoice for a transfer, a card receipt for a card."""
    organisation = organisation or buyer.membership.organisation
    terms = TermsAcceptance.objects.create(
        organisation=organisation, user=buyer, listing=listing, product_version="1.0.0", terms_sha256="0" * 64
    )
    vat = supply_krw // 10
    order = Order.objects.create(
        buyer=organisation,
        placed_by=buyer,
        listing=listing,
        product_version="1.0.0",
        plan_id="one-off",
        plan_kind="one_off",
        plan={"id": "one-off", "kind": "one_off", "price_krw": supply_krw, "period": None, "unit": None},
        supply_krw=supply_krw,
        vat_krw=vat,
        total_krw=supply_krw + vat,
        method=method,
        terms=terms,
        idempotency_key=uuid.uuid4().hex,
        status=Status.PAID,
        paid_at=paid_at,
    )
    kind = DocumentKind.TAX_INVOICE if method == PaymentMethod.TRANSFER else DocumentKind.RECEIPT
    number, issued = f"T-{uuid.uuid4().hex[:12]}", paid_at.date()
    SalesDocument.objects.create(
        order=order,
        kind=kind,
        number=number,
        issue_date=issued,
        content=document_content(order=order, kind=kind, number=number, issue_date=issued.isoformat()),
    )
    return order
