"""거래실적: registration, sale and purchase (and refund) events per organisation, by date."""

from __future__ import annotations

from datetime import date, timedelta

from django.test import Client

from mfgdata.web.accounts.models import User
from mfgdata.web.orders.models import Order
from mfgdata.web.orders.selectors import trade_records
from mfgdata.web.orders.services import order_refund


def test_seller_and_buyer_each_have_their_events(paid_order: Order, buyer: User, seller: User) -> None:
    today = date.today()
    seller_events = trade_records(organisation=seller.membership.organisation, start=today, end=today)
    assert [e.kind for e in seller_events] == ["registration", "sale"]
    assert seller_events[1].amount_krw == paid_order.supply_krw
    buyer_events = trade_records(organisation=buyer.membership.organisation, start=today, end=today)
    assert [e.kind for e in buyer_events] == ["purchase"]
    order_refund(user=buyer, order=paid_order)
    kinds = [e.kind for e in trade_records(organisation=buyer.membership.organisation, start=today, end=today)]
    assert kinds == ["purchase", "refund"]


def test_dates_outside_the_range_are_left_out(paid_order: Order, seller: User) -> None:
    yesterday = date.today() - timedelta(days=1)
    assert trade_records(organisation=seller.membership.organisation, start=yesterday, end=yesterday) == []


def test_the_json_endpoint_lists_them_for_the_own_organisation(paid_order: Order, buyer: User) -> None:
    client = Client()
    client.force_login(buyer)
    data = client.get("/orders/trade-records.json", {"start": date.today().isoformat()}).json()
    assert data["organisation"] == buyer.membership.organisation.business_number
    assert [e["kind"] for e in data["events"]] == ["purchase"]
    assert client.get("/orders/trade-records.json", {"start": "2026-13-01"}).status_code == 400
