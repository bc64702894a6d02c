"""Write the prepared data (Parquet, and CSV in UTF-8 with BOM for Excel) and publish a build atomically.

Files are written into `build/.tmp-…` and moved into place only when everything was written, so an
interrupted build leaves the previous `build/data/` and `build/lineage.json` as they were. Rows are
written in the recipe's order (`ORDER BY` the hidden row number, with DuckDB's insertion order kept), so
two builds of the same inputs give the same bytes whatever the number of threads: DuckDB cuts Parquet row
groups from the ordered stream, not by which thread finishes first (checked: identical files at 1 and 2
threads, 2M and 10M rows; the build tests compare two builds byte for byte). The CSV is written from the
Parquet file in row ranges at once, one per thread, and joined: DuckDB writes one CSV on one thread, and its
CSV bytes depend only on the values and types, which Parquet keeps (checked; a type it does not keep, such as
HUGEINT, falls back to one COPY from the table). One build at a time per project.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb

from mfgdata.hashing import sha256_of
from mfgdata.prep.engine import count_rows, one_row
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


def _write_csv(con: duckdb.DuckDBPyConnection, query: str, path: Path, parquet: Path, rows: int) -> None:
    """CSV with a header, UTF-8 with BOM so Excel shows Hangul: `query`'s rows, as written to `parquet`.

    From the Parquet file (in parallel ranges) when it reads back with the query's types, else from the query.
    """
    if _reads_back(con, parquet, query):
        _csv_from_parquet(con, parquet, rows, path)
    else:
        _csv_from_query(con, query, path)


def _csv_from_query(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    """The CSV of a query, written in order by one COPY."""
    plain = path.with_suffix(".plain.csv")
    con.execute(f"COPY ({query}) TO {literal(str(plain))} (FORMAT csv, HEADER true)")
    _concatenate(path, [plain])


def _concatenate(path: Path, parts: list[Path]) -> None:
    """`path` = BOM + the parts in order; the parts are removed."""
    with path.open("wb") as target:
        target.write(BOM)
        for part in parts:
            with part.open("rb") as source:
                shutil.copyfileobj(source, target, 1 << 20)
            part.unlink()


def _write_parquet(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    con.execute(f"COPY ({query}) TO {literal(str(path))} (FORMAT parquet)")


def _reads_back(con: duckdb.DuckDBPyConnection, parquet: Path, query: str) -> bool:
    """True when the Parquet file reads back with the query's column names and types (so its values are the
    same and print the same in CSV); not so for e.g. HUGEINT or ENUM, which Parquet stores as other types."""
    written = con.execute(f"DESCRIBE SELECT * FROM read_parquet({literal(str(parquet))})").fetchall()
    expected = con.execute(f"DESCRIBE {query}").fetchall()
    return [row[:2] for row in written] == [row[:2] for row in expected]


def _csv_from_parquet(con: duckdb.DuckDBPyConnection, parquet: Path, rows: int, path: Path) -> None:
    """The CSV of a written Parquet file, in row ranges written at once on the connection's threads.

    DuckDB writes a CSV in order on one thread; each range (by `file_row_number`) is written in order by
    its own cursor and the files are joined, so the bytes are those of one COPY of the whole file.
    """
    threads = int(one_row(con, "SELECT current_setting('threads')")[0])
    zone, progress = one_row(con, "SELECT current_setting('TimeZone'), current_setting('enable_progress_bar')")
    count = max(1, min(threads, rows // 100_000))
    bounds = [rows * i // count for i in range(count + 1)]
    parts = [path.with_suffix(f".part{i}.csv") for i in range(count)]
    source = f"read_parquet({literal(str(parquet))}, file_row_number = true)"

    def write_part(i: int) -> None:
        cursor = con.cursor()
        try:
            cursor.execute(f"SET TimeZone = {literal(str(zone))}")  # a cursor starts with its own settings
            cursor.execute(f"SET enable_progress_bar = {'true' if progress else 'false'}")
            ranged = (
                f"SELECT * EXCLUDE (file_row_number) FROM {source} "
                f"WHERE file_row_number >= {bounds[i]} AND file_row_number < {bounds[i + 1]}"
            )
            header = "true" if i == 0 else "false"
            cursor.execute(f"COPY ({ranged}) TO {literal(str(parts[i]))} (FORMAT csv, HEADER {header})")
        finally:
            cursor.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(write_part, range(count)))
    _concatenate(path, parts)


def write_data(
    con: duckdb.DuckDBPyConnection, table: str, schema: Schema, folder: Path, slug: str, *, in_row_order: bool = False
) -> list[OutputFile]:
    """`<slug>.parquet` and `<slug>.csv` from `table` in row order, into `folder`.

    `in_row_order` says the table is stored in row order already (the last table of a run), so it is
    scanned as it is (DuckDB keeps insertion order) instead of sorted once per file. The CSV is written
    from the Parquet file (in parallel ranges) when that reads back with the same types, else from `table`.
    """
    folder.mkdir(parents=True, exist_ok=True)
    order = "" if in_row_order else f" ORDER BY {quote(ROW)}"
    query = f"SELECT {', '.join(quote(n) for n in schema.names)} FROM {table}{order}"
    rows = count_rows(con, table)
    parquet, csv = folder / f"{slug}.parquet", folder / f"{slug}.csv"
    _write_parquet(con, query, parquet)
    _write_csv(con, query, csv, parquet, rows)
    return [
        OutputFile(f"{folder.name}/{path.name}", fmt, sha256_of(path), path.stat().st_size, rows)
        for fmt, path in (("parquet", parquet), ("csv", csv))
    ]


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
