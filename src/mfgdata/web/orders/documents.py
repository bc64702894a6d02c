"""세금계산서 (for transfers) and card receipts: gapless numbers and the structured content the PDF is drawn from."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from mfgdata.web.accounts.business_number import format_business_number
from mfgdata.web.accounts.models import Organisation
from mfgdata.web.orders.models import DocumentCounter, DocumentKind, Order, PaymentMethod, SalesDocument

PREFIX = {DocumentKind.TAX_INVOICE: "TI", DocumentKind.RECEIPT: "RC"}


def _party(organisation: Organisation) -> dict[str, str]:
    return {
        "business_number": format_business_number(organisation.business_number),
        "name": organisation.name,
        "representative": organisation.representative,
        "address": organisation.address,
        "business_type": organisation.business_type,
        "business_item": organisation.business_item,
    }


def next_number(*, kind: str, year: int) -> str:
    """Take the next number of the series under a row lock; a rolled-back transaction gives it back."""
    DocumentCounter.objects.get_or_create(kind=kind, year=year)
    counter = DocumentCounter.objects.select_for_update().get(kind=kind, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{PREFIX[DocumentKind(kind)]}-{year}-{counter.last:06d}"


def document_content(*, order: Order, kind: str, number: str, issue_date: str) -> dict[str, Any]:
    listing = order.listing
    plan_name = order.get_plan_kind_display()
    return {
        "format": "mfgdata-sales-document/1",
        "kind": kind,
        "title": "세금계산서" if kind == DocumentKind.TAX_INVOICE else "매출전표 (카드)",
        "number": number,
        "issue_date": issue_date,
        "approval_number": "",
        "approval_number_note": "국세청 전자세금계산서 발급 후 승인번호가 기재됩니다.",
        "supplier": _party(listing.seller),
        "buyer": _party(order.buyer),
        "lines": [
            {
                "date": issue_date,
                "item": f"{listing.title_ko} v{order.product_version} ({plan_name})",
                "quantity": 1,
                "unit_price_krw": order.supply_krw,
                "supply_krw": order.supply_krw,
                "vat_krw": order.vat_krw,
            }
        ],
        "supply_krw": order.supply_krw,
        "vat_krw": order.vat_krw,
        "total_krw": order.total_krw,
        "payment": {"method": order.method, "method_ko": order.get_method_display()},
        "order": order.reference,
    }


@transaction.atomic
def document_issue(*, order: Order) -> SalesDocument:
    """Issue the order's 세금계산서 (transfer) or card receipt once; a second call returns the first."""
    existing = SalesDocument.objects.filter(order=order).first()
    if existing:
        return existing
    kind = DocumentKind.TAX_INVOICE if order.method == PaymentMethod.TRANSFER else DocumentKind.RECEIPT
    today = timezone.localdate()
    number = next_number(kind=kind, year=today.year)
    content = document_content(order=order, kind=kind, number=number, issue_date=today.isoformat())
    return SalesDocument.objects.create(order=order, kind=kind, number=number, issue_date=today, content=content)
