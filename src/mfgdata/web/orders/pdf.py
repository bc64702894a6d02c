"""The PDF of a 세금계산서 or card receipt, drawn from its structured content with a Hangul font.

NanumGothic (Debian `fonts-nanum`, installed by `make fonts`) is embedded when present; otherwise ReportLab's
built-in CID font HYGothic-Medium is used (Hangul still shows, in readers that have the Korean CID fonts).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

NANUM = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")


def hangul_font() -> str:
    """Register (once) and name the font used for Korean text."""
    if NANUM.exists():
        if "NanumGothic" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("NanumGothic", str(NANUM)))
        return "NanumGothic"
    if "HYGothic-Medium" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("HYGothic-Medium"))
    return "HYGothic-Medium"


def _won(amount: int) -> str:
    return f"{amount:,}원"


def _party_rows(label: str, party: dict[str, str]) -> list[list[str]]:
    return [
        [label, "등록번호", party["business_number"], "상호", party["name"]],
        ["", "대표자", party["representative"], "주소", party["address"]],
        ["", "업태", party.get("business_type") or "-", "종목", party.get("business_item") or "-"],
    ]


def _closing(content: dict[str, Any]) -> str:
    """Under the totals: an amended invoice's negative amounts are what was given back."""
    if content.get("kind") == "amended_tax_invoice":
        return "음(-)의 금액은 당초 세금계산서에서 차감(환불)된 금액입니다"
    return "이 금액을 영수함"


def document_pdf(content: dict[str, Any]) -> bytes:
    """A one-page A4 PDF of the document."""
    font = hangul_font()
    buffer = io.BytesIO()
    page = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{content['title']} {content['number']}",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
    )
    heading = ParagraphStyle("h", fontName=font, fontSize=18, leading=24)
    body = ParagraphStyle("b", fontName=font, fontSize=9, leading=13)
    parties = Table(
        _party_rows("공급자", content["supplier"]) + _party_rows("공급받는자", content["buyer"]),
        colWidths=[22 * mm, 20 * mm, 50 * mm, 16 * mm, 72 * mm],
    )
    lines = [["일자", "품목", "수량", "단가", "공급가액", "세액"]] + [
        [
            ln["date"],
            ln["item"],
            str(ln["quantity"]),
            _won(ln["unit_price_krw"]),
            _won(ln["supply_krw"]),
            _won(ln["vat_krw"]),
        ]
        for ln in content["lines"]
    ]
    items = Table(lines, colWidths=[22 * mm, 70 * mm, 12 * mm, 25 * mm, 25 * mm, 26 * mm])
    totals = Table(
        [
            [
                "공급가액",
                _won(content["supply_krw"]),
                "부가세",
                _won(content["vat_krw"]),
                "합계",
                _won(content["total_krw"]),
            ]
        ]
    )
    style = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
    )
    for table in (parties, items, totals):
        table.setStyle(style)
    approval = content.get("approval_number") or content.get("approval_number_note", "")
    story = [
        Paragraph(content["title"], heading),
        Paragraph(f"번호 {content['number']} · 작성일자 {content['issue_date']} · 주문 {content['order']}", body),
        Paragraph(f"승인번호: {approval}", body),
        *([Paragraph(f"비고: {content['remarks']}", body)] if content.get("remarks") else []),
        Spacer(1, 4 * mm),
        parties,
        Spacer(1, 4 * mm),
        items,
        Spacer(1, 4 * mm),
        totals,
        Spacer(1, 4 * mm),
        Paragraph(f"결제수단: {content['payment']['method_ko']} · {_closing(content)}", body),
    ]
    page.build(story)
    return buffer.getvalue()
