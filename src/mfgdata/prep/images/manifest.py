"""The manifest: one row per usable image of a collection, as a DuckDB table the recipe's steps run on.

Columns: `path` (relative to the collection), `label`, `split_source` (the split folder the image was
found in, if any), `format`, `width`, `height`, `bytes` and `sha256` of the source file. Unreadable images
are left out and returned as skipped, with their reasons.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from mfgdata.dataset import Column, Dataset, Source
from mfgdata.dataset.images import ImageCollection, ImageRecord
from mfgdata.dataset.model import RELATION
from mfgdata.hashing import sha256_of

_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("label", pa.string()),
        ("split_source", pa.string()),
        ("format", pa.string()),
        ("width", pa.int32()),
        ("height", pa.int32()),
        ("bytes", pa.int64()),
        ("sha256", pa.string()),
    ]
)


@dataclass(frozen=True)
class Manifest:
    """The opened manifest with what it was made from: usable records by path, skipped ones, input hash."""

    dataset: Dataset
    records: dict[str, ImageRecord]
    sha256: dict[str, str]
    skipped: tuple[ImageRecord, ...]
    collection_sha256: str
    collection_bytes: int
    files: int


def combined_sha256(hashes: list[str]) -> str:
    """One digest for a set of files: the SHA-256 of their sorted hex digests, one per line."""
    return hashlib.sha256("\n".join(sorted(hashes)).encode("ascii")).hexdigest()


def open_manifest(collection: ImageCollection) -> Manifest:
    """Hash every image, put the usable ones in a `dataset` table (path order) and return the manifest.

    The connection runs on one thread, so the table's row order (and the hidden row number the steps
    use) is the path order every time.
    """
    hashes = {record.path: sha256_of(collection.root / record.path) for record in collection.records}
    usable = [record for record in collection.records if record.error is None]
    table = pa.Table.from_pylist(
        [
            {
                "path": r.path,
                "label": r.label,
                "split_source": r.split,
                "format": r.format,
                "width": r.width,
                "height": r.height,
                "bytes": r.bytes,
                "sha256": hashes[r.path],
            }
            for r in usable
        ],
        schema=_SCHEMA,
    )
    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.register("__mfgdata_manifest", table)
    con.execute(f"CREATE TABLE {RELATION} AS SELECT * FROM __mfgdata_manifest")
    con.unregister("__mfgdata_manifest")
    root = str(collection.root)
    source = Source(paths=(root,), format="images", files=())
    dataset = Dataset(con, [Column(name, name) for name in _SCHEMA.names], source, kind="table")
    return Manifest(
        dataset=dataset,
        records={record.path: record for record in usable},
        sha256=hashes,
        skipped=tuple(record for record in collection.records if record.error is not None),
        collection_sha256=combined_sha256(list(hashes.values())),
        collection_bytes=sum(record.bytes for record in collection.records),
        files=len(collection.records),
    )
