"""The quality certificate: a small signed JSON binding what was verified to its results.

`statement` holds, per data file, its sha256 and the content hash of its rows (see `rowhash`), the
contract's and the results' sha256, the verdict and grade, the tool version and the time (Asia/Seoul).
`signature` holds the Ed25519 signature of the statement's canonical JSON (sorted keys, no spaces,
UTF-8), the public key and its fingerprint. It is the tool's own statement, not an official certification;
the marketplace recomputes everything and countersigns with its own key.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from mfgdata import __version__
from mfgdata.hashing import sha256_of
from mfgdata.quality.engine import SEOUL
from mfgdata.quality.errors import quality_error
from mfgdata.quality.rowhash import rows_sha256
from mfgdata.quality.signing import fingerprint, sign, signature_holds

FORMAT = "mfgdata-quality-certificate/1"


def canonical(statement: dict[str, Any]) -> bytes:
    """The bytes that are signed."""
    return json.dumps(statement, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def data_entry(display: str, source: Path, parquet: Path, rows: int) -> dict[str, Any]:
    """One data file's entry: where, its file hash and its rows' content hash."""
    return {"path": display, "sha256": sha256_of(source), "rows": rows, "rows_sha256": rows_sha256(parquet)}


def build_statement(document: dict[str, Any], results_path: Path, data: list[dict[str, Any]],
                    issued_at: dt.datetime | None = None) -> dict[str, Any]:  # fmt: skip
    """The statement to sign for a results document written at `results_path`."""
    moment = (issued_at or dt.datetime.now(SEOUL)).astimezone(SEOUL).replace(microsecond=0)
    return {
        "tool": {"name": "mfgdata", "version": __version__},
        "issued_at": moment.isoformat(),
        "engine": document["engine"],
        "contract": document["contract"],
        "results": {
            "path": results_path.name,
            "sha256": sha256_of(results_path),
            "valid": document["valid"],
            "grade": document["score"]["grade"],
            "conformance_rate": document["score"]["conformance_rate"],
        },
        "data": data,
        "note_ko": "mfgdata가 검사한 결과에 대한 도구의 서명입니다. 공인 인증이 아닙니다.",
        "note_en": "The tool's signature over the results of mfgdata's checks; not an official certification.",
    }


def write_certificate(statement: dict[str, Any], out_dir: Path) -> Path:
    """Sign the statement with the user's key and write certificate.json."""
    signature, public_key, print_ = sign(canonical(statement))
    certificate = {
        "format": FORMAT,
        "statement": statement,
        "signature": {"algorithm": "Ed25519", "public_key": public_key, "fingerprint": print_, "value": signature},
    }
    path = out_dir / "certificate.json"
    path.write_text(json.dumps(certificate, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def read_certificate(path: Path) -> dict[str, Any]:
    """A certificate document; QualityError when it is not one."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise quality_error("certificate-unreadable", f"인증서를 읽을 수 없습니다: {error}",
                            f"The certificate cannot be read: {error}", path) from None  # fmt: skip
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise quality_error("not-a-certificate", f"{FORMAT} 형식의 인증서가 아닙니다.",
                            f"This is not a {FORMAT} certificate.", path)  # fmt: skip
    return document


def signature_problems(certificate: dict[str, Any]) -> list[str]:
    """Problems with the signature itself (empty when it holds)."""
    signature = certificate.get("signature") or {}
    public_key, value = str(signature.get("public_key") or ""), str(signature.get("value") or "")
    problems = []
    try:
        import base64

        if fingerprint(base64.b64decode(public_key)) != signature.get("fingerprint"):
            problems.append("fingerprint")
    except ValueError:
        problems.append("public_key")
    if not signature_holds(canonical(certificate.get("statement") or {}), value, public_key):
        problems.append("signature")
    return problems
