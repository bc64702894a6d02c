"""Stored rows turned into the facts `mfgdata.rules.integrity` takes: organisations with their contact facts,
paid orders, refunds, subsidy claims and listed products' price per unit (per row, per file or per GB)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from mfgdata.rules.integrity import (
    ClaimFiled,
    Facts,
    Party,
    PricedProduct,
    PriceUnit,
    Purchase,
    Refund,
    Thresholds,
)
from mfgdata.web.accounts.models import Organisation
from mfgdata.web.listings.models import Listing, RegisteredAs, Status
from mfgdata.web.orders.models import Order
from mfgdata.web.oversight.obligations import seoul_day
from mfgdata.web.oversight.selectors import projects
from mfgdata.web.programs.money_models import Claim

GB = 1024**3


def thresholds() -> Thresholds:
    """The thresholds from settings (`MFGDATA_INTEGRITY`), the library's defaults for any not set."""
    return Thresholds(**getattr(settings, "MFGDATA_INTEGRITY", {}))


def participants(programme_id: str) -> set[str]:
    """The organisations taking part in a programme's selected projects (applicants and processors)."""
    ids: set[str] = set()
    for application in projects(programme_id=programme_id):
        ids.add(str(application.organisation_id))
        if application.processor_id is not None:
            ids.add(str(application.processor_id))
    return ids


def gather_facts() -> Facts:
    """Every paid order, refund, claim and listed product of the marketplace."""
    orders = list(Order.objects.filter(paid_at__isnull=False).select_related("listing"))
    involved = {o.buyer_id for o in orders} | {o.listing.seller_id for o in orders}
    involved |= {o.listing.registered_by_org_id for o in orders}
    involved |= set(Listing.objects.filter(status=Status.LISTED).values_list("seller_id", flat=True))
    return Facts(
        parties={str(o.pk): _party(o) for o in Organisation.objects.filter(pk__in=involved).select_related("contact")},
        purchases=tuple(
            Purchase(
                str(o.pk),
                str(o.buyer_id),
                str(o.listing.seller_id),
                str(o.listing_id),
                seoul_day(o.paid_at),
                o.total_krw,
                processor_of(o.listing),
            )
            for o in orders
        ),
        refunds=tuple(
            Refund(str(o.pk), str(o.buyer_id), seoul_day(o.refunded_at), o.total_krw)
            for o in orders
            if o.refunded_at is not None
        ),
        claims=tuple(_claims()),
        products=tuple(p for p in map(_priced, Listing.objects.filter(status=Status.LISTED)) if p is not None),
    )


def processor_of(listing: Listing) -> str:
    """The processor that registered the listing for its seller (가공기업 대리 등록), or ""."""
    if listing.registered_as == RegisteredAs.PROCESSOR and listing.registered_by_org_id != listing.seller_id:
        return str(listing.registered_by_org_id)
    return ""


def _party(organisation: Organisation) -> Party:
    contact = getattr(organisation, "contact", None)
    return Party(
        organisation_id=str(organisation.pk),
        name=organisation.name,
        representative=organisation.representative,
        address=organisation.address,
        phone=contact.phone if contact else "",
        bank_account=contact.bank_account if contact else "",
    )


def _claims() -> list[ClaimFiled]:
    """Subsidy claims as filed (a returned claim was still filed), with the orders of their lines."""
    found = []
    for claim in Claim.objects.prefetch_related("lines"):
        order_ids = tuple(str(line.order_id) for line in claim.lines.all())
        found.append(ClaimFiled(str(claim.pk), str(claim.organisation_id), seoul_day(claim.submitted_at), order_ids))
    return found


def _priced(listing: Listing) -> PricedProduct | None:
    """The lowest price per unit: per row for a table, per file for a file collection, per GB otherwise."""
    price = listing.lowest_price()
    package = listing.current_package
    if not price or package is None or not package.contents:
        return None
    unit, quantity = unit_of(package.contents)
    if quantity <= 0:
        return None
    return PricedProduct(
        str(listing.pk),
        str(listing.seller_id),
        listing.title_ko,
        listing.category,
        listing.process,
        unit,
        quantity,
        price,
    )


def unit_of(contents: dict[str, Any]) -> tuple[PriceUnit, float]:
    """Rows when the manifest counts them; else the number of files under data/; else the size in GB."""
    product = (contents.get("manifest") or {}).get("product") or {}
    rows = product.get("rows")
    if isinstance(rows, int) and rows > 0:
        return "row", float(rows)
    data_files = [f for f in contents.get("files") or [] if str(f.get("path", "")).startswith("data/")]
    if data_files and product.get("kind") == "images":
        return "file", float(len(data_files))
    return "gb", sum(int(f.get("bytes") or 0) for f in contents.get("files") or []) / GB
