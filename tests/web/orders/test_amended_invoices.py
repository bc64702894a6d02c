"""Partial refunds and the 수정세금계산서 a refund of a transfer-paid order gets (negative, linked, gapless)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from order_fixtures import checkout, pay

from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import SiteError
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import AmendedTaxInvoice, Order, Status, TradeRecord
from mfgdata.web.orders.services import order_confirm_defect, order_refund
from mfgdata.web.payments.models import Payment, SandboxCharge


def transfer_order(buyer: User, listing: Listing) -> Order:
    order = checkout(buyer, listing, method="transfer")
    pay(buyer, order, card="", bank_account="110-123-456789")
    return Order.objects.get(pk=order.pk)


def downloaded(order: Order) -> Order:
    entitlement = order.entitlement
    entitlement.first_download_at = order.paid_at
    entitlement.save()
    return Order.objects.get(pk=order.pk)


def number_of(text: str) -> int:
    return int(text.rsplit("-", 1)[1])


def test_a_full_refund_of_a_transfer_issues_an_amended_invoice_for_cancellation(buyer: User, on_sale: Listing) -> None:
    order = transfer_order(buyer, on_sale)
    order_refund(user=buyer, order=order, reason="잘못 구매")
    amended = AmendedTaxInvoice.objects.get()
    content = amended.content
    assert content["title"] == "수정세금계산서" and amended.reason_code == "04"
    assert content["amendment"]["reason_ko"] == "계약의 해제"
    assert content["amendment"]["original_number"] == order.document.number
    assert content["amendment"]["original_issue_date"] == order.document.content["issue_date"]
    assert (content["supply_krw"], content["vat_krw"], content["total_krw"]) == (-1_000_000, -100_000, -1_100_000)
    assert content["supplier"] == order.document.content["supplier"]
    assert content["buyer"] == order.document.content["buyer"]
    assert order.document.number in content["remarks"] and "계약의 해제" in content["remarks"]
    # one gapless tax-invoice series: the amendment takes the number after the original
    assert re.fullmatch(r"TI-\d{4}-\d{6}", amended.number)
    assert number_of(amended.number) == number_of(order.document.number) + 1


def test_a_card_refund_gets_no_amended_tax_invoice(paid_order: Order, buyer: User) -> None:
    order_refund(user=buyer, order=paid_order)
    assert not AmendedTaxInvoice.objects.exists()


def test_a_partial_refund_after_a_confirmed_defect_keeps_the_order_and_amends_the_supply_value(
    buyer: User, on_sale: Listing, operator: User
) -> None:
    order = downloaded(transfer_order(buyer, on_sale))
    after = order_confirm_defect(operator=operator, order=order, comment="3월 데이터 누락", refund_supply_krw=300_005)
    assert after.status == Status.FULFILLED and after.entitlement.revoked_at is None
    amended = AmendedTaxInvoice.objects.get()
    assert amended.reason_code == "02" and amended.content["amendment"]["reason_ko"] == "공급가액 변동"
    assert (amended.content["supply_krw"], amended.content["vat_krw"]) == (-300_005, -30_000)
    assert SandboxCharge.objects.get().refunded_krw == 330_005
    payment = Payment.objects.get(order=order)
    assert payment.status == "captured" and payment.refunded_krw == 330_005
    refund_records = TradeRecord.objects.filter(order=order, kind="refund")
    assert {r.amount_krw for r in refund_records} == {-300_005}


def test_partial_refunds_add_up_to_the_order_to_the_won(buyer: User, on_sale: Listing, operator: User) -> None:
    # given an order of 1,000,000 + 100,000 refunded in three parts whose VAT rounds down
    order = downloaded(transfer_order(buyer, on_sale))
    for supply in (333_337, 333_337):
        order = order_confirm_defect(operator=operator, order=order, comment="일부 결함", refund_supply_krw=supply)
    # when the operator refunds the rest
    order = order_confirm_defect(operator=operator, order=order, comment="나머지도 결함")
    # then the refunds equal the order exactly, the order is refunded and the download right ends
    amendments = AmendedTaxInvoice.objects.order_by("id")
    assert sum(a.content["supply_krw"] for a in amendments) == -1_000_000
    assert sum(a.content["vat_krw"] for a in amendments) == -100_000
    assert order.status == Status.REFUNDED and order.entitlement.revoked_at is not None
    assert SandboxCharge.objects.get().refunded_krw == 1_100_000
    numbers = [number_of(order.document.number)] + [number_of(a.number) for a in amendments]
    assert numbers == list(range(numbers[0], numbers[0] + 4))
    assert {r.amount_krw for r in TradeRecord.objects.filter(order=order, kind="refund")} == {-1_000_000}


def test_a_partial_refund_larger_than_what_is_left_is_refused_and_nothing_moves(
    buyer: User, on_sale: Listing, operator: User
) -> None:
    order = downloaded(transfer_order(buyer, on_sale))
    with pytest.raises(SiteError) as refused:
        order_confirm_defect(operator=operator, order=order, comment="결함", refund_supply_krw=1_000_001)
    assert refused.value.code == "bad-refund-amount"
    assert SandboxCharge.objects.get().refunded_krw == 0 and not AmendedTaxInvoice.objects.exists()


def test_before_a_download_the_buyer_gets_only_a_full_refund(buyer: User, on_sale: Listing) -> None:
    from mfgdata.web.orders.refunds import refund_apply

    order = transfer_order(buyer, on_sale)
    with pytest.raises(SiteError) as refused:
        refund_apply(order=order, actor=buyer, reason="일부만", supply_krw=10_000)
    assert refused.value.code == "partial-refund-not-allowed"


def test_the_buyer_reads_the_amended_invoice_as_pdf_and_json_from_the_order_page(
    buyer: User, on_sale: Listing, other_buyer: User
) -> None:
    order = transfer_order(buyer, on_sale)
    order_refund(user=buyer, order=order)
    amended = AmendedTaxInvoice.objects.get()
    client = Client()
    client.force_login(buyer)
    page = client.get(f"/orders/{order.reference}/").content.decode()
    assert "수정세금계산서" in page and amended.number in page and "계약의 해제" in page
    pdf = client.get(f"/orders/{order.reference}/amended/{amended.number}.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert b"NanumGothic" in pdf.content or b"HYGothic" in pdf.content
    data = client.get(f"/orders/{order.reference}/amended/{amended.number}.json").json()
    assert data["total_krw"] == -1_100_000 and data["amendment"]["original_number"] == order.document.number
    # another organisation cannot read it, and a number of another order is not found
    stranger = Client()
    stranger.force_login(other_buyer)
    assert stranger.get(f"/orders/{order.reference}/amended/{amended.number}.json").status_code == 403
    assert client.get(f"/orders/{order.reference}/amended/TI-1999-000001.json").status_code in (400, 404)
