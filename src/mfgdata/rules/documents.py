"""Required documents: which apply to an application, and whether the uploaded ones are present and valid.

Validity "발행일로부터 3개월 이내" is read as: issued on or after the day three calendar months before the
submission date (2026-02-27 → 2025-11-27 or later; 2026-05-31 → 2026-02-28 or later), and not after the
submission date. Only the documents the notice marks so have a validity.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from mfgdata.rules.dates import add_months
from mfgdata.rules.programme import Programme
from mfgdata.rules.schema_base import ApplicantKind
from mfgdata.rules.schema_call import Document
from mfgdata.rules.windows import seoul

FindingKind = Literal["missing", "expired", "issued_after_submission", "issue_date_missing", "unknown_number"]


@dataclass(frozen=True)
class UploadedDocument:
    """A file the applicant uploaded for document `number` (as numbered in the notice)."""

    number: int
    issued_on: date | None = None


@dataclass(frozen=True)
class DocumentFinding:
    """One problem with the documents of an application."""

    kind: FindingKind
    number: int
    name_ko: str
    message_ko: str
    message_en: str


@dataclass(frozen=True)
class DocumentReport:
    """`valid` when every applicable document is there and in date; `findings` say what is not."""

    valid: bool
    required: tuple[int, ...]
    findings: tuple[DocumentFinding, ...]


def applicable_documents(
    programme: Programme, *, participation: str, applicant: ApplicantKind, bonus_claimed: bool
) -> list[Document]:
    """The documents this application must upload: every 필수 one, and the 해당시 ones whose case applies."""
    chosen = []
    for document in programme.documents:
        when = document.applies_when
        if document.requirement == "required" and when is None:
            chosen.append(document)
            continue
        if when is None:
            continue
        if when.participation is not None and participation not in when.participation:
            continue
        if when.applicants is not None and applicant not in when.applicants:
            continue
        if when.bonus_claimed is not None and when.bonus_claimed != bonus_claimed:
            continue
        chosen.append(document)
    return chosen


def submission_day(submitted: date) -> date:
    """The calendar day of a submission in Asia/Seoul (a datetime is converted; a date is kept)."""
    return seoul(submitted).date() if isinstance(submitted, datetime) else submitted


def earliest_valid_issue(document: Document, submitted_on: date) -> date | None:
    """The earliest issue date accepted for `document` submitted on `submitted_on` (None: any date)."""
    if document.validity_months is None:
        return None
    return add_months(submitted_on, -document.validity_months)


def check_documents(
    programme: Programme,
    uploads: Iterable[UploadedDocument],
    *,
    submitted_on: date,
    participation: str,
    applicant: ApplicantKind,
    bonus_claimed: bool = False,
) -> DocumentReport:
    """Whether `uploads` cover the applicable documents, each in date on `submitted_on`.

    `submitted_on` is a date, or an aware datetime whose Asia/Seoul day is used (23:30 UTC is the next day).
    """
    submitted_on = submission_day(submitted_on)
    by_number: dict[int, list[UploadedDocument]] = {}
    for upload in uploads:  # one number may hold several files (국세 및 지방세 완납 증명서 각 1부)
        by_number.setdefault(upload.number, []).append(upload)
    known = {d.number for d in programme.documents}
    needed = applicable_documents(
        programme, participation=participation, applicant=applicant, bonus_claimed=bonus_claimed
    )
    findings = [_unknown(number) for number in sorted(by_number) if number not in known]
    for document in needed:
        files = by_number.get(document.number, [])
        checked = [_validity(document, upload, submitted_on) for upload in files] if files else [_missing(document)]
        findings += [finding for finding in checked if finding is not None]
    return DocumentReport(not findings, tuple(d.number for d in needed), tuple(findings))


def _unknown(number: int) -> DocumentFinding:
    return DocumentFinding(
        "unknown_number", number, "", f"{number}번 서류는 공고에 없습니다", f"document {number} is not in the notice"
    )


def _missing(document: Document) -> DocumentFinding:
    label = "필수" if document.requirement == "required" else "해당시"
    return DocumentFinding(
        "missing",
        document.number,
        document.name.ko,
        f"{document.number}. {document.name.ko}({label})가 없습니다",
        f"{document.number}. {document.name.en} is missing",
    )


def _validity(document: Document, upload: UploadedDocument, submitted_on: date) -> DocumentFinding | None:
    earliest = earliest_valid_issue(document, submitted_on)
    if earliest is None:
        return None
    name = f"{document.number}. {document.name.ko}"
    if upload.issued_on is None:
        return DocumentFinding(
            "issue_date_missing",
            document.number,
            document.name.ko,
            f"{name}: 발행일을 입력하세요",
            f"{document.number}: give the issue date",
        )
    if upload.issued_on > submitted_on:
        return DocumentFinding(
            "issued_after_submission",
            document.number,
            document.name.ko,
            f"{name}: 발행일 {upload.issued_on}이 제출일 {submitted_on} 뒤입니다",
            f"{document.number}: issued {upload.issued_on}, after the submission {submitted_on}",
        )
    if upload.issued_on < earliest:
        months = document.validity_months
        return DocumentFinding(
            "expired",
            document.number,
            document.name.ko,
            f"{name}: 발행일 {upload.issued_on} — 발행일로부터 {months}개월 이내({earliest} 이후 발행)가 아닙니다",
            f"{document.number}: issued {upload.issued_on}, more than {months} months before "
            f"{submitted_on} (must be {earliest} or later)",
        )
    return None
