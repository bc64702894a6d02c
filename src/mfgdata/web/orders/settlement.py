"""정산: monthly statements per seller with a platform fee and the manufacturer/processor revenue share.

Every split is in whole 원 and reconciles exactly: for each order, paid = refunded + fee + manufacturer + processor.
The fee is floor(net × fee % / 100) with net = paid − refunded; the manufacturer gets floor((net − fee) × share /
100) and the processor the remainder, so no won is created or lost by rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_FLOOR, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import record_event
from mfgdata.web.listings.models import RegisteredAs
from mfgdata.web.orders.models import Order, Payout, Settlement, SettlementLine, Status
from mfgdata.web.orders.permissions import why_not_settle
from mfgdata.web.orders.refunds import refunded_so_far


@dataclass(frozen=True)
class Split:
    paid_krw: int
    refunded_krw: int
    fee_krw: int
    manufacturer_krw: int
    processor_krw: int


def split_order(*, paid_krw: int, refunded_krw: int, fee_percent: Decimal, manufacturer_percent: int) -> Split:
    net = paid_krw - refunded_krw
    fee = int((Decimal(net) * fee_percent / 100).to_integral_value(rounding=ROUND_FLOOR))
    manufacturer = (net - fee) * manufacturer_percent // 100
    return Split(paid_krw, refunded_krw, fee, manufacturer, net - fee - manufacturer)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The month in Asia/Seoul as aware datetimes [start, end)."""
    start = timezone.make_aware(datetime.combine(month.replace(day=1), time.min))
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, timezone.make_aware(datetime.combine(following, time.min))


def _orders_to_settle(seller: Organisation, month: date) -> list[Order]:
    start, end = month_bounds(month)
    return list(
        Order.objects.select_for_update(of=("self",))
        .filter(listing__seller=seller, paid_at__gte=start, paid_at__lt=end, settlement_line__isnull=True)
        .filter(Q(status__in=[Status.PAID, Status.FULFILLED, Status.REFUNDED]))
        .select_related("listing", "listing__registered_by_org")
        .order_by("paid_at", "id")
    )


def _line(settlement: Settlement, order: Order) -> SettlementLine:
    listing = order.listing
    processor = listing.registered_by_org if listing.registered_as == RegisteredAs.PROCESSOR else None
    split = split_order(
        paid_krw=order.total_krw,
        refunded_krw=refunded_so_far(order).total_krw,
        fee_percent=settlement.fee_percent,
        manufacturer_percent=listing.manufacturer_share_percent if processor else 100,
    )
    return SettlementLine.objects.create(
        settlement=settlement,
        order=order,
        paid_krw=split.paid_krw,
        refunded_krw=split.refunded_krw,
        fee_krw=split.fee_krw,
        manufacturer=listing.seller,
        manufacturer_krw=split.manufacturer_krw,
        processor=processor,
        processor_krw=split.processor_krw,
    )


@transaction.atomic
def settlement_create(*, operator: User, seller: Organisation, month: date) -> Settlement:
    """Settle one seller's month: every paid order of the month, once (a month is settled only once)."""
    require(why_not_settle(user=operator))
    month = month.replace(day=1)
    if month >= timezone.localdate().replace(day=1) and not settings.MFGDATA_SETTLE_CURRENT_MONTH:
        raise SiteError("month-not-over", "끝난 달만 정산할 수 있습니다.", "Only a finished month can be settled.")
    if Settlement.objects.filter(seller=seller, month=month).exists():
        raise SiteError("already-settled", "이미 정산한 달입니다.", "This month is already settled.")
    orders = _orders_to_settle(seller, month)
    settlement = Settlement.objects.create(
        seller=seller,
        month=month,
        fee_percent=Decimal(str(settings.MFGDATA_PLATFORM_FEE_PERCENT)),
        paid_krw=0,
        refunded_krw=0,
        fee_krw=0,
        payable_krw=0,
        created_by=operator,
    )
    lines = [_line(settlement, order) for order in orders]
    settlement.paid_krw = sum(line.paid_krw for line in lines)
    settlement.refunded_krw = sum(line.refunded_krw for line in lines)
    settlement.fee_krw = sum(line.fee_krw for line in lines)
    settlement.payable_krw = sum(line.manufacturer_krw + line.processor_krw for line in lines)
    settlement.save()
    record_event(target=settlement, action="settle", actor=operator, comment=f"{len(lines)} orders")
    return settlement


def payable_by_organisation(settlement: Settlement) -> dict[int, int]:
    """What each organisation (manufacturer, processor) is owed by a settlement."""
    owed: dict[int, int] = {}
    for line in settlement.lines.all():
        owed[line.manufacturer_id] = owed.get(line.manufacturer_id, 0) + line.manufacturer_krw
        if line.processor_id:
            owed[line.processor_id] = owed.get(line.processor_id, 0) + line.processor_krw
    return owed


@transaction.atomic
def payout_record(*, operator: User, settlement: Settlement, organisation: Organisation, bank_reference: str) -> Payout:
    """Record that the operator sent an organisation its share of a settlement (once, for the exact amount)."""
    require(why_not_settle(user=operator))
    locked = Settlement.objects.select_for_update().get(pk=settlement.pk)
    owed = payable_by_organisation(locked).get(organisation.pk)
    if owed is None:
        raise SiteError(
            "nothing-owed", "이 정산에서 받을 금액이 없는 기관입니다.", "Nothing is owed to this organisation."
        )
    if Payout.objects.filter(settlement=locked, organisation=organisation).exists():
        raise SiteError("already-paid-out", "이미 지급했습니다.", "Already paid out.")
    if not bank_reference.strip():
        raise SiteError("bank-reference-required", "이체 확인번호를 적어 주세요.", "Enter the bank reference.")
    payout = Payout.objects.create(
        settlement=locked, organisation=organisation, amount_krw=owed, bank_reference=bank_reference, paid_by=operator
    )
    record_event(target=locked, action="payout", actor=operator, comment=f"{organisation.pk}: {owed}")
    return payout
