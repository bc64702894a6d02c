"""From the raw relation to the `dataset` view: time columns parsed, times in Asia/Seoul, file names kept.

Every reader first exposes its rows as a relation named `raw` whose column names are already clean;
this module looks at the values, recognises factory time formats and defines the `dataset` view.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from mfgdata.dataset.headers import HeaderName
from mfgdata.dataset.model import FILE_ROW, NUMBERED_RELATION, RELATION, Column, Unparsed
from mfgdata.dataset.numbers import GROUPED_NUMBERS, grouped_number_sql, has_grouped_numbers
from mfgdata.dataset.timeparse import detect_time_format, localize_sql, timestamp_sql

RAW = "raw"
SOURCE_FILE = "source_file"
_SAMPLE_ROWS = 2000
_EXAMPLES = 5


def quote(name: str) -> str:
    """A DuckDB identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def _describe(con: duckdb.DuckDBPyConnection, relation: str) -> dict[str, str]:
    return {row[0]: str(row[1]) for row in con.execute(f"DESCRIBE {relation}").fetchall()}


def _text_samples(con: duckdb.DuckDBPyConnection, text_columns: list[str]) -> dict[str, list[str]]:
    """The first non-empty values of each text column."""
    if not text_columns:
        return {}
    select = ", ".join(quote(name) for name in text_columns)
    rows = con.execute(f"SELECT {select} FROM {RAW} LIMIT {_SAMPLE_ROWS}").fetchall()
    return {
        name: [str(row[index]) for row in rows if row[index] is not None and str(row[index]).strip()]
        for index, name in enumerate(text_columns)
    }


def _parsers(samples: dict[str, list[str]], date_sql: str | None) -> dict[str, tuple[str, str]]:
    """For text columns holding times or formatted numbers: (SQL that parses them, what was recognised)."""
    found: dict[str, tuple[str, str]] = {}
    for name, values in samples.items():
        fmt = detect_time_format(values)
        if fmt is not None:
            described = fmt.describe(date_from_name=not fmt.has_date and date_sql is not None)
            found[name] = (timestamp_sql(quote(name), fmt, date_sql), described)
        elif has_grouped_numbers(values):
            found[name] = (grouped_number_sql(quote(name)), GROUPED_NUMBERS)
    return found


def _unparsed(con: duckdb.DuckDBPyConnection, expressions: dict[str, str]) -> dict[str, Unparsed]:
    """Count and show the values of parsed time columns that did not parse (one scan)."""
    if not expressions:
        return {}
    parts = []
    for name, expression in expressions.items():
        failed = f"{quote(name)} IS NOT NULL AND trim({quote(name)}) <> '' AND ({expression}) IS NULL"
        parts.append(f"count(*) FILTER (WHERE {failed})")
        parts.append(f"(list(DISTINCT {quote(name)}) FILTER (WHERE {failed}))[1:{_EXAMPLES}]")
    row = con.execute(f"SELECT {', '.join(parts)} FROM {RAW}").fetchone() or ()
    result: dict[str, Unparsed] = {}
    for index, name in enumerate(expressions):
        count, examples = row[2 * index], row[2 * index + 1] or []
        result[name] = Unparsed(int(count or 0), tuple(sorted(str(value) for value in examples)))
    return result


def define_dataset_view(
    con: duckdb.DuckDBPyConnection,
    headers: Sequence[HeaderName],
    groups: Sequence[str | None],
    *,
    date_sql: str | None,
    file_column: str | None,
    row_number: str | None = None,
) -> list[Column]:
    """Create the `dataset` view over `raw` and return its columns.

    `date_sql` gives the date for time-of-day columns (from the file name); `file_column` is the raw
    column holding each row's file path when several files were combined; `row_number` is a raw column
    numbering rows in file order, kept (as `FILE_ROW`) in a second view, `NUMBERED_RELATION`.
    """
    types = _describe(con, RAW)
    text_columns = [h.name for h in headers if types.get(h.name) == "VARCHAR"]
    parsers = _parsers(_text_samples(con, text_columns), date_sql)
    parse_sql = {name: sql for name, (sql, _) in parsers.items()}
    unparsed = _unparsed(con, parse_sql)
    select: list[str] = []
    columns: list[Column] = []
    for index, header in enumerate(headers):
        name = header.name
        expression = parse_sql.get(name) or (
            localize_sql(quote(name)) if types.get(name) == "TIMESTAMP" else quote(name)
        )
        select.append(f"{expression} AS {quote(name)}")
        described = parsers[name][1] if name in parsers else None
        group = groups[index] if index < len(groups) else None
        columns.append(
            Column(name, header.original, group, header.unit, header.unit_label, described, unparsed.get(name))
        )
    if file_column is not None:
        select.append(f"parse_filename({quote(file_column)}) AS {SOURCE_FILE}")
        columns.append(Column(SOURCE_FILE, SOURCE_FILE))
    con.execute(f"CREATE OR REPLACE VIEW {RELATION} AS SELECT {', '.join(select)} FROM {RAW}")
    if row_number is not None:
        numbered = ", ".join([*select, f"{quote(row_number)} AS {quote(FILE_ROW)}"])
        con.execute(f"CREATE OR REPLACE VIEW {NUMBERED_RELATION} AS SELECT {numbered} FROM {RAW}")
    return columns
