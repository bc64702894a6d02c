"""XLSX report of a call's money for the operator: a summary, the agreements and every claimed order."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from mfgdata.rules.programme import SEOUL
from mfgdata.web.programs.models import Call
from mfgdata.web.programs.money_selectors import call_agreements, call_claim_lines, call_money


def _summary(sheet: Worksheet, call: Call) -> None:
    money = call_money(call=call)
    sheet.title = "요약"
    rows = [
        ("공고", call.title),
        ("사업 정의", call.programme_id),
        ("예산(원)", money.budget_krw),
        ("협약 정부지원금 합계(원)", money.agreed_krw),
        ("남은 예산(원)", money.left_krw),
        ("협약 수", money.agreements),
        ("원가계산 조정 협약 수", money.adjusted),
        ("지급요청액(반려 제외, 원)", money.claimed_krw),
        ("지급 승인액(원)", money.approved_krw),
        ("승인 대기 지급요청 수", money.claims_waiting),
        ("협약 전 선정 과제 수", money.selected_without_agreement),
    ]
    for row in rows:
        sheet.append(row)


def _agreements(sheet: Worksheet, call: Call) -> None:
    sheet.append(
        ["기관", "사업자등록번호", "상태", "시작일", "종료일", "정부지원금(원)", "현금(원)", "현물(원)", "총사업비(원)"]
    )
    for a in call_agreements(call=call):
        sheet.append(
            [
                a.organisation.name,
                a.organisation.business_number,
                a.get_status_display(),
                a.starts_on,
                a.ends_on,
                a.government_krw,
                a.cash_krw,
                a.in_kind_krw,
                a.total_krw,
            ]
        )


def _claims(sheet: Worksheet, call: Call) -> None:
    sheet.append(
        [
            "지급요청",
            "기관",
            "상태",
            "요청시각(KST)",
            "주문",
            "상품",
            "결제일(KST)",
            "공급가액(원)",
            "정부지원금(원)",
            "증빙",
            "증빙번호",
        ]
    )
    for line in call_claim_lines(call=call):
        claim, order = line.claim, line.order
        paid = order.paid_at.astimezone(SEOUL).strftime("%Y-%m-%d") if order.paid_at else ""
        sheet.append(
            [
                claim.pk,
                claim.organisation.name,
                claim.get_status_display(),
                claim.submitted_at.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M"),
                order.reference,
                order.listing.title_ko,
                paid,
                line.price_krw,
                line.subsidy_krw,
                line.document.get_kind_display(),
                line.document.number,
            ]
        )


def call_money_workbook(*, call: Call) -> bytes:
    """Three sheets: 요약 (budget used), 협약 (one row per agreement), 지급요청 (one row per claimed order)."""
    book = Workbook()
    _summary(book.active, call)
    _agreements(book.create_sheet("협약"), call)
    _claims(book.create_sheet("지급요청"), call)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
