"""Excel workbooks (`.xlsx`, `.xlsm`, `.xls`) read with python-calamine, guarded against zip bombs."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
from python_calamine import CalamineWorkbook

from mfgdata.dataset.layout import detect_header, forward_fill
from mfgdata.errors import InputError, input_error

MAX_UNCOMPRESSED_BYTES = 2 << 30
MAX_COMPRESSION_RATIO = 200


def check_zip_container(path: Path) -> None:
    """Refuse a truncated workbook or one that would expand far beyond its size (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise input_error(
            "broken-xlsx",
            path,
            "엑셀 파일이 손상되었거나 중간에 잘렸습니다. 엑셀에서 열어 다시 저장하거나 원본을 다시 받으세요.",
            "The Excel file is damaged or truncated. Open and re-save it in Excel, or fetch the original again.",
        ) from error
    expanded = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if expanded > MAX_UNCOMPRESSED_BYTES or expanded / packed > MAX_COMPRESSION_RATIO:
        raise input_error(
            "zip-bomb",
            path,
            f"압축을 풀면 {expanded:,}바이트로 비정상적으로 커지는 파일이라 열지 않았습니다 (압축 폭탄 의심). "
            "원본 데이터를 CSV로 내보내 다시 시도하세요.",
            f"Refused: the file would expand to {expanded:,} bytes (a suspected zip bomb). "
            "Export the original data as CSV and try again.",
        )


@dataclass(frozen=True)
class Sheet:
    """The sheet read from a workbook, and the other sheets that also hold data (not read)."""

    names: list[str]
    groups: list[str | None]
    table: pa.Table
    name: str
    other_sheets: list[str]


def _filled(rows: list[list[Any]]) -> list[list[Any]]:
    return [row for row in rows if any(value not in ("", None) for value in row)]


def _missing_sheet(path: Path, sheet: str, names: list[str]) -> Exception:
    listed = ", ".join(names)
    return input_error(
        "sheet-not-found",
        path,
        f"'{sheet}' 시트가 없습니다. 있는 시트: {listed}. 파일이름.xlsx#시트이름 으로 지정하세요.",
        f"There is no sheet '{sheet}'. Sheets: {listed}. Name one as file.xlsx#sheet.",
    )


def _rows(path: Path, sheet: str | None) -> tuple[str, list[list[Any]], list[str]]:
    """The chosen (or first) sheet with data, its rows, and the names of later sheets with data too."""
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        if sheet is not None and sheet not in workbook.sheet_names:
            raise _missing_sheet(path, sheet, workbook.sheet_names)
        candidates = [sheet] if sheet is not None else workbook.sheet_names
        for index, name in enumerate(candidates):
            rows = _filled(workbook.get_sheet_by_name(name).to_python(skip_empty_area=True))
            if rows:
                later = candidates[index + 1 :]
                others = [n for n in later if _filled(workbook.get_sheet_by_name(n).to_python(nrows=5))]
                return name, rows, others
    except InputError:
        raise
    except Exception as error:  # calamine raises its own error types for damaged workbooks
        raise input_error(
            "unreadable-xlsx",
            path,
            "엑셀 파일을 읽을 수 없습니다. 엑셀에서 열어 .xlsx로 다시 저장한 뒤 시도하세요.",
            "The Excel file cannot be read. Open it in Excel, save it again as .xlsx and retry.",
        ) from error
    raise input_error(
        "empty-file",
        path,
        "엑셀 파일의 모든 시트가 비어 있습니다. 데이터가 있는 시트를 확인하세요.",
        "Every sheet of the workbook is empty. Check which sheet holds the data.",
    )


def _arrow_column(values: list[Any]) -> pa.Array:
    """Numbers stay numbers, Excel dates become timestamps, anything mixed becomes text."""
    present = [v for v in values if v not in ("", None)]
    cleaned = [None if v in ("", None) else v for v in values]
    if present and all(isinstance(v, bool) for v in present):
        return pa.array(cleaned, pa.bool_())
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        whole = all(float(v).is_integer() for v in present)
        return pa.array([None if v is None else (int(v) if whole else float(v)) for v in cleaned])
    if present and all(isinstance(v, dt.datetime | dt.date) for v in present):
        as_datetimes = [
            v if isinstance(v, dt.datetime) or v is None else dt.datetime(v.year, v.month, v.day) for v in cleaned
        ]
        return pa.array(as_datetimes, pa.timestamp("us"))
    return pa.array([None if v is None else _text(v) for v in cleaned], pa.string())


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_workbook(path: Path, sheet: str | None = None) -> Sheet:
    """Header names, group labels and data (as Arrow) of the named sheet, or the first with data."""
    if path.suffix.lower() != ".xls":  # .xls is not a zip container
        check_zip_container(path)
    sheet, rows, others = _rows(path, sheet)
    width = max(len(row) for row in rows)
    rows = [list(row) + [""] * (width - len(row)) for row in rows]
    header_rows = detect_header([[_text(v) for v in row] for row in rows[:12]])
    names = [_text(v) for v in rows[header_rows - 1]] if header_rows else [""] * width
    groups = forward_fill([_text(v) for v in rows[0]]) if header_rows == 2 else []
    data = rows[header_rows:]
    if not data:
        raise input_error(
            "no-data-rows",
            path,
            "머리글만 있고 데이터 행이 없습니다. 데이터가 있는 시트인지 확인하세요.",
            "The sheet has a header but no data rows. Check that it is the sheet with the data.",
        )
    arrays = [_arrow_column([row[index] for row in data]) for index in range(width)]
    table = pa.table(arrays, names=[f"c{index}" for index in range(width)])
    return Sheet(names, groups, table, sheet, others)
