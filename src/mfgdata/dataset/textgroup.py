"""Several text files with one schema (e.g. one per day) read as one relation `raw`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from mfgdata.dataset.headers import HeaderName, clean_headers, generated_names
from mfgdata.dataset.relation import RAW, quote
from mfgdata.dataset.text import TextFile, read_csv_call, rewrite_utf8
from mfgdata.dataset.timeparse import date_in_name, file_date_sql
from mfgdata.errors import InputError, input_error

_SAMPLE_ALL_BYTES = 64 << 20
_FILE = "filename"


@dataclass(frozen=True)
class CsvRead:
    """The arguments of one DuckDB read_csv over a file group, kept so it can be re-run with column types."""

    paths: list[str]
    delimiter: str
    skip: int
    names: list[str]
    combined: bool
    sample_all: bool

    def create_raw(self, con: duckdb.DuckDBPyConnection, types: dict[str, str] | None = None) -> None:
        """(Re)define `raw`; `types` overrides the types DuckDB sniffed from its sample."""
        call = read_csv_call(
            self.paths,
            delimiter=self.delimiter,
            skip=self.skip,
            names=self.names,
            with_filename=self.combined,
            types=types,
            sample_all=self.sample_all,
        )
        con.execute(f"CREATE OR REPLACE VIEW {RAW} AS SELECT * FROM {call}")
        con.execute(f"SELECT * FROM {RAW} LIMIT 1").fetchall()


@dataclass(frozen=True)
class RawTable:
    """What a reader hands to the view builder."""

    headers: list[HeaderName]
    groups: list[str | None]
    date_sql: str | None
    file_column: str | None
    csv: CsvRead | None = None
    replaced_characters: int = 0
    other_parts: list[str] = field(default_factory=list)  # e.g. `book.xlsx#Sheet2`: data found but not read
    row_number: str | None = None  # a raw column numbering rows in file order from 1 (one Parquet file)


def _headers(first: TextFile, names_file: list[str] | None) -> list[HeaderName]:
    layout = first.layout
    if layout.header_rows:
        return clean_headers(list(layout.names))
    if names_file is not None:
        return clean_headers(names_file)
    return generated_names(layout.field_count)


def _date_sql(files: list[TextFile], combined: bool) -> str | None:
    if combined:
        return file_date_sql(f"parse_filename({quote(_FILE)})")
    found = date_in_name(files[0].path.name)
    return f"DATE '{found}'" if found else None


def read_text_group(
    con: duckdb.DuckDBPyConnection, files: list[TextFile], workdir: Path, names_file: list[str] | None
) -> RawTable:
    """Create `raw` over the files, rewriting them to UTF-8 CSV when DuckDB cannot read them as they are."""
    first = files[0]
    headers = _headers(first, names_file)
    names = [header.name for header in headers]
    combined = len(files) > 1
    skip = first.layout.header_rows
    sample_all = sum(f.path.stat().st_size for f in files) <= _SAMPLE_ALL_BYTES
    groups = list(first.layout.groups)
    date_sql = _date_sql(files, combined)
    if not any(f.needs_rewrite for f in files):
        direct = CsvRead([str(f.path) for f in files], first.layout.delimiter, skip, names, combined, sample_all)
        try:
            direct.create_raw(con)
            return RawTable(headers, groups, date_sql, _file(combined), direct)
        except duckdb.Error:
            pass  # strict CSV rules failed somewhere: the rewrite below finds and names the bad line
    copies = [workdir / str(i) / f.path.name for i, f in enumerate(files)]
    replaced = sum(rewrite_utf8(f, copy) for f, copy in zip(files, copies, strict=True))
    rewritten = CsvRead([str(copy) for copy in copies], ",", skip, names, combined, sample_all)
    try:
        rewritten.create_raw(con)
    except duckdb.Error as error:
        raise unreadable_text(first.path, error) from error
    return RawTable(headers, groups, date_sql, _file(combined), rewritten, replaced)


def _file(combined: bool) -> str | None:
    return _FILE if combined else None


def unreadable_text(path: Path, error: Exception) -> InputError:
    """DuckDB could not read a file even after normalisation: say so with its first line."""
    detail = str(error).splitlines()[0][:200]
    return input_error(
        "unreadable-text",
        path,
        f"표 형식으로 읽을 수 없습니다 ({detail}). 파일이 CSV 형식인지, 구분자와 따옴표가 맞는지 확인하세요.",
        f"The file cannot be read as a table ({detail}). Check that it is a CSV and that its delimiters "
        "and quotes are consistent.",
    )
