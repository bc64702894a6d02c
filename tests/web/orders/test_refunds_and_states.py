"""The order state machine and the refund policy: before a download, after it, and the operator's defect call."""

from __future__ import annotations

import pytest
from order_fixtures import checkout

from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.statemachine import events_of, transition
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import Order, Status
from mfgdata.web.orders.services import order_cancel, order_confirm_defect, order_refund
from mfgdata.web.orders.states import REFUND_POLICY, TRANSITIONS, refund_rule_for
from mfgdata.web.payments.models import SandboxCharge


def test_the_table_allows_only_the_documented_moves(buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale)
    with pytest.raises(SiteError) as refused:
        transition(instance=order, action="fulfil", table=TRANSITIONS, actor=buyer)
    assert refused.value.code == "transition-not-allowed"
    reachable = set(TRANSITIONS.values()) | {Status.CREATED}
    assert reachable == set(Status.values)


def test_refund_policy_is_data() -> None:
    assert refund_rule_for(downloaded=False, defect_confirmed=False) is REFUND_POLICY[0]
    assert refund_rule_for(downloaded=True, defect_confirmed=False) is None
    assert refund_rule_for(downloaded=True, defect_confirmed=True).id == "confirmed-defect"  # type: ignore[union-attr]


def test_a_refund_before_the_first_download_is_full(paid_order: Order, buyer: User) -> None:
    refunded = order_refund(user=buyer, order=paid_order, reason="잘못 구매")
    assert refunded.status == Status.REFUNDED and refunded.refund_rule == "before-first-download"
    assert SandboxCharge.objects.get().refunded_krw == paid_order.total_krw
    assert Order.objects.get(pk=paid_order.pk).entitlement.revoked_at is not None
    assert events_of(refunded).last().action == "refund"  # type: ignore[union-attr]


def test_a_refund_after_a_download_is_refused_until_the_operator_confirms_a_defect(
    paid_order: Order, buyer: User, operator: User
) -> None:
    entitlement = paid_order.entitlement
    entitlement.first_download_at = paid_order.paid_at
    entitlement.save()
    with pytest.raises(SiteError) as refused:
        order_refund(user=buyer, order=paid_order)
    assert refused.value.code == "refund-after-download"
    assert SandboxCharge.objects.get().refunded_krw == 0
    refunded = order_confirm_defect(operator=operator, order=paid_order, comment="열 2개가 비어 있음")
    assert refunded.status == Status.REFUNDED and refunded.refund_rule == "confirmed-defect"


def test_a_refund_is_paid_once(paid_order: Order, buyer: User) -> None:
    order_refund(user=buyer, order=paid_order)
    with pytest.raises(SiteError):
        order_refund(user=buyer, order=Order.objects.get(pk=paid_order.pk))
    assert SandboxCharge.objects.get().refunded_krw == paid_order.total_krw


def test_only_an_operator_outside_the_trade_confirms_a_defect(paid_order: Order, buyer: User, seller: User) -> None:
    for person in (buyer, seller):
        with pytest.raises(Refused):
            order_confirm_defect(operator=person, order=paid_order, comment="x")


def test_an_unpaid_order_can_be_cancelled_but_not_a_paid_one(buyer: User, on_sale: Listing, paid_order: Order) -> None:
    Listing.objects.filter(pk=on_sale.pk).update(version="1.1.0")
    fresh = checkout(buyer, Listing.objects.get(pk=on_sale.pk))
    assert order_cancel(user=buyer, order=fresh).status == Status.CANCELLED
    with pytest.raises(SiteError):
        order_cancel(user=buyer, order=paid_order)


def test_orders_refunded_before_refund_rows_existed_get_one_from_the_migration(paid_order: Order, buyer: User) -> None:
    import importlib

    from django.apps import apps

    from mfgdata.web.orders.models import Refund

    # given an order refunded in full whose refund row is missing (as before migration 0002)
    order_refund(user=buyer, order=paid_order)
    Refund.objects.all().delete()
    # when the migration's backfill runs
    migration = importlib.import_module("mfgdata.web.orders.migrations.0002_refunds_and_amended_tax_invoices")
    migration.backfill_refunds(apps, None)
    # then the order has one full refund again, dated when it was refunded
    refund = Refund.objects.get(order=paid_order)
    order = Order.objects.get(pk=paid_order.pk)
    assert (refund.supply_krw, refund.vat_krw, refund.total_krw) == (order.supply_krw, order.vat_krw, order.total_krw)
    assert refund.rule == "before-first-download" and refund.created_at == order.refunded_at
