"""`mfgdata verify-certificate`: is the certificate untouched, and does the data still match it?

The signature must hold with the public key the certificate carries, and the key must have the
fingerprint it states. Then each data file is looked up (beside the certificate's `build/` folder, or
under `--data`): the same sha256 is a match; otherwise its rows are hashed again — the same rows with
different file bytes (metadata added at delivery) still match, one changed value does not. The results
and the contract are compared by sha256 when they are present.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mfgdata.hashing import sha256_of
from mfgdata.quality.certificate import read_certificate, signature_problems
from mfgdata.quality.inputs import raw_inputs
from mfgdata.quality.rowhash import rows_sha256


@dataclass(frozen=True)
class Problem:
    """One reason the certificate does not hold."""

    code: str
    ko: str
    en: str


@dataclass
class CertificateCheck:
    """What checking a certificate found."""

    fingerprint: str
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def holds(self) -> bool:
        return not self.problems


def _rows_of(path: Path) -> str:
    if path.suffix.lower() == ".parquet":
        return rows_sha256(path)
    inputs = raw_inputs(path, None, path.parent)
    try:
        return rows_sha256(inputs.tables[0].parquet)
    finally:
        inputs.close()


def _data_file(entry: dict[str, Any], base: Path, data: Path | None, single: bool) -> Path:
    if data is not None and data.is_file() and single:
        return data
    return (data if data is not None else base) / str(entry["path"])


def _check_data(entry: dict[str, Any], path: Path, check: CertificateCheck) -> None:
    shown = entry["path"]
    if not path.is_file():
        check.problems.append(Problem("data-missing", f"데이터 파일이 없습니다: {path}", f"Data file missing: {path}"))
        return
    if sha256_of(path) == entry["sha256"]:
        return
    if _rows_of(path) == entry["rows_sha256"]:
        check.notes.append(f"{shown}: 파일은 다르지만 행은 같습니다 (file differs, rows identical)")
        return
    check.problems.append(
        Problem(
            "data-changed",
            f"{shown}: 데이터 값이 인증 때와 다릅니다.",
            f"{shown}: the data differs from the certified rows.",
        )
    )


def _check_file(kind: str, recorded: dict[str, Any] | None, path: Path, check: CertificateCheck) -> None:
    if not recorded or not path.is_file():
        return
    if sha256_of(path) != recorded.get("sha256"):
        check.problems.append(
            Problem(
                f"{kind}-changed",
                f"{kind} 파일이 인증 때와 다릅니다: {path}",
                f"The {kind} differs from the certified one: {path}",
            )
        )


def check_certificate(certificate_path: Path, data: Path | None = None) -> CertificateCheck:
    """Check a certificate's signature, then the data, results and contract it names."""
    certificate = read_certificate(certificate_path)
    check = CertificateCheck(str((certificate.get("signature") or {}).get("fingerprint") or ""))
    if signature_problems(certificate):
        check.problems.append(
            Problem(
                "certificate-tampered",
                "인증서의 서명이 맞지 않습니다: 인증서가 바뀌었습니다. 발급한 곳에서 다시 받으세요.",
                "The certificate's signature does not hold: it was altered. Get it again from its issuer.",
            )
        )
        return check
    statement = certificate["statement"]
    build_dir = certificate_path.resolve().parent.parent
    entries = statement.get("data") or []
    for entry in entries:
        _check_data(entry, _data_file(entry, build_dir, data, len(entries) == 1), check)
    results = statement.get("results") or {}
    _check_file("results", results, certificate_path.parent / str(results.get("path", "results.json")), check)
    contract = statement.get("contract")
    if contract:
        _check_file("contract", contract, build_dir.parent / str(contract.get("path")), check)
    return check
