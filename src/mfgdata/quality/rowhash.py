"""A content hash of a table's rows, independent of how the file stores them.

The SHA-256 runs over a header (format tag, column names and types) and then every row, in row order, as
DuckDB's JSON text of the row. Parquet metadata (key-value entries such as a buyer fingerprint added at
delivery), row-group sizes, compression and column statistics do not enter it; a changed value, a
reordered, added or removed row, or a renamed or retyped column does.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mfgdata.dataset.row_numbers import numbered_rows
from mfgdata.quality.engine import DuckDBEngine

ROWS_FORMAT = "mfgdata-rows/1"
_BATCH = 65_536


def rows_sha256(parquet: Path) -> str:
    """The content hash of the rows of a Parquet file (streamed, in file order)."""
    engine = DuckDBEngine()
    con = engine.con
    try:
        con.execute("SET preserve_insertion_order = true")
        where = str(parquet).replace("'", "''")
        columns = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{where}')").fetchall()
        digest = hashlib.sha256(f"{ROWS_FORMAT}\n".encode())
        for name, type_name, *_ in columns:
            digest.update(f"{name}\t{type_name}\n".encode())
        packed = ", ".join(f"{_sql_name(str(c[0]))} := {_sql_name(str(c[0]))}" for c in columns)
        numbered = numbered_rows(con, parquet, "__rows_sha256_order")
        reader = con.sql(
            f'SELECT to_json(struct_pack({packed})) AS row_text FROM ({numbered}) ORDER BY "__rows_sha256_order"'
        ).to_arrow_reader(_BATCH)
        for batch in reader:
            texts = batch.column(0).to_pylist()
            digest.update(("\n".join(texts) + "\n").encode())
        return digest.hexdigest()
    finally:
        engine.close()


def _sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
