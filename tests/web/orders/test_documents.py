"""세금계산서 for transfers, card receipts otherwise: content, gapless numbers and a PDF with Hangul."""

from __future__ import annotations

import re

from order_fixtures import checkout, pay

from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.documents import next_number
from mfgdata.web.orders.models import Order
from mfgdata.web.orders.pdf import document_pdf


def test_a_transfer_gets_a_tax_invoice_with_both_parties_and_the_amounts(buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale, method="transfer")
    pay(buyer, order, card="", bank_account="110-123-456789")
    content = Order.objects.get(pk=order.pk).document.content
    assert content["kind"] == "tax_invoice" and content["title"] == "세금계산서"
    assert content["supplier"]["name"] == "한빛정밀"
    assert re.fullmatch(r"\d{3}-\d{2}-\d{5}", content["supplier"]["business_number"])
    assert content["buyer"]["name"] == "대성금속"
    assert (content["supply_krw"], content["vat_krw"], content["total_krw"]) == (1_000_000, 100_000, 1_100_000)
    assert content["lines"][0]["quantity"] == 1 and "도금" in content["lines"][0]["item"]
    assert content["approval_number"] == "" and content["issue_date"]
    assert re.fullmatch(r"TI-\d{4}-000001", content["number"])


def test_a_card_payment_gets_a_receipt(paid_order: Order) -> None:
    assert paid_order.document.kind == "receipt"
    assert paid_order.document.number.startswith("RC-")


def test_numbers_have_no_gaps_even_when_a_transaction_rolls_back(db: None) -> None:
    from django.db import transaction

    first = next_number(kind="tax_invoice", year=2026)
    try:
        with transaction.atomic():
            next_number(kind="tax_invoice", year=2026)
            raise RuntimeError("payment failed after numbering")
    except RuntimeError:
        pass
    second = next_number(kind="tax_invoice", year=2026)
    assert (first, second) == ("TI-2026-000001", "TI-2026-000002")


def test_the_pdf_embeds_a_hangul_font(paid_order: Order) -> None:
    pdf = document_pdf(paid_order.document.content)
    assert pdf.startswith(b"%PDF")
    assert b"NanumGothic" in pdf or b"HYGothic" in pdf
