"""What `mfgdata fingerprint FILE` reports: the buyer a delivered file was made for, and whether it is intact.

A Parquet file names its buyer itself (key-value metadata). Any file is also looked up, by its sha256, in the
delivery manifest beside it (or given with `--manifest`), whose Ed25519 signature is checked first.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from mfgdata.delivery import manifest as delivery_manifest
from mfgdata.delivery.fingerprint import FingerprintError, read_from_parquet
from mfgdata.errors import ErrorText

MANIFEST_NAME = "delivery-manifest.json"


def find_manifest(path: Path) -> Path | None:
    """The nearest `delivery-manifest.json` in the file's folder or up to three folders above it."""
    for folder in [path.parent, *path.parent.parents][:4]:
        candidate = folder / MANIFEST_NAME
        if candidate.is_file():
            return candidate
    return None


def describe(path: Path, manifest_path: Path | None = None, public_key: str | None = None) -> dict[str, Any]:
    """The file's fingerprint and, when a manifest is found, its verified manifest entry."""
    report: dict[str, Any] = {"file": str(path), "sha256": delivery_manifest.sha256_of(path)}
    if path.suffix == ".parquet":
        report["embedded"] = asdict(read_from_parquet(path))
    manifest_path = manifest_path or find_manifest(path)
    if manifest_path is not None:
        document = delivery_manifest.load(manifest_path)
        delivery_manifest.verify(document, public_key)
        entry = delivery_manifest.entry_for(document, path)
        report["manifest"] = {
            "path": str(manifest_path),
            "signature": "verified",
            "key_id": document["signature"]["key_id"],
            "trusted_key_given": public_key is not None,
            "buyer": document.get("buyer"),
            "order": document.get("order"),
            "entry": entry,
        }
    if "embedded" not in report and "manifest" not in report:
        raise FingerprintError(
            "no-fingerprint",
            ErrorText(
                ko=f"{path.name}의 구매자 표식이 없습니다. CSV는 함께 받은 {MANIFEST_NAME}을 --manifest로 주세요.",
                en=f"No fingerprint for {path.name}; for a CSV give the delivery's {MANIFEST_NAME} with --manifest.",
            ),
        )
    return report
