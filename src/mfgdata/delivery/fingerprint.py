"""A buyer-specific fingerprint in a delivered file, so that a leaked copy can be traced to its buyer.

Parquet files carry it as key-value metadata (`mfgdata.fingerprint`, JSON) — the rows are untouched, so a hash
over the rows (the quality certificate's content hash) still verifies. CSV files cannot hold metadata without
changing their data, so their fingerprint is the entry of the signed delivery manifest that names their sha256.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pyarrow.parquet as pq

from mfgdata.errors import ErrorText, MfgdataError

METADATA_KEY = b"mfgdata.fingerprint"


class FingerprintError(MfgdataError):
    """A file has no fingerprint, or it cannot be read."""


@dataclass(frozen=True)
class Fingerprint:
    """Who a copy was delivered to: the id is a keyed hash the marketplace can look up; the rest is readable."""

    id: str
    buyer_business_number: str
    buyer_name: str
    order: str
    delivered_at: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)


def embed_in_parquet(source: Path, target: Path, fingerprint: Fingerprint) -> None:
    """Copy `source` to `target` with the fingerprint added to the file's key-value metadata (rows unchanged)."""
    table = pq.read_table(source)
    metadata = dict(table.schema.metadata or {})
    metadata[METADATA_KEY] = fingerprint.to_json().encode()
    pq.write_table(table.replace_schema_metadata(metadata), target)


def read_from_parquet(path: Path) -> Fingerprint:
    """The fingerprint a delivered Parquet file carries."""
    try:
        metadata = pq.read_schema(path).metadata or {}
    except Exception as error:
        raise FingerprintError(
            "fingerprint-unreadable",
            ErrorText(ko=f"Parquet 파일을 읽을 수 없습니다: {path}", en=f"Cannot read the Parquet file {path}"),
        ) from error
    raw = metadata.get(METADATA_KEY)
    if raw is None:
        raise FingerprintError(
            "no-fingerprint",
            ErrorText(
                ko=f"{path.name}에 구매자 표식이 없습니다 (거래소에서 내려받은 파일이 아닙니다).",
                en=f"{path.name} carries no buyer fingerprint (not a file delivered by the marketplace).",
            ),
        )
    return Fingerprint(**json.loads(raw))
