"""XLSX export of a call's applications for the operator: stage, scores per section, bonus, outcome."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook

from mfgdata.rules.programme import SEOUL
from mfgdata.web.programs.models import Call
from mfgdata.web.programs.rule_inputs import programme_of
from mfgdata.web.programs.selectors import call_queue


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
