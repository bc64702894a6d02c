"""요건검토 of whole applications: late, expired document, consortium without agreement, sanctioned, clean."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from mfgdata.rules import Programme
from mfgdata.rules.bonuses import TradeEvent
from mfgdata.rules.documents import UploadedDocument
from mfgdata.rules.eligibility import Application, Registers, review_eligibility
from mfgdata.rules.programme import SEOUL
from mfgdata.rules.sanctions import Sanction, SanctionsRegister

FACTS: dict[str, Any] = {
    "domestic": True,
    "manufacturer": True,
    "collects_manufacturing_data": True,
    "dishonoured": False,
    "business_status": "operating",
    "excluded_industry": False,
    "tax_arrears_disposition": False,
    "insolvency_filed": False,
    "externally_audited": False,
    "fully_impaired_capital": False,
    "founded_on": date(2015, 5, 1),
}
FRESH = [UploadedDocument(n, date(2026, 2, 2)) for n in (1, 2, 3, 4, 5, 6, 7)]


def _application(**changes: Any) -> Application:
    values: dict[str, Any] = {
        "organisation_id": "org-1",
        "applicant": "sme",
        "participation": "solo",
        "submitted_at": datetime(2026, 2, 27, 16, 59, 59, tzinfo=SEOUL),
        "facts": FACTS,
        "documents": FRESH,
    } | changes
    return Application(**values)


def test_a_clean_application_passes_and_its_bonus_is_verified(productization: Programme) -> None:
    application = _application(claimed_bonuses=["library_trade"], documents=[*FRESH, UploadedDocument(10)])
    registers = Registers(trades=[TradeEvent("org-1", "sale", date(2025, 12, 1))])
    report = review_eligibility(productization, application, registers)
    assert report.passed and report.reasons_ko == ()
    assert [(b.bonus_id, b.points) for b in report.bonuses] == [("library_trade", 3), ("consulting_2025", 0)]


def test_a_late_submission_fails_with_its_reason(productization: Programme) -> None:
    report = review_eligibility(productization, _application(submitted_at=datetime(2026, 2, 27, 17, tzinfo=SEOUL)))
    assert not report.passed and "마감" in report.reasons_ko[0]


def test_an_expired_document_and_a_consortium_without_agreement(productization: Programme) -> None:
    # Item 2 holds two certificates (국세, 지방세 각 1부): the local-tax one is five months old.
    documents = [*FRESH, UploadedDocument(2, date(2025, 9, 27))]
    application = _application(participation="consortium", partner_kind="processor", documents=documents)
    report = review_eligibility(productization, application)
    assert not report.passed
    assert [(f.kind, f.number) for f in report.documents.findings] == [("expired", 2), ("missing", 9)]
    assert any("컨소시엄 협약서" in r for r in report.reasons_ko)


def test_sanctioned_and_undeclared(productization: Programme) -> None:
    register = SanctionsRegister(
        (Sanction("org-1", "participation_ban", "smart_factory", date(2026, 1, 1), None, "환수"),)
    )
    report = review_eligibility(productization, _application(), Registers(sanctions=register))
    assert not report.passed and any(r.startswith("지원제외 6.") for r in report.reasons_ko)
    undeclared = review_eligibility(productization, _application(facts={"domestic": True}))
    assert not undeclared.passed and any("신고하지 않았습니다" in r for r in undeclared.reasons_ko)
