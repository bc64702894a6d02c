"""Exports: the call's applications for the operator (XLSX: stage, scores per section, bonus, outcome) and the
등록상품 현황 a purchase call publishes as its attachment (CSV, UTF-8 with BOM so Excel opens it)."""

from __future__ import annotations

import csv
from io import BytesIO, StringIO

from openpyxl import Workbook

from mfgdata.rules.programme import SEOUL
from mfgdata.web.programs.models import Call
from mfgdata.web.programs.rule_inputs import programme_of
from mfgdata.web.programs.selectors import call_queue, listed_products


def call_workbook(*, call: Call) -> bytes:
    """One row per submitted application (no evaluator names), columns in the definition's section order."""
    sections = programme_of(call.programme_id).evaluation.sections
    book = Workbook()
    sheet = book.active
    sheet.title = "신청현황"
    sheet.append(
        ["신청기관", "사업자등록번호", "차수", "버전", "제출시각(KST)", "상태", "신청금액(원)", "평균"]
        + [s.name.ko for s in sections]
        + ["가점", "최종점수", "순위", "결과"]
    )
    for application in call_queue(call=call):
        submitted = application.submitted_at
        sheet.append(
            [
                application.organisation.name,
                application.organisation.business_number,
                application.round_id,
                application.version,
                submitted.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M:%S") if submitted else "",
                application.get_status_display(),
                application.requested_krw,
                application.panel.get("base", ""),
            ]
            + [application.panel.get("sections", {}).get(s.id, "") for s in sections]
            + [
                application.bonus_points,
                application.result.get("final_score", ""),
                application.result.get("rank", ""),
                application.result.get("status", ""),
            ]
        )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PRODUCT_COLUMNS = [
    "번호",
    "상품명",
    "판매기업",
    "사업자등록번호",
    "등록 주체",
    "상품 구분",
    "최저가(원, 부가세 별도)",
    "등록일",
]


def listed_products_csv() -> bytes:
    """등록상품 현황: every listed product with its seller, who registered it (a non-profit's subsidy covers only
    manufacturers' products) and its lowest price before VAT."""
    out = StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["번호", "상품명", "판매기업", "사업자등록번호", "등록 주체", "상품 구분", "최저가(원, 부가세 별도)", "등록일"]
    )
    for number, listing in enumerate(listed_products(), start=1):
        listed = listing.listed_at.astimezone(SEOUL).strftime("%Y-%m-%d") if listing.listed_at else ""
        writer.writerow(
            [
                number,
                listing.title_ko,
                listing.seller.name,
                listing.seller.business_number,
                listing.get_registered_as_display(),
                listing.category,
                listing.lowest_price() or "",
                listed,
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
