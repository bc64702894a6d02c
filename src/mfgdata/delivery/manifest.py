"""The delivery manifest: which files (sha256, bytes, fingerprint) went to which buyer, signed with Ed25519.

The signature covers the canonical JSON of everything except the `signature` block (sorted keys, no spaces,
UTF-8), so anyone with the marketplace's public key can check that a file is exactly what was delivered.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from mfgdata.errors import ErrorText, MfgdataError

FORMAT = "mfgdata-delivery/1"


class ManifestError(MfgdataError):
    """A delivery manifest does not verify or does not name a file."""


def canonical(document: dict[str, Any]) -> bytes:
    body = {k: v for k, v in document.items() if k != "signature"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def public_key_text(key: Ed25519PublicKey) -> str:
    return base64.b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def sign(document: dict[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    """The document with a `signature` block (algorithm, public key, key id, base64 signature)."""
    public = public_key_text(key.public_key())
    signature = base64.b64encode(key.sign(canonical(document))).decode()
    key_id = hashlib.sha256(base64.b64decode(public)).hexdigest()[:16]
    return {
        **document,
        "signature": {"algorithm": "Ed25519", "public_key": public, "key_id": key_id, "value": signature},
    }


def verify(document: dict[str, Any], trusted_public_key: str | None = None) -> None:
    """Refuse a manifest whose signature does not verify (against `trusted_public_key` when given)."""
    block = document.get("signature") or {}
    public = trusted_public_key or block.get("public_key", "")
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public))
        key.verify(base64.b64decode(block.get("value", "")), canonical(document))
    except (InvalidSignature, ValueError, TypeError) as error:
        raise ManifestError(
            "manifest-signature",
            ErrorText(
                ko="배송 매니페스트의 서명이 맞지 않습니다 (변경되었거나 거래소가 서명하지 않았습니다).",
                en="The delivery manifest's signature does not verify (changed, or not signed by the marketplace).",
            ),
        ) from error


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def entry_for(document: dict[str, Any], path: Path) -> dict[str, Any]:
    """The manifest entry whose sha256 is this file's (so a renamed copy is still found)."""
    digest = sha256_of(path)
    for entry in document.get("files", []):
        if entry.get("sha256") == digest:
            return entry
    raise ManifestError(
        "not-in-manifest",
        ErrorText(
            ko=f"{path.name}은(는) 이 배송 매니페스트의 파일과 내용이 다릅니다.",
            en=f"{path.name} does not match any file of this delivery manifest.",
        ),
    )


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))
