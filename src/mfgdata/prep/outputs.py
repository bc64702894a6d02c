"""Write the prepared data (Parquet, and CSV in UTF-8 with BOM for Excel) and publish a build atomically.

Files are written into `build/.tmp-…` and moved into place only when everything was written, so an
interrupted build leaves the previous `build/data/` and `build/lineage.json` as they were. Rows are
written in the recipe's order (`ORDER BY` the hidden row number, with DuckDB's insertion order kept), so
two builds of the same inputs give the same bytes whatever the number of threads: DuckDB cuts Parquet row
groups from the ordered stream, not by which thread finishes first (checked: identical files at 1 and 2
threads, 2M and 10M rows; the build tests compare two builds byte for byte). One build at a time per project.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb

from mfgdata.hashing import sha256_of
from mfgdata.prep.engine import count_rows
from mfgdata.prep.schema import ROW, Schema, literal, quote

T = TypeVar("T")
DATA = "data"
LINEAGE = "lineage.json"
CONTRACT = "contract.yaml"
BOM = b"\xef\xbb\xbf"
_STAGING, _OLD = ".tmp-", ".old-"


@dataclass(frozen=True)
class OutputFile:
    """A written data file, relative to the build folder."""

    path: str
    format: str
    sha256: str
    bytes: int
    rows: int


def _write_csv(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    """CSV with a header, UTF-8 with BOM so Excel shows Hangul.

    DuckDB writes no BOM, so the first column is named with one in front: the header then begins with the
    BOM's bytes and the file is written once. When it does not (a first name DuckDB quotes, the quote coming
    before the BOM), the file is written plain and copied behind a BOM; both give the same bytes.
    """
    names = [name for name, _ in _column_types(con, query)]
    if names and names[0]:
        first = f"{quote(names[0])} AS {quote(BOM.decode() + names[0])}"
        marked = f"SELECT {', '.join([first, *map(quote, names[1:])])} FROM ({query})"
        con.execute(f"COPY ({marked}) TO {literal(str(path))} (FORMAT csv, HEADER true)")
        with path.open("rb") as written:
            if written.read(len(BOM)) == BOM:
                return
    plain = path.with_suffix(".plain.csv")
    con.execute(f"COPY ({query}) TO {literal(str(plain))} (FORMAT csv, HEADER true)")
    with path.open("wb") as target, plain.open("rb") as source:
        target.write(BOM)
        shutil.copyfileobj(source, target, 1 << 20)
    plain.unlink()


def _write_parquet(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    con.execute(f"COPY ({query}) TO {literal(str(path))} (FORMAT parquet)")


def write_data(
    con: duckdb.DuckDBPyConnection, table: str, schema: Schema, folder: Path, slug: str, *, in_row_order: bool = False
) -> list[OutputFile]:
    """`<slug>.parquet` and `<slug>.csv` from `table` in row order, into `folder`.

    `in_row_order` says the table is stored in row order already (the last table of a run), so it is
    scanned as it is (DuckDB keeps insertion order) instead of sorted once per file.
    """
    folder.mkdir(parents=True, exist_ok=True)
    order = "" if in_row_order else f" ORDER BY {quote(ROW)}"
    query = f"SELECT {', '.join(quote(n) for n in schema.names)} FROM {table}{order}"
    rows = count_rows(con, table)
    parquet, csv = folder / f"{slug}.parquet", folder / f"{slug}.csv"
    _write_parquet(con, query, parquet)
    _write_csv(con, _csv_source(con, query, parquet), csv)
    return [
        OutputFile(f"{folder.name}/{path.name}", fmt, sha256_of(path), path.stat().st_size, rows)
        for fmt, path in (("parquet", parquet), ("csv", csv))
    ]


def _column_types(con: duckdb.DuckDBPyConnection, query: str) -> list[tuple[str, str]]:
    return [(str(row[0]), str(row[1])) for row in con.execute(f"DESCRIBE {query}").fetchall()]


def _csv_source(con: duckdb.DuckDBPyConnection, query: str, parquet: Path) -> str:
    """What the CSV is written from: the Parquet file just written, when it gives back every column with the
    same type (so the same values, formatted the same way), else the table again.

    Reading the file back is cheaper than scanning the last table, which at the memory limit lies partly on
    disk in DuckDB's spill folder (at 10M rows: 23 s against 34 s for the CSV). A single Parquet file is read
    in file order, which is row order. Types Parquet stores as others (HUGEINT, ENUM, …) keep the table.
    """
    written = f"SELECT * FROM read_parquet({literal(str(parquet))})"
    return written if _column_types(con, written) == _column_types(con, query) else query


def _recover(build_dir: Path) -> None:
    """Tidy what an interrupted build left: put a moved-aside previous data folder back, drop staging."""
    for leftover in sorted(build_dir.glob(f"{_OLD}*")):
        if not (build_dir / DATA).exists():
            leftover.rename(build_dir / DATA)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in build_dir.glob(f"{_STAGING}*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _swap(build_dir: Path, staging: Path) -> None:
    data, old = build_dir / DATA, build_dir / (_OLD + staging.name[len(_STAGING) :])
    if data.exists():
        data.rename(old)
    try:
        (staging / DATA).rename(data)
    except BaseException:
        if old.exists():
            old.rename(data)
        raise
    os.replace(staging / LINEAGE, build_dir / LINEAGE)
    if (staging / CONTRACT).exists():
        os.replace(staging / CONTRACT, build_dir / CONTRACT)
    shutil.rmtree(old, ignore_errors=True)


def publish(build_dir: Path, write: Callable[[Path], T]) -> T:
    """Call `write(staging)` to fill a staging folder with `data/`, `lineage.json` and `contract.yaml`, then
    swap them in."""
    build_dir.mkdir(parents=True, exist_ok=True)
    _recover(build_dir)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=build_dir))
    try:
        result = write(staging)
        _swap(build_dir, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result
