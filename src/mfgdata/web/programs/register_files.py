"""Reading a register file the agency or the operator imports: CSV (UTF-8 with or without BOM, or cp949) or
XLSX, first row the column names. Every bad cell is reported with its row (as Excel numbers it: the header is
row 1) and its column, and nothing is imported while any row is bad — a half-imported register would decide
eligibility and bonuses on a list nobody checked.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from mfgdata.dataset.workbook import check_zip_container
from mfgdata.errors import MfgdataError
from mfgdata.web.accounts.business_number import business_number_is_valid, normalise_business_number
from mfgdata.web.core.errors import SiteError

MAX_BYTES = 5 * 1024 * 1024
MAX_SHOWN = 20


@dataclass(frozen=True)
class RowError:
    """One bad cell (or a missing column: row 1) of an imported file."""

    row: int
    column: str
    message_ko: str
    message_en: str

    def ko(self) -> str:
        return f"{self.row}행 '{self.column}' 열: {self.message_ko}"

    def en(self) -> str:
        return f"row {self.row}, column '{self.column}': {self.message_en}"


class RegisterFileError(SiteError):
    """The file was refused; `errors` lists every bad cell (the message shows the first ones)."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        shown = self.errors[:MAX_SHOWN]
        more_ko = f" 외 {len(self.errors) - MAX_SHOWN}건" if len(self.errors) > MAX_SHOWN else ""
        more_en = f" and {len(self.errors) - MAX_SHOWN} more" if len(self.errors) > MAX_SHOWN else ""
        super().__init__(
            "register-file-invalid",
            "파일에 잘못된 행이 있어 아무것도 가져오지 않았습니다. 고친 뒤 다시 올리세요: "
            + "; ".join(e.ko() for e in shown)
            + more_ko,
            "Nothing was imported because some rows are wrong. Fix them and upload again: "
            + "; ".join(e.en() for e in shown)
            + more_en,
        )


class CellError(ValueError):
    """A cell that cannot be read, with the reason in Korean and English."""

    def __init__(self, ko: str, en: str) -> None:
        super().__init__(en)
        self.ko, self.en = ko, en


def _file_error(ko: str, en: str) -> RegisterFileError:
    return RegisterFileError([RowError(1, "-", ko, en)])


@dataclass(frozen=True)
class Column:
    """One column of a register: its key, the header names accepted, and how a cell is read."""

    key: str
    names: tuple[str, ...]
    parse: Callable[[Any], Any]
    required: bool = True


def read_rows(data: bytes, file_name: str, columns: Sequence[Column]) -> list[tuple[int, dict[str, Any]]]:
    """The file's data rows as `(row number, {column key: parsed value})`, or every bad cell raised at once."""
    if len(data) > MAX_BYTES:
        raise _file_error("파일이 5MB보다 큽니다. 나누어 올리세요.", "The file is larger than 5 MB; split it.")
    table = _xlsx(data) if file_name.lower().endswith((".xlsx", ".xlsm")) else _csv(data)
    table = [row for row in table if any(_blank(v) is False for v in row)]
    if not table:
        raise _file_error("빈 파일입니다.", "The file is empty.")
    header = [str(v or "").strip().lstrip("\ufeff") for v in table[0]]
    where, errors = _locate(header, columns)
    if len(table) == 1:
        errors.append(RowError(2, "-", "데이터 행이 없습니다.", "There are no data rows."))
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        parsed: dict[str, Any] = {}
        for column in columns:
            index = where.get(column.key)
            value = cells[index] if index is not None and index < len(cells) else None
            try:
                parsed[column.key] = _cell(column, value)
            except CellError as error:
                name = header[index] if index is not None else column.names[0]
                errors.append(RowError(number, name, error.ko, error.en))
        rows.append((number, parsed))
    if errors:
        raise RegisterFileError(errors)
    return rows


def _locate(header: list[str], columns: Sequence[Column]) -> tuple[dict[str, int], list[RowError]]:
    where, errors = {}, []
    for column in columns:
        found = [i for i, name in enumerate(header) if name in column.names]
        if found:
            where[column.key] = found[0]
        elif column.required:
            errors.append(
                RowError(1, column.names[0], "필수 열이 없습니다.", f"the required column is missing ({column.key}).")
            )
    return where, errors


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell(column: Column, value: Any) -> Any:
    if _blank(value):
        if column.required:
            raise CellError("값이 비어 있습니다.", "the value is empty.")
        return None
    return column.parse(value.strip() if isinstance(value, str) else value)


def _csv(data: bytes) -> list[list[Any]]:
    text = _decode(data)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as error:
        raise _file_error(f"CSV를 읽을 수 없습니다({error}).", f"The CSV cannot be read ({error}).") from None


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then cp949 (Excel's 'CSV' on Korean Windows); never guessed further."""
    for codec in ("utf-8-sig", "cp949"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise _file_error(
        "UTF-8 또는 cp949(EUC-KR) CSV가 아닙니다. 엑셀에서 'CSV UTF-8'로 저장하거나 XLSX로 올리세요.",
        "Not a UTF-8 or cp949 (EUC-KR) CSV. Save it from Excel as 'CSV UTF-8' or upload the XLSX.",
    )


def _xlsx(data: bytes) -> list[list[Any]]:
    """The first sheet of a workbook, after the zip-bomb guard."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.xlsx"
        path.write_bytes(data)
        try:
            check_zip_container(path)
            workbook = CalamineWorkbook.from_path(str(path))
            return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except MfgdataError as error:
            raise _file_error(error.text.ko, error.text.en) from None
        except (CalamineError, OSError, ValueError, IndexError):
            raise _file_error(
                "엑셀 파일을 읽을 수 없습니다. 엑셀에서 열어 다시 저장하세요.",
                "The Excel file cannot be read. Open and re-save it in Excel.",
            ) from None


_DAY = re.compile(r"^(\d{4})[-./]\s?(\d{1,2})[-./]\s?(\d{1,2})\.?(?:\s+00:00(?::00)?)?$")


def parse_day(value: Any) -> date:
    """A date cell: an Excel date, `2025-03-01`, `2025.3.1`, `2025/03/01` or `20250301`."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    match = _DAY.match(text) or re.match(r"^(\d{4})(\d{2})(\d{2})$", text)
    try:
        if match is None:
            raise ValueError(text)
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise CellError(
            f"날짜 '{text}'를 읽을 수 없습니다. YYYY-MM-DD로 적으세요.",
            f"cannot read the date '{text}'; write YYYY-MM-DD.",
        ) from None


def parse_business_number(value: Any) -> str:
    """A 사업자등록번호 with a correct check digit (hyphens allowed; a number cell from Excel too)."""
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if not business_number_is_valid(text):
        raise CellError(
            f"사업자등록번호 '{text}'가 올바르지 않습니다(10자리, 검증번호 확인).",
            f"'{text}' is not a valid business registration number (10 digits with its check digit).",
        )
    return normalise_business_number(text)


def parse_text(value: Any) -> str:
    return str(value)


def choice(accepted: dict[str, str]) -> Callable[[Any], str]:
    """A cell that must be one of `accepted` (label or id → id); the message lists the labels."""

    def parse(value: Any) -> str:
        found = accepted.get(str(value))
        if found is None:
            labels = ", ".join(dict.fromkeys(k for k in accepted if not k.isascii()))
            raise CellError(
                f"'{value}'는 쓸 수 없습니다. 다음 중 하나: {labels}.", f"'{value}' is not one of: {labels}."
            )
        return found

    return parse
