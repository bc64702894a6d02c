"""What the marketplace does with a product package it receives: recompute its quality, countersign it.

A seller's results and certificate are never trusted. `verify_package` unpacks the package's data and
contract into a temporary project and runs the same suite again; `countersign` checks the seller's
certificate against the package's own files and, when it holds, signs it with the key of whoever runs
this (the marketplace worker's key, from its environment or config directory — see `signing`).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from mfgdata.quality.certificate_check import check_certificate
from mfgdata.quality.errors import quality_error
from mfgdata.quality.signing import sign
from mfgdata.quality.verify import verify

COUNTERSIGNATURE = "countersignature.json"


@dataclass(frozen=True)
class PackageVerification:
    """The recomputed verdict of a package, beside what the seller's results said."""

    valid: bool
    stats: dict[str, Any]
    grade: str | None
    seller_valid: bool | None

    @property
    def agrees_with_seller(self) -> bool:
        return self.seller_valid is None or self.seller_valid == self.valid


def _unpack(package: Path, target: Path) -> Path:
    """Extract `package` into `target`, refusing entries that would land outside it."""
    with zipfile.ZipFile(package) as archive:
        for info in archive.infolist():
            name = PurePosixPath(info.filename)
            if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
                raise quality_error(
                    "package-unsafe-path",
                    f"패키지에 안전하지 않은 경로가 있습니다: {info.filename}. 패키지를 다시 만드세요.",
                    f"The package holds an unsafe path: {info.filename}. Build the package again.",
                    package,
                )
        archive.extractall(target)
    return target


def _as_project(unpacked: Path, project: Path) -> Path:
    """A project folder whose build is the package: build/data, build/contract.yaml, contract.yaml."""
    build = project / "build"
    build.mkdir(parents=True)
    if not (unpacked / "data").is_dir() or not (unpacked / "contract.yaml").is_file():
        raise quality_error(
            "package-incomplete",
            "패키지에 data/ 폴더나 contract.yaml이 없어 품질을 다시 계산할 수 없습니다.",
            "The package has no data/ folder or contract.yaml, so its quality cannot be recomputed.",
            unpacked,
        )
    shutil.copytree(unpacked / "data", build / "data")
    shutil.copy2(unpacked / "contract.yaml", build / "contract.yaml")
    shutil.copy2(unpacked / "contract.yaml", project / "contract.yaml")
    return project


def _seller_valid(unpacked: Path) -> bool | None:
    results = unpacked / "quality" / "results.json"
    return bool(json.loads(results.read_text(encoding="utf-8")).get("valid")) if results.is_file() else None


def verify_package(package: Path) -> PackageVerification:
    """Recompute the quality of a package zip with its own contract; QualityError when it cannot run."""
    with tempfile.TemporaryDirectory(prefix="mfgdata-package-") as temporary:
        unpacked = _unpack(Path(package), Path(temporary) / "package")
        project = _as_project(unpacked, Path(temporary) / "project")
        verification = verify(project, out_dir=Path(temporary) / "quality")
        try:
            document = verification.document
            score = document.get("score") or {}
            return PackageVerification(
                bool(document["valid"]), dict(document["stats"]), score.get("grade"), _seller_valid(unpacked)
            )
        finally:
            verification.inputs.close()


def countersign(package: Path) -> Path:
    """Check the package's certificate against its files and sign it; the countersignature beside the zip."""
    package = Path(package)
    with tempfile.TemporaryDirectory(prefix="mfgdata-package-") as temporary:
        unpacked = _unpack(package, Path(temporary))
        certificate = unpacked / "quality" / "certificate.json"
        if not certificate.is_file():
            raise quality_error(
                "certificate-missing",
                "패키지에 품질 인증서(quality/certificate.json)가 없습니다. "
                "'mfgdata verify'로 만든 뒤 다시 패키징하세요.",
                "The package has no quality certificate (quality/certificate.json). "
                "Run 'mfgdata verify', then package again.",
                package,
            )
        check = check_certificate(certificate)
        if not check.holds:
            first = check.problems[0]
            raise quality_error(first.code, first.ko, first.en, package)
        digest = hashlib.sha256(certificate.read_bytes()).hexdigest()
    signature, public_key, fingerprint = sign(digest.encode())
    document = {
        "format": "mfgdata-countersignature/1",
        "certificate_sha256": digest,
        "signature": {"algorithm": "Ed25519", "value": signature, "public_key": public_key, "fingerprint": fingerprint},
    }
    target = package.with_name(package.stem + "." + COUNTERSIGNATURE)
    target.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return target
