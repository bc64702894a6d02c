"""수정세금계산서 (amended tax invoice) for a refund of a transfer-paid order.

The rules of 부가가치세법 시행령 제70조 as the national e-invoice system applies them:
- the whole order refunded at once → 사유 **계약의 해제** (수정사유 코드 04): 작성일자 = the day the contract was
  cancelled (the refund), 비고 = the original invoice's 작성일자, amounts with a negative sign;
- a part refunded → 사유 **공급가액 변동** (코드 02): 작성일자 = the day the value changed, only the decrease, negative.
Both name the original invoice (number, 작성일자, 승인번호 once the national system has given one). Numbers come from
the tax-invoice series (`documents.next_number`), so originals and amendments together have no gaps.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from mfgdata.web.orders.documents import next_number
from mfgdata.web.orders.models import AmendedTaxInvoice, DocumentKind, Refund, SalesDocument

REASONS: dict[str, tuple[str, str]] = {
    "04": ("계약의 해제", "contract cancelled"),
    "02": ("공급가액 변동", "supply value changed"),
}


def reason_code_for(refund: Refund) -> str:
    """04 when this one refund undoes the whole order, 02 when it takes off part of its value."""
    return "04" if refund.total_krw == refund.order.total_krw else "02"


def amended_content(*, refund: Refund, original: SalesDocument, number: str, issue_date: str) -> dict[str, Any]:
    """The structured amended invoice (the PDF is drawn from it): the original's parties, negative amounts."""
    code = reason_code_for(refund)
    first = original.content
    item = first["lines"][0]["item"] if first.get("lines") else refund.order.listing.title_ko
    remark = f"당초 작성일자 {first['issue_date']} · 당초 번호 {original.number} · 수정사유 {REASONS[code][0]}"
    return {
        "format": "mfgdata-sales-document/1",
        "kind": "amended_tax_invoice",
        "title": "수정세금계산서",
        "number": number,
        "issue_date": issue_date,
        "approval_number": "",
        "approval_number_note": "국세청 전자세금계산서 발급 후 승인번호가 기재됩니다.",
        "amendment": {
            "code": code,
            "reason_ko": REASONS[code][0],
            "reason_en": REASONS[code][1],
            "original_number": original.number,
            "original_issue_date": first["issue_date"],
            "original_approval_number": original.approval_number,
        },
        "remarks": remark,
        "supplier": first["supplier"],
        "buyer": first["buyer"],
        "lines": [
            {
                "date": issue_date,
                "item": f"{item} — 환불",
                "quantity": 1,
                "unit_price_krw": -refund.supply_krw,
                "supply_krw": -refund.supply_krw,
                "vat_krw": -refund.vat_krw,
            }
        ],
        "supply_krw": -refund.supply_krw,
        "vat_krw": -refund.vat_krw,
        "total_krw": -refund.total_krw,
        "payment": first["payment"],
        "order": refund.order.reference,
    }


def amended_invoice_issue(*, refund: Refund) -> AmendedTaxInvoice | None:
    """Issue the 수정세금계산서 of a refund when the order had a 세금계산서 (transfers); card refunds need none."""
    original = SalesDocument.objects.filter(order=refund.order, kind=DocumentKind.TAX_INVOICE).first()
    if original is None:
        return None
    existing = AmendedTaxInvoice.objects.filter(refund=refund).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    number = next_number(kind=DocumentKind.TAX_INVOICE, year=today.year)
    content = amended_content(refund=refund, original=original, number=number, issue_date=today.isoformat())
    return AmendedTaxInvoice.objects.create(
        refund=refund,
        original=original,
        number=number,
        issue_date=today,
        reason_code=content["amendment"]["code"],
        content=content,
    )
