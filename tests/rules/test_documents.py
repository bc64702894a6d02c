"""Required documents: 필수/해당시 per application, and 발행일로부터 3개월 이내 on the submission date."""

from __future__ import annotations

from datetime import UTC, date, datetime

from mfgdata.rules import Programme
from mfgdata.rules.documents import UploadedDocument, applicable_documents, check_documents

SUBMITTED = date(2026, 2, 27)


def _all(productization: Programme, issued: date, *numbers: int) -> list[UploadedDocument]:
    return [UploadedDocument(n, issued) for n in numbers]


def test_which_documents_apply(productization: Programme) -> None:
    def numbers(participation: str, bonus: bool) -> list[int]:
        found = applicable_documents(productization, participation=participation, applicant="sme", bonus_claimed=bonus)
        return [d.number for d in found]

    assert numbers("solo", False) == [1, 2, 3, 4, 5, 6, 7]
    assert numbers("consortium", False) == [1, 2, 3, 4, 5, 6, 7, 9]
    assert numbers("consortium", True) == [1, 2, 3, 4, 5, 6, 7, 9, 10]


def test_issued_exactly_three_months_before_is_valid_and_a_day_earlier_is_not(productization: Programme) -> None:
    uploads = _all(productization, date(2025, 11, 27), 1, 2, 3, 4, 5, 6, 7)
    assert check_documents(productization, uploads, submitted_on=SUBMITTED, participation="solo", applicant="sme").valid
    uploads = _all(productization, date(2025, 11, 26), 1, 2, 3, 4, 5, 6, 7)
    report = check_documents(productization, uploads, submitted_on=SUBMITTED, participation="solo", applicant="sme")
    assert not report.valid
    assert [(f.kind, f.number) for f in report.findings] == [
        ("expired", 2),
        ("expired", 3),
        ("expired", 4),
        ("expired", 6),
    ]
    assert "2025-11-27" in report.findings[0].message_ko


def test_documents_without_validity_may_be_old(productization: Programme) -> None:
    fresh = _all(productization, date(2026, 2, 1), 2, 3, 4, 6)
    old = _all(productization, date(2024, 1, 1), 1, 5, 7)
    report = check_documents(productization, fresh + old, submitted_on=SUBMITTED, participation="solo", applicant="sme")
    assert report.valid


def test_a_document_issued_four_months_earlier_or_after_submission(productization: Programme) -> None:
    uploads = [*_all(productization, date(2026, 2, 1), 1, 3, 4, 5, 6, 7), UploadedDocument(2, date(2025, 10, 27))]
    report = check_documents(productization, uploads, submitted_on=SUBMITTED, participation="solo", applicant="sme")
    assert [(f.kind, f.number) for f in report.findings] == [("expired", 2)]
    uploads = [*_all(productization, date(2026, 2, 1), 1, 3, 4, 5, 6, 7), UploadedDocument(2, date(2026, 2, 28))]
    report = check_documents(productization, uploads, submitted_on=SUBMITTED, participation="solo", applicant="sme")
    assert [f.kind for f in report.findings] == ["issued_after_submission"]


def test_month_end_submission_clamps_three_months_back(productization: Programme) -> None:
    uploads = _all(productization, date(2026, 2, 28), 1, 2, 3, 4, 5, 6, 7)
    assert check_documents(
        productization, uploads, submitted_on=date(2026, 5, 31), participation="solo", applicant="sme"
    ).valid
    uploads = _all(productization, date(2026, 2, 27), 1, 2, 3, 4, 5, 6, 7)
    assert not check_documents(
        productization, uploads, submitted_on=date(2026, 5, 31), participation="solo", applicant="sme"
    ).valid


def test_a_consortium_without_its_agreement_and_an_unknown_item_8(productization: Programme) -> None:
    uploads = [*_all(productization, date(2026, 2, 1), 1, 2, 3, 4, 5, 6, 7), UploadedDocument(8)]
    report = check_documents(
        productization, uploads, submitted_on=SUBMITTED, participation="consortium", applicant="sme"
    )
    assert [(f.kind, f.number) for f in report.findings] == [("unknown_number", 8), ("missing", 9)]
    assert "컨소시엄 협약서" in report.findings[1].message_ko and "해당시" in report.findings[1].message_ko


def test_a_validity_document_without_issue_date(purchase: Programme) -> None:
    uploads = [UploadedDocument(n, date(2023, 7, 1)) for n in (1, 2, 3, 5, 6)] + [UploadedDocument(4)]
    report = check_documents(
        purchase, uploads, submitted_on=date(2023, 7, 31), participation="solo", applicant="nonprofit"
    )
    assert [(f.kind, f.number) for f in report.findings] == [("issue_date_missing", 4)]


def test_a_submission_time_counts_by_its_day_in_seoul(productization: Programme) -> None:
    uploads = _all(productization, date(2025, 11, 27), 1, 2, 3, 4, 5, 6, 7)
    # 2026-02-27 16:00 UTC is 2026-02-28 01:00 in Seoul: three months back is then 2025-11-28.
    late_evening = datetime(2026, 2, 27, 16, 0, tzinfo=UTC)
    report = check_documents(productization, uploads, submitted_on=late_evening, participation="solo", applicant="sme")
    assert not report.valid and report.findings[0].kind == "expired"
