"""Readers that expose workbooks, Parquet, JSON Lines and signal recordings as the relation `raw`."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from mfgdata.dataset.headers import clean_headers
from mfgdata.dataset.model import FILE_ROW
from mfgdata.dataset.relation import RAW, quote
from mfgdata.dataset.row_numbers import DUCKDB_ROW_NUMBER, clashes_with_row_number
from mfgdata.dataset.textgroup import RawTable
from mfgdata.dataset.timeparse import date_in_name, file_date_sql
from mfgdata.dataset.workbook import read_workbook
from mfgdata.errors import input_error

_FILE = "filename"


def _date_sql(paths: list[Path]) -> str | None:
    if len(paths) > 1:
        return file_date_sql(f"parse_filename({quote(_FILE)})")
    found = date_in_name(paths[0].name)
    return f"DATE '{found}'" if found else None


def _with_file_column(tables: list[pa.Table], paths: list[Path]) -> pa.Table:
    if len(tables) == 1:
        return tables[0]
    stamped = [
        t.append_column(_FILE, pa.array([str(p)] * t.num_rows, pa.string())) for t, p in zip(tables, paths, strict=True)
    ]
    try:
        return pa.concat_tables(stamped, promote_options="permissive")
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        raise input_error(
            "different-schemas",
            paths[0],
            "여러 파일의 열 구성이 서로 다릅니다. 같은 형식의 파일만 함께 지정하세요.",
            "The files do not share one set of columns. Pass only files of the same layout together.",
        ) from error


def read_workbooks(con: duckdb.DuckDBPyConnection, paths: list[Path], chosen: dict[Path, str]) -> tuple[RawTable, int]:
    """Register one sheet of each workbook as `raw` (the `chosen` one, else the first with data).

    Returns the header rows too.
    """
    sheets = [read_workbook(path, chosen.get(path)) for path in paths]
    first = sheets[0]
    headers = clean_headers(first.names)
    header_rows = 2 if first.groups else (1 if any(first.names) else 0)
    tables = [sheet.table.rename_columns([h.name for h in headers][: sheet.table.num_columns]) for sheet in sheets]
    con.register(RAW, _with_file_column(tables, paths))
    file_column = _FILE if len(paths) > 1 else None
    others = [f"{path}#{name}" for path, sheet in zip(paths, sheets, strict=True) for name in sheet.other_sheets]
    raw = RawTable(headers, list(first.groups), _date_sql(paths), file_column, other_parts=others)
    return raw, header_rows


def read_columnar(con: duckdb.DuckDBPyConnection, paths: list[Path], fmt: str) -> RawTable:
    """Parquet or JSON Lines files, streamed by DuckDB, with column names cleaned."""
    files = "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"
    combined = len(paths) > 1
    reader = (
        f"read_parquet({files}, filename={str(combined).lower()})"
        if fmt == "parquet"
        else f"read_json({files}, format='newline_delimited', filename={str(combined).lower()})"
    )
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {reader}").fetchall()
    except duckdb.Error as error:
        detail = str(error).splitlines()[0][:200]
        raise input_error(
            f"unreadable-{fmt}",
            paths[0],
            f"{fmt} 파일을 읽을 수 없습니다 ({detail}). 파일이 손상되지 않았는지 확인하세요.",
            f"The {fmt} file cannot be read ({detail}). Check that it is not damaged.",
        ) from error
    originals = [row[0] for row in described if not (combined and row[0] == _FILE)]
    headers = clean_headers(originals)
    select = [f"{quote(o)} AS {quote(h.name)}" for o, h in zip(originals, headers, strict=True)]
    if combined:
        select.append(quote(_FILE))
    # One Parquet file numbers its rows itself, which is cheaper than a window over the scan (the build
    # numbers every row); DuckDB refuses the option for a file that has a column of that name.
    numbered = fmt == "parquet" and not combined and not any(clashes_with_row_number(str(o)) for o in originals)
    if numbered:
        reader = f"read_parquet({files}, {DUCKDB_ROW_NUMBER} = true)"
        select.append(f"{DUCKDB_ROW_NUMBER} + 1 AS {quote(FILE_ROW)}")
    con.execute(f"CREATE OR REPLACE VIEW {RAW} AS SELECT {', '.join(select)} FROM {reader}")
    file_column = _FILE if combined else None
    return RawTable(headers, [], _date_sql(paths), file_column, row_number=FILE_ROW if numbered else None)


def read_signal_files(con: duckdb.DuckDBPyConnection, paths: list[Path], fmt: str) -> RawTable:
    """MATLAB or TDMS recordings as one long table (group, channel, index, value, sample rate)."""
    # Imported here: scipy.io and nptdms cost a tenth of a second at start-up, needed only for recordings.
    from mfgdata.dataset.signals import read_mat, read_tdms

    read = read_mat if fmt == "mat" else read_tdms
    table = _with_file_column([read(path) for path in paths], paths)
    con.register(RAW, table)
    names = [name for name in table.column_names if name != _FILE]
    return RawTable(clean_headers(names), [], None, _FILE if len(paths) > 1 else None)
