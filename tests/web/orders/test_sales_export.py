"""The seller's sales as XLSX beside the CSV: the same rows, numbers as numbers, refunds counted to the won."""

from __future__ import annotations

import csv
import io

from django.test import Client
from openpyxl import load_workbook
from order_fixtures import checkout, pay

from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import Entitlement, Order


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_xlsx_holds_sales_revenue_refunds_downloads_and_buyers_per_product(
    paid_order: Order, other_buyer: User, on_sale: Listing, operator: User, seller: User
) -> None:
    # given two buying organisations, one download, and a partial refund of 100,000 + 10,000 원
    second = checkout(other_buyer, on_sale, method="transfer")
    pay(other_buyer, second, card="", bank_account="110-123-456789")
    Entitlement.objects.filter(order=paid_order).update(first_download_at=paid_order.paid_at)
    refund = _client(operator).post(
        f"/orders/{paid_order.reference}/defect/", {"comment": "열 누락", "refund_supply_krw": "100,000"}
    )
    assert refund.status_code == 302
    history = _client(paid_order.placed_by).get(f"/orders/{paid_order.reference}/").content.decode()
    assert "결함 확인" in history and "부분 환불" in history and "환불 내역" in history
    # when the seller exports the table
    response = _client(seller).get("/orders/sales.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    # then one row for the product, with integers a spreadsheet can sum, equal to the CSV's row
    assert rows[0][:5] == ("상품", "버전", "주문 수", "구매 기관 수", "공급가액(원)")
    assert rows[1] == ("도금 공정 품질 데이터", on_sale.version, 2, 2, 2_000_000, 2_200_000, 110_000, 0)
    assert sheet["E2"].number_format.startswith("#,##0")
    csv_rows = list(csv.reader(io.StringIO(_client(seller).get("/orders/sales.csv").content.decode("utf-8-sig"))))
    assert [str(value) for value in rows[1]] == csv_rows[1]


def test_an_organisation_without_sales_gets_the_header_only(buyer: User) -> None:
    sheet = load_workbook(io.BytesIO(_client(buyer).get("/orders/sales.xlsx").content)).active
    assert sheet.max_row == 1 and sheet["A1"].value == "상품"


def test_the_export_needs_a_login() -> None:
    assert Client().get("/orders/sales.xlsx").status_code == 302


def test_a_partial_refund_amount_that_is_not_a_number_is_refused(paid_order: Order, operator: User) -> None:
    Entitlement.objects.filter(order=paid_order).update(first_download_at=paid_order.paid_at)
    response = _client(operator).post(
        f"/orders/{paid_order.reference}/defect/", {"comment": "결함", "refund_supply_krw": "십만"}
    )
    assert response.status_code == 400 and "원 단위 숫자" in response.content.decode()
    assert Order.objects.get(pk=paid_order.pk).refunds.count() == 0
