"""The Dataset: raw inputs opened as one DuckDB relation, with what we learned while reading them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb
import pyarrow as pa

DatasetKind = Literal["table", "signals"]
RELATION = "dataset"
# For a single Parquet file: the same view with each row's number in the file (from 1), in `FILE_ROW`.
NUMBERED_RELATION = "dataset_numbered"
FILE_ROW = "__mfgdata_file_row"


@dataclass(frozen=True)
class SourceFile:
    """One raw file that went into the dataset."""

    path: str
    bytes: int
    sha256: str
    rows: int | None = None
    date_from_name: str | None = None


@dataclass(frozen=True)
class Source:
    """Where the data came from and how it was read."""

    paths: tuple[str, ...]
    format: str
    files: tuple[SourceFile, ...]
    encoding: str | None = None
    delimiter: str | None = None
    header_rows: int = 1
    combined: bool = False
    column_names_from: str | None = None
    other_files: tuple[str, ...] = ()
    replaced_characters: int = 0


@dataclass(frozen=True)
class Unparsed:
    """Values of a time column that could not be read as times: counted and shown, kept as missing."""

    count: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """A column of the dataset: its clean name and what the header and values told us."""

    name: str
    original_name: str
    group: str | None = None
    unit: str | None = None
    unit_label: str | None = None
    value_format: str | None = None  # what a text column was recognised as: time layouts, 1,234.5 numbers
    unparsed: Unparsed | None = None


@dataclass
class Dataset:
    """Raw inputs as one relation named `dataset` in an in-process DuckDB connection.

    The relation streams from the files (or from a normalised UTF-8 copy in `workdir`), so datasets
    larger than memory can be profiled. Close it to free the connection and the copies.
    """

    con: duckdb.DuckDBPyConnection
    columns: list[Column]
    source: Source
    kind: DatasetKind = "table"
    workdir: Path | None = None
    reread: Callable[[dict[str, str]], list[Column]] | None = None
    text_overrides: dict[str, str] = field(default_factory=dict)
    numbered: bool = False  # NUMBERED_RELATION exists: rows numbered by the file, not by a window

    @property
    def relation(self) -> str:
        return RELATION

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    def column(self, name: str) -> Column:
        """The column called `name`."""
        return next(column for column in self.columns if column.name == name)

    def types(self) -> dict[str, str]:
        """DuckDB type of every column, by name."""
        rows = self.con.execute(f"DESCRIBE {RELATION}").fetchall()
        return {row[0]: str(row[1]) for row in rows}

    def row_count(self) -> int:
        """Number of data rows (one scan)."""
        result = self.con.execute(f"SELECT count(*) FROM {RELATION}").fetchone()
        return int(result[0]) if result else 0

    def widen_to_text(self, name: str) -> bool:
        """Re-read a column as text after a value that did not fit the type sniffed from a sample.

        Large files are typed from their first rows; a sensor that logs `ERR` after an hour of numbers
        must not stop the profile. Returns False when the column cannot be widened further.
        """
        if self.reread is None or name in self.text_overrides or name not in self.names:
            return False
        self.text_overrides[name] = "VARCHAR"
        self.columns = self.reread(dict(self.text_overrides))
        return True

    def to_arrow(self) -> pa.Table:
        """The whole dataset as an Arrow table (for small data and tests)."""
        return self.con.sql(f"SELECT * FROM {RELATION}").to_arrow_table()

    def close(self) -> None:
        """Release the connection and remove normalised copies."""
        self.con.close()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
