"""XLSX "obligations due" for the programme operator: every open obligation, the earliest deadline first."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import Workbook

from mfgdata.web.oversight.selectors import obligations_due

STATE_KO = {"done": "이행", "due": "기한 내", "overdue": "기한 경과"}


def obligations_workbook(*, programme_id: str, today: date | None = None) -> bytes:
    """One row per open obligation: organisation, its number, the obligation, deadline, state and detail."""
    book = Workbook()
    sheet = book.active
    sheet.title = "의무사항"
    sheet.append(["수행기관", "사업자등록번호", "가공기업", "공고", "의무", "기한", "상태", "내용"])
    for row in obligations_due(programme_id=programme_id, today=today):
        application = row.application
        sheet.append(
            [
                application.organisation.name,
                application.organisation.business_number,
                application.processor.name if application.processor else "",
                application.call.title,
                row.name_ko,
                row.due_on,
                STATE_KO[row.state],
                row.detail_ko,
            ]
        )
    for cell in sheet["F"][1:]:
        cell.number_format = "yyyy-mm-dd"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
