"""Settlements: platform fee and manufacturer/processor shares to the won; orders = settlements + fees + refunds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from factories import make_organisation, make_user
from order_fixtures import checkout, pay

from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.listings.models import Listing, RegisteredAs
from mfgdata.web.orders.models import Order, Payout
from mfgdata.web.orders.services import order_confirm_defect, order_refund
from mfgdata.web.orders.settlement import payable_by_organisation, payout_record, settlement_create, split_order
from mfgdata.web.payments.models import SandboxCharge


@pytest.mark.parametrize("paid", [1, 7, 99, 366_666, 1_100_000, 12_345_679])
@pytest.mark.parametrize("share", [0, 33, 70, 100])
def test_a_split_never_creates_or_loses_a_won(paid: int, share: int) -> None:
    split = split_order(paid_krw=paid, refunded_krw=0, fee_percent=Decimal("7.5"), manufacturer_percent=share)
    assert split.fee_krw + split.manufacturer_krw + split.processor_krw == paid
    assert min(split.fee_krw, split.manufacturer_krw, split.processor_krw) >= 0


@pytest.fixture
def processor_listing(on_sale: Listing, operator: User) -> Listing:
    """The product as if a processor registered it with a 70/30 revenue share."""
    processor_user = make_user("processor@example.kr")
    processor = make_organisation(processor_user, verified_by=operator, name="가공솔루션", is_processor=True)
    Listing.objects.filter(pk=on_sale.pk).update(
        registered_by_org=processor, registered_as=RegisteredAs.PROCESSOR, manufacturer_share_percent=70
    )
    return Listing.objects.get(pk=on_sale.pk)


def _buy(user: User, listing: Listing, plan: str) -> Order:
    order = checkout(user, listing, plan_id=plan)
    pay(user, order)
    return Order.objects.get(pk=order.pk)


def test_orders_equal_settlements_plus_fees_plus_refunds(
    processor_listing: Listing, buyer: User, other_buyer: User, operator: User, settings: object
) -> None:
    # given three orders this month, one of them refunded
    settings.MFGDATA_SETTLE_CURRENT_MONTH = True  # type: ignore[attr-defined]
    settings.MFGDATA_PLATFORM_FEE_PERCENT = "7.5"  # type: ignore[attr-defined]
    orders = [_buy(buyer, processor_listing, "one-off"), _buy(buyer, processor_listing, "annual")]
    orders.append(_buy(other_buyer, processor_listing, "annual"))
    order_refund(user=other_buyer, order=orders[2])
    # when the month is settled
    settlement = settlement_create(operator=operator, seller=processor_listing.seller, month=date.today())
    # then every won of the orders is accounted for
    total = sum(o.total_krw for o in orders)
    assert settlement.paid_krw == total == 1_100_000 + 2 * 366_666
    assert settlement.paid_krw == settlement.payable_krw + settlement.fee_krw + settlement.refunded_krw
    owed = payable_by_organisation(settlement)
    assert sum(owed.values()) == settlement.payable_krw
    assert owed[processor_listing.seller_id] > owed[processor_listing.registered_by_org_id] > 0
    # and each organisation is paid out once, for exactly what it is owed
    payout = payout_record(
        operator=operator, settlement=settlement, organisation=processor_listing.seller, bank_reference="KB-0001"
    )
    assert payout.amount_krw == owed[processor_listing.seller_id]
    with pytest.raises(SiteError):
        payout_record(
            operator=operator, settlement=settlement, organisation=processor_listing.seller, bank_reference="KB-0002"
        )
    assert Payout.objects.count() == 1


def test_a_month_is_settled_once_and_a_settled_order_is_not_refunded_silently(
    paid_order: Order, buyer: User, operator: User, settings: object
) -> None:
    settings.MFGDATA_SETTLE_CURRENT_MONTH = True  # type: ignore[attr-defined]
    seller = paid_order.listing.seller
    settlement_create(operator=operator, seller=seller, month=date.today())
    with pytest.raises(SiteError):
        settlement_create(operator=operator, seller=seller, month=date.today())
    with pytest.raises(SiteError) as refused:
        order_refund(user=buyer, order=paid_order)
    assert refused.value.code == "already-settled"


def test_only_operators_settle_and_only_finished_months(paid_order: Order, seller: User, operator: User) -> None:
    with pytest.raises(Refused):
        settlement_create(operator=seller, seller=paid_order.listing.seller, month=date.today())
    with pytest.raises(SiteError) as refused:
        settlement_create(operator=operator, seller=paid_order.listing.seller, month=date.today())
    assert refused.value.code == "month-not-over"


def test_a_partly_refunded_order_settles_what_was_kept_to_the_won(
    processor_listing: Listing, buyer: User, other_buyer: User, operator: User, settings: object
) -> None:
    # given one order kept in full and one partly refunded after a confirmed defect (100,001 + 10,000 원 back)
    settings.MFGDATA_SETTLE_CURRENT_MONTH = True  # type: ignore[attr-defined]
    settings.MFGDATA_PLATFORM_FEE_PERCENT = "7.5"  # type: ignore[attr-defined]
    kept = _buy(buyer, processor_listing, "one-off")
    partly = _buy(other_buyer, processor_listing, "one-off")
    partly.entitlement.first_download_at = partly.paid_at
    partly.entitlement.save()
    order_confirm_defect(operator=operator, order=partly, comment="일부 구간 누락", refund_supply_krw=100_001)
    # when the month is settled
    settlement = settlement_create(operator=operator, seller=processor_listing.seller, month=date.today())
    # then the refund is exactly what the buyer got back, and paid = payable + fees + refunds to the won
    assert settlement.paid_krw == kept.total_krw + partly.total_krw
    charge = SandboxCharge.objects.get(order_reference=partly.reference)
    assert settlement.refunded_krw == 110_001 == charge.refunded_krw
    assert settlement.paid_krw == settlement.payable_krw + settlement.fee_krw + settlement.refunded_krw
    line = settlement.lines.get(order=partly)
    assert line.paid_krw == line.refunded_krw + line.fee_krw + line.manufacturer_krw + line.processor_krw
