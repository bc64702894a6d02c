"""Importing the registers the eligibility review consults: the agency's sanctions register (제재처분,
참여제한 with their periods) and the operator's external consulting register (who completed, e.g., the '25
컨설팅(수시), which is not the consulting linked to the programme).

A file is read whole first (`register_files`); if any row is bad nothing is imported. Rows are matched by
사업자등록번호, so a company sanctioned before it joined the site is found when it applies. Importing the same
file twice changes nothing: a row updates the entry with the same key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.statemachine import record_event
from mfgdata.web.programs import permissions
from mfgdata.web.programs.models import ConsultingRecord, RegisterImport, RegisterKind, SanctionEntry
from mfgdata.web.programs.register_files import (
    Column,
    RegisterFileError,
    RowError,
    choice,
    parse_business_number,
    parse_day,
    parse_text,
    read_rows,
)
from mfgdata.web.programs.rule_inputs import consulting_programmes

SANCTION_KINDS = {
    "제재처분": "sanction",
    "참여제한": "participation_ban",
    "sanction": "sanction",
    "participation_ban": "participation_ban",
}
SANCTION_SCOPES = {
    "스마트공장": "smart_factory",
    "스마트공장 보급·확산": "smart_factory",
    "smart_factory": "smart_factory",
    "제조데이터": "manufacturing_data",
    "manufacturing_data": "manufacturing_data",
    "기타 정부지원사업": "government",
    "government": "government",
}
SCOPE_LABELS = {
    "smart_factory": "스마트공장 보급·확산",
    "manufacturing_data": "제조데이터",
    "government": "기타 정부지원사업",
}
YES_NO = {"예": True, "아니오": False, "Y": True, "N": False, "y": True, "n": False, "O": True, "X": False}

BRN = Column("business_number", ("사업자등록번호", "business_number"), parse_business_number)
NAME = Column("name", ("기업명", "name"), parse_text, required=False)
SANCTION_COLUMNS = (
    BRN,
    NAME,
    Column("kind", ("구분", "kind"), choice(SANCTION_KINDS)),
    Column("scope", ("대상사업", "scope"), choice(SANCTION_SCOPES)),
    Column("starts_on", ("시작일", "starts_on"), parse_day),
    Column("ends_on", ("종료일", "ends_on"), parse_day, required=False),
    Column("reason", ("사유", "reason"), parse_text, required=False),
)
CONSULTING_COLUMNS = (
    BRN,
    NAME,
    Column("completed_on", ("완료일", "completed_on"), parse_day, required=False),
    Column("programme_linked", ("상품가공 연계", "programme_linked"), choice(YES_NO), required=False),  # type: ignore[arg-type]
)


def _read(file: UploadedFile, columns: Sequence[Column]) -> tuple[bytes, list[tuple[int, dict[str, Any]]]]:
    data = file.read()
    return data, read_rows(data, file.name or "", columns)


def _refuse_repeats(rows: list[tuple[int, dict[str, Any]]], key: tuple[str, ...]) -> None:
    """The same entry twice in one file is a mistake the importer should see, not a silent last-one-wins."""
    seen: dict[tuple[Any, ...], int] = {}
    errors = []
    for number, row in rows:
        values = tuple(row[k] for k in key)
        if values in seen:
            errors.append(
                RowError(
                    number, "사업자등록번호", f"{seen[values]}행과 같은 항목입니다.", f"repeats row {seen[values]}."
                )
            )
        seen.setdefault(values, number)
    if errors:
        raise RegisterFileError(errors)


def _refuse_backwards_periods(rows: list[tuple[int, dict[str, Any]]]) -> None:
    errors = [
        RowError(number, "종료일", "종료일이 시작일보다 앞섭니다.", "the end date is before the start date.")
        for number, row in rows
        if row["ends_on"] is not None and row["ends_on"] < row["starts_on"]
    ]
    if errors:
        raise RegisterFileError(errors)


def _organisations(rows: list[tuple[int, dict[str, Any]]]) -> dict[str, Organisation]:
    numbers = {row["business_number"] for _, row in rows}
    return {o.business_number: o for o in Organisation.objects.filter(business_number__in=numbers)}


def _imported(user: User, kind: str, file: UploadedFile, data: bytes, rows: int, created: int) -> RegisterImport:
    record = RegisterImport.objects.create(
        kind=kind,
        file_name=(file.name or "")[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        rows=rows,
        created=created,
        imported_by=user,
    )
    record_event(target=record, action=f"import_{kind}", actor=user, comment=f"{rows} rows, {created} new")
    return record


@transaction.atomic
def sanctions_import(*, user: User, file: UploadedFile) -> RegisterImport:
    """The agency imports its sanctions register; every row checked before any is stored."""
    require(permissions.why_not_keep_sanctions(user=user))
    data, rows = _read(file, SANCTION_COLUMNS)
    _refuse_backwards_periods(rows)
    _refuse_repeats(rows, ("business_number", "kind", "scope", "starts_on"))
    known = _organisations(rows)
    created = 0
    for _, row in rows:
        _, is_new = SanctionEntry.objects.update_or_create(
            business_number=row["business_number"],
            kind=row["kind"],
            scope=row["scope"],
            starts_on=row["starts_on"],
            defaults={
                "organisation": known.get(row["business_number"]),
                "ends_on": row["ends_on"],
                "reason": row["reason"] or "",
            },
        )
        created += is_new
    return _imported(user, RegisterKind.SANCTIONS, file, data, len(rows), created)


@transaction.atomic
def consulting_import(
    *, user: User, programme_id: str, consulting_programme: str, file: UploadedFile
) -> RegisterImport:
    """The operator imports who completed an external consulting programme (the one a bonus names)."""
    require(permissions.why_not_operate(user=user, programme_id=programme_id))
    if consulting_programme not in consulting_programmes(programme_id):
        raise RegisterFileError(
            [RowError(1, "-", f"'{consulting_programme}'는 이 사업의 가점 컨설팅이 아닙니다.", "not a bonus here.")]
        )
    data, rows = _read(file, CONSULTING_COLUMNS)
    _refuse_repeats(rows, ("business_number",))
    known = _organisations(rows)
    created = 0
    for _, row in rows:
        _, is_new = ConsultingRecord.objects.update_or_create(
            business_number=row["business_number"],
            programme=consulting_programme,
            defaults={
                "organisation": known.get(row["business_number"]),
                "completed_on": row["completed_on"],
                "programme_linked": bool(row["programme_linked"]),
            },
        )
        created += is_new
    return _imported(user, RegisterKind.CONSULTING, file, data, len(rows), created)
