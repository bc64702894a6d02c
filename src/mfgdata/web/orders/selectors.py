"""Reads about orders: a buyer's orders, a seller's sales per product, trade records by date."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from mfgdata.web.accounts.models import Organisation
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import DownloadLog, Order, Refund, Status, TradeKind, TradeRecord

SOLD = (Status.PAID, Status.FULFILLED, Status.REFUNDED)
SALES_HEADER = [
    "상품",
    "버전",
    "주문 수",
    "구매 기관 수",
    "공급가액(원)",
    "합계(원, 부가세 포함)",
    "환불(원)",
    "다운로드 수",
]


def orders_of_buyer(*, organisation: Organisation) -> QuerySet[Order]:
    return Order.objects.filter(buyer=organisation).select_related("listing", "listing__seller")


@dataclass(frozen=True)
class ProductSales:
    listing: Listing
    orders: int
    buyers: int
    supply_krw: int
    total_krw: int
    refunded_krw: int
    downloads: int


def sales_by_product(*, organisation: Organisation) -> list[ProductSales]:
    """Per listing the organisation sells (or registered): orders, buyers, revenue, refunds, downloads."""
    listings = (
        Listing.objects.filter(seller=organisation) | Listing.objects.filter(registered_by_org=organisation)
    ).distinct()
    rows = []
    for listing in listings.order_by("title_ko"):
        sold = Order.objects.filter(listing=listing, status__in=SOLD)
        sums = sold.aggregate(
            n=Count("id"), buyers=Count("buyer", distinct=True), supply=Sum("supply_krw"), total=Sum("total_krw")
        )
        refunded = Refund.objects.filter(order__listing=listing).aggregate(total=Sum("total_krw"))["total"] or 0
        downloads = DownloadLog.objects.filter(entitlement__listing=listing, outcome="served").count()
        rows.append(
            ProductSales(
                listing, sums["n"], sums["buyers"], sums["supply"] or 0, sums["total"] or 0, refunded, downloads
            )
        )
    return rows


def sales_csv(*, organisation: Organisation) -> bytes:
    """The sales table as CSV with a UTF-8 BOM (Excel in Korea opens it with the Hangul intact)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SALES_HEADER)
    for row in sales_by_product(organisation=organisation):
        writer.writerow(
            [
                row.listing.title_ko,
                row.listing.version,
                row.orders,
                row.buyers,
                row.supply_krw,
                row.total_krw,
                row.refunded_krw,
                row.downloads,
            ]
        )
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


@dataclass(frozen=True)
class TradeEvent:
    kind: str
    occurred_at: datetime
    listing_id: int
    title: str
    amount_krw: int
    order: str


def trade_records(*, organisation: Organisation, start: date, end: date) -> list[TradeEvent]:
    """거래실적 between two dates (inclusive, Asia/Seoul): registrations (listings), sales, purchases, refunds."""
    since = timezone.make_aware(datetime.combine(start, time.min))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    events = [
        TradeEvent(TradeKind.REGISTRATION, listing.listed_at, listing.pk, listing.title_ko, 0, "")
        for listing in Listing.objects.filter(seller=organisation, listed_at__gte=since, listed_at__lt=until)
    ]
    records = TradeRecord.objects.filter(organisation=organisation, occurred_at__gte=since, occurred_at__lt=until)
    for record in records.select_related("listing", "order"):
        events.append(
            TradeEvent(
                record.kind,
                record.occurred_at,
                record.listing_id,
                record.listing.title_ko,
                record.amount_krw,
                record.order.reference if record.order else "",
            )
        )
    return sorted(events, key=lambda e: (e.occurred_at, e.kind))
