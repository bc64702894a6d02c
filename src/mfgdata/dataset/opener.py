"""Open raw inputs — files, several files, or a folder — as one Dataset (or an image collection).

A folder holds one dataset: its largest group of same-schema files (e.g. one CSV per day), combined
with a `source_file` column. Files that do not fit that schema (a label list, a readme) are listed in
`source.other_files`, so nothing is silently ignored; profile them on their own.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import duckdb

from mfgdata.dataset.images import (
    IMAGE_SUFFIXES,
    ImageCollection,
    inspect_image,
    looks_like_image_collection,
    open_image_collection,
)
from mfgdata.dataset.model import Column, Dataset, DatasetKind, Source, SourceFile
from mfgdata.dataset.readers import read_columnar, read_signal_files, read_workbooks
from mfgdata.dataset.relation import define_dataset_view
from mfgdata.dataset.text import TextFile, inspect_text
from mfgdata.dataset.textgroup import RawTable, read_text_group
from mfgdata.dataset.timeparse import date_in_name
from mfgdata.errors import InputError, input_error
from mfgdata.hashing import sha256_of

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
COLUMNAR_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
SIGNAL_SUFFIXES = {".mat": "mat", ".tdms": "tdms"}
ARCHIVE_SUFFIXES = {".zip", ".7z", ".rar", ".gz", ".tgz", ".bz2", ".xz", ".tar"}
_NOT_DATA = re.compile(
    r"^(readme|source|license|licence|notice|changelog)\b|\.(md|pdf|docx?|html?|zip|tdms_index)$", re.IGNORECASE
)
_IDENTIFIER = re.compile(r"^[^\s,;\t\"]+$")
MEMORY_LIMIT = os.environ.get("MFGDATA_MEMORY_LIMIT", "1GB")


def file_format(path: Path) -> str:
    """`csv` (any delimited text), `xlsx`, `parquet`, `jsonl`, `mat` or `tdms`, from the suffix."""
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return "xlsx"
    return COLUMNAR_SUFFIXES.get(suffix) or SIGNAL_SUFFIXES.get(suffix) or "csv"


def _missing(path: Path) -> Exception:
    return input_error(
        "path-not-found",
        path,
        "경로가 없습니다. 파일 이름과 폴더 위치를 확인하세요.",
        "The path does not exist. Check the file name and folder.",
    )


def _archive(path: Path) -> Exception:
    return input_error(
        "archive-not-supported",
        path,
        "압축 파일은 바로 읽지 않습니다. 압축을 푼 뒤 그 폴더를 지정하세요.",
        "Archives are not read directly. Extract it and pass the extracted folder.",
    )


def _data_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise _missing(path)
        if path.is_file() and path.suffix.lower() in ARCHIVE_SUFFIXES:
            raise _archive(path)
        if path.is_dir():
            found = [p for p in sorted(path.iterdir()) if p.is_file() and not p.name.startswith(".")]
            files.extend(p for p in found if not _NOT_DATA.search(p.name))
        else:
            files.append(path)
    if not files:
        raise input_error(
            "no-data-files",
            paths[0],
            "폴더에 데이터 파일이 없습니다. CSV·엑셀·Parquet 파일이 있는 폴더를 지정하세요.",
            "The folder has no data files. Point to a folder with CSV, Excel or Parquet files.",
        )
    return files


def _names_file(path: Path, width: int) -> list[str] | None:
    """A small sibling file listing exactly `width` column names, one per line."""
    if path.stat().st_size > 64 * 1024:
        return None
    lines = [line.strip() for line in path.read_text(errors="replace").splitlines() if line.strip()]
    return lines if len(lines) == width and all(_IDENTIFIER.match(line) for line in lines) else None


def _text_groups(files: list[Path]) -> dict[tuple, list[TextFile]]:
    groups: dict[tuple, list[TextFile]] = defaultdict(list)
    for path in files:
        info = inspect_text(path) if len(files) == 1 else _try_inspect(path)
        if info is not None:
            layout = info.layout
            groups[(layout.field_count, layout.header_rows, layout.names)].append(info)
    return groups


def _try_inspect(path: Path) -> TextFile | None:
    try:
        return inspect_text(path)
    except (InputError, OSError):
        return None  # in a folder, an unreadable side file is listed under other_files instead


def _biggest(groups: dict[tuple, list[TextFile]]) -> list[TextFile]:
    return max(groups.values(), key=lambda group: sum(f.path.stat().st_size for f in group))


def _connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'Asia/Seoul'")
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute(f"SET temp_directory = '{tempfile.gettempdir()}/mfgdata-duckdb-spill'")
    return con


def _source(paths: Sequence[Path], fmt: str, used: list[Path], others: list[Path]) -> Source:
    """Where the data came from; text readers add encoding, delimiter and header rows with `replace`."""
    files = tuple(SourceFile(str(p), p.stat().st_size, sha256_of(p), date_from_name=date_in_name(p.name)) for p in used)
    return Source(
        paths=tuple(str(p) for p in paths),
        format=fmt,
        files=files,
        combined=len(used) > 1,
        other_files=tuple(str(p) for p in others),
    )


def _take_names_files(groups: dict[tuple, list[TextFile]]) -> dict[Path, tuple[Path, list[str]]]:
    """Single files that list the column names of a headerless group, removed from `groups`.

    Keyed by the first file of the group they name; each value is the names file and its names.
    """
    found: dict[Path, tuple[Path, list[str]]] = {}
    for key, group in list(groups.items()):
        if key not in groups or group[0].layout.header_rows:
            continue
        for other_key, other in list(groups.items()):
            names = _names_file(other[0].path, group[0].layout.field_count) if len(other) == 1 else None
            if other_key != key and names:
                found[group[0].path] = (other[0].path, names)
                del groups[other_key]
                break
    return found


def _open_text(con: duckdb.DuckDBPyConnection, paths: Sequence[Path], files: list[Path]) -> Dataset:
    groups = _text_groups(files)
    names_files = _take_names_files(groups)
    if not groups:
        raise input_error(
            "no-readable-files",
            paths[0],
            "읽을 수 있는 표 파일이 없습니다. 파일 형식을 확인하세요.",
            "No file could be read as a table. Check the file format.",
        )
    group = _biggest(groups)
    first = group[0]
    names_from, names = names_files.get(first.path, (None, None))
    workdir = Path(tempfile.mkdtemp(prefix="mfgdata-"))
    raw = read_text_group(con, group, workdir, names)
    used = [f.path for f in group]
    others = [p for p in files if p not in used and p != names_from]
    source = replace(
        _source(paths, "csv", used, others),
        encoding=first.encoding,
        delimiter=first.layout.delimiter,
        header_rows=first.layout.header_rows,
        column_names_from=str(names_from) if names_from else None,
        replaced_characters=raw.replaced_characters,
    )
    return _finish(con, raw, source, workdir)


def _finish(
    con: duckdb.DuckDBPyConnection,
    raw: RawTable,
    source: Source,
    workdir: Path | None,
    kind: DatasetKind = "table",
) -> Dataset:
    def define() -> list[Column]:
        return define_dataset_view(
            con, raw.headers, raw.groups, date_sql=raw.date_sql, file_column=raw.file_column, row_number=raw.row_number
        )

    def reread(types: dict[str, str]) -> list[Column]:
        assert raw.csv is not None
        raw.csv.create_raw(con, types)
        return define()

    reader = reread if raw.csv is not None else None
    numbered = raw.row_number is not None
    return Dataset(con, define(), source, kind=kind, workdir=workdir, reread=reader, numbered=numbered)


def _split_sheets(paths: Sequence[Path | str]) -> tuple[list[Path], dict[Path, str]]:
    """`book.xlsx#Sheet2` names one sheet of a workbook; other paths are taken as they are."""
    resolved: list[Path] = []
    sheets: dict[Path, str] = {}
    for given in map(str, paths):
        book, _, sheet = given.rpartition("#")
        if book and not Path(given).exists() and Path(book).suffix.lower() in WORKBOOK_SUFFIXES:
            sheets[Path(book)] = sheet
            given = book
        resolved.append(Path(given))
    return resolved, sheets


def open_dataset(paths: Sequence[Path | str]) -> Dataset:
    """Open tabular or signal inputs as one Dataset; raise InputError with a clear message when they cannot be."""
    resolved, sheets = _split_sheets(paths)
    files = _data_files(resolved)
    by_format: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        by_format[file_format(path)].append(path)
    fmt = max(by_format, key=lambda f: sum(p.stat().st_size for p in by_format[f]))
    chosen = by_format[fmt]
    others = [p for p in files if p not in chosen]
    con = _connect()
    try:
        if fmt == "csv":
            return _open_text(con, resolved, chosen + others)
        if fmt == "xlsx":
            raw, header_rows = read_workbooks(con, chosen, sheets)
            source = _source(resolved, fmt, chosen, others)
            source = replace(source, header_rows=header_rows, other_files=(*source.other_files, *raw.other_parts))
            return _finish(con, raw, source, None)
        if fmt in {"mat", "tdms"}:
            raw = read_signal_files(con, chosen, fmt)
            return _finish(con, raw, replace(_source(resolved, fmt, chosen, others), header_rows=0), None, "signals")
        raw = read_columnar(con, chosen, fmt)
        return _finish(con, raw, _source(resolved, fmt, chosen, others), None)
    except BaseException:
        con.close()
        raise


def _single_image(path: Path) -> ImageCollection:
    """One image file as a collection of one; a file that only has an image's name is refused."""
    record = inspect_image(path, path.name)
    if record.error is not None:
        raise input_error(
            "not-an-image",
            path,
            "이미지 파일이 아니거나 손상되었습니다. 원본 이미지를 다시 받아 지정하세요.",
            f"The file is not a readable image ({record.error}). Fetch the original image again.",
        )
    return ImageCollection(path.parent, "none", (record,), (), {}, unlabelled=1)


def open_source(paths: Sequence[Path | str]) -> Dataset | ImageCollection:
    """A Dataset, or an ImageCollection when the path is a folder of images or one image file."""
    resolved, _ = _split_sheets(paths)
    for path in resolved:
        if not path.exists():
            raise _missing(path)
    if len(resolved) == 1 and resolved[0].is_dir() and looks_like_image_collection(resolved[0]):
        return open_image_collection(resolved[0])
    if len(resolved) == 1 and resolved[0].suffix.lower() in IMAGE_SUFFIXES:
        return _single_image(resolved[0])
    return open_dataset(paths)
