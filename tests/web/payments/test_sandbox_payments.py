"""Paying through the sandbox gateway: approve, decline, time out, real-time transfer, no double charge."""

from __future__ import annotations

import uuid

import pytest
from order_fixtures import checkout, pay

from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import Order, Status
from mfgdata.web.payments.gateways.sandbox import DECLINE_CARD, TIMEOUT_CARD
from mfgdata.web.payments.models import SandboxCharge


def test_an_approved_card_pays_and_fulfils_with_audit_events(buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale)
    payment = pay(buyer, order)
    order.refresh_from_db()
    assert payment.status == "captured" and payment.card_last4 == "4242"
    assert order.status == Status.FULFILLED and order.paid_at is not None
    assert order.entitlement.organisation == buyer.membership.organisation
    assert [e.action for e in events_of(order)] == ["create", "start_payment", "pay", "fulfil"]
    assert SandboxCharge.objects.get().status == "captured"


def test_a_declined_card_leaves_the_order_payable_and_nothing_charged(buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale)
    payment = pay(buyer, order, card=DECLINE_CARD)
    order.refresh_from_db()
    assert payment.status == "declined" and payment.error_code == "card-declined"
    assert order.status == Status.CREATED
    assert not SandboxCharge.objects.exists()
    assert pay(buyer, order).status == "captured"


def test_a_timeout_charges_nothing_and_the_buyer_can_pay_again(buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale)
    assert pay(buyer, order, card=TIMEOUT_CARD).status == "timed_out"
    order.refresh_from_db()
    assert order.status == Status.CREATED
    assert not SandboxCharge.objects.filter(status="captured").exists()
    pay(buyer, order)
    assert Order.objects.get(pk=order.pk).status == Status.FULFILLED
    assert SandboxCharge.objects.filter(status="captured").count() == 1


def test_real_time_transfer_pays_and_a_low_balance_is_declined(buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale, method="transfer")
    assert pay(buyer, order, card="", bank_account="000-000-000000").error_code == "insufficient-balance"
    assert pay(buyer, order, card="", bank_account="110-123-456789").status == "captured"
    assert Order.objects.get(pk=order.pk).status == Status.FULFILLED


def test_the_same_payment_key_twice_charges_once(buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale)
    key = uuid.uuid4().hex
    first = pay(buyer, order, idempotency_key=key)
    second = pay(buyer, order, idempotency_key=key)
    assert first.pk == second.pk
    assert SandboxCharge.objects.count() == 1


def test_a_paid_order_cannot_be_paid_again(buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale)
    pay(buyer, order)
    with pytest.raises(SiteError) as refused:
        pay(buyer, order)
    assert refused.value.code == "order-not-payable"
    assert SandboxCharge.objects.count() == 1


def test_another_organisation_cannot_pay_someone_elses_order(buyer: User, other_buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale)
    with pytest.raises(SiteError) as refused:
        pay(other_buyer, order)
    assert refused.value.code == "not-your-order"


def test_a_gateway_not_switched_on_is_refused(buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale)
    with pytest.raises(SiteError) as refused:
        pay(buyer, order, gateway_id="toss")
    assert refused.value.code == "gateway-not-enabled"
