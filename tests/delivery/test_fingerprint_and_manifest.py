"""Fingerprints in delivered files and the signed delivery manifest, and `mfgdata fingerprint FILE`."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mfgdata.delivery.fingerprint import Fingerprint, FingerprintError, embed_in_parquet, read_from_parquet
from mfgdata.delivery.manifest import ManifestError, public_key_text, sha256_of, sign, verify

FINGERPRINT = Fingerprint(
    id="f" * 32, buyer_business_number="1234567890", buyer_name="대성금속", order="mfg-1", delivered_at="2026-12-01"
)


def _parquet(path: Path) -> Path:
    pq.write_table(pa.table({"온도": [21.5, 22.0], "공정": ["도금", "압출"]}), path)
    return path


def test_the_fingerprint_travels_in_parquet_metadata_and_the_rows_are_unchanged(tmp_path: Path) -> None:
    source = _parquet(tmp_path / "plain.parquet")
    delivered = tmp_path / "delivered.parquet"
    embed_in_parquet(source, delivered, FINGERPRINT)
    assert read_from_parquet(delivered) == FINGERPRINT
    assert pq.read_table(delivered).equals(pq.read_table(source))
    assert sha256_of(delivered) != sha256_of(source)


def test_a_file_without_fingerprint_says_so(tmp_path: Path) -> None:
    with pytest.raises(FingerprintError) as refused:
        read_from_parquet(_parquet(tmp_path / "x.parquet"))
    assert refused.value.code == "no-fingerprint"


def _manifest(tmp_path: Path, key: Ed25519PrivateKey) -> tuple[Path, Path]:
    csv = tmp_path / "data.csv"
    csv.write_bytes("\ufeff공정,온도\n도금,21.5\n".encode())
    document = {
        "format": "mfgdata-delivery/1",
        "buyer": {"name": "대성금속"},
        "order": "mfg-1",
        "files": [
            {"path": "data/data.csv", "sha256": hashlib.sha256(csv.read_bytes()).hexdigest(), "fingerprint": "f"}
        ],
    }
    manifest = tmp_path / "delivery-manifest.json"
    manifest.write_text(json.dumps(sign(document, key), ensure_ascii=False), encoding="utf-8")
    return csv, manifest


def test_a_changed_manifest_or_another_key_does_not_verify(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    _, manifest = _manifest(tmp_path, key)
    document = json.loads(manifest.read_text(encoding="utf-8"))
    verify(document, public_key_text(key.public_key()))
    with pytest.raises(ManifestError):
        verify(document, public_key_text(Ed25519PrivateKey.generate().public_key()))
    document["buyer"]["name"] = "다른기업"
    with pytest.raises(ManifestError):
        verify(document)


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mfgdata", "fingerprint", *map(str, args)], capture_output=True, text=True
    )


def test_cli_reads_a_csv_through_its_manifest_and_refuses_a_changed_copy(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    csv, manifest = _manifest(tmp_path, key)
    done = _cli(csv, "--public-key", public_key_text(key.public_key()))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["manifest"]["signature"] == "verified" and report["manifest"]["buyer"]["name"] == "대성금속"
    csv.write_bytes(csv.read_bytes() + b"x,1\n")
    changed = _cli(csv, "--manifest", manifest)
    assert changed.returncode == 2 and "not-in-manifest" in changed.stderr and "Traceback" not in changed.stderr


def test_cli_reads_a_parquet_fingerprint(tmp_path: Path) -> None:
    delivered = tmp_path / "d.parquet"
    embed_in_parquet(_parquet(tmp_path / "p.parquet"), delivered, FINGERPRINT)
    done = _cli(delivered)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["embedded"]["buyer_name"] == "대성금속"
