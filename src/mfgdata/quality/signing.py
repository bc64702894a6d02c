"""The certificate signing key: Ed25519, in the user's config directory, never in a project or package.

`MFGDATA_SIGNING_KEY` names the private key file to use (tests, CI, an operator's key); otherwise the key
is `$XDG_CONFIG_HOME/mfgdata/signing-key.pem` (default `~/.config/mfgdata/`), created on first use with
owner-only permissions. A certificate carries the public key and its fingerprint (`sha256:<hex>` of the
raw 32-byte public key), so anyone can check the signature and see whose key made it.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from mfgdata.quality.errors import quality_error

KEY_ENV = "MFGDATA_SIGNING_KEY"


def key_path() -> Path:
    """Where the signing key is (or will be created)."""
    configured = os.environ.get(KEY_ENV)
    if configured:
        return Path(configured)
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "mfgdata" / "signing-key.pem"


def _create(path: Path) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    return key


def signing_key() -> Ed25519PrivateKey:
    """The user's private key, created on first use."""
    path = key_path()
    if not path.exists():
        return _create(path)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError) as error:
        raise quality_error(
            "bad-signing-key",
            f"서명 키를 읽을 수 없습니다({error}). 파일을 확인하거나 지우고 다시 실행해 새 키를 만드세요.",
            f"The signing key cannot be read ({error}). Check the file, or remove it to create a new key.",
            path,
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise quality_error(
            "bad-signing-key", "서명 키가 Ed25519 키가 아닙니다.", "The signing key is not Ed25519.", path
        )
    return key


def public_bytes(key: Ed25519PublicKey) -> bytes:
    """The raw 32-byte public key."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(raw_public: bytes) -> str:
    """`sha256:<hex>` of a raw public key."""
    return "sha256:" + hashlib.sha256(raw_public).hexdigest()


def sign(message: bytes) -> tuple[str, str, str]:
    """(signature, public key, fingerprint), the first two base64, for `message`."""
    key = signing_key()
    raw = public_bytes(key.public_key())
    return base64.b64encode(key.sign(message)).decode(), base64.b64encode(raw).decode(), fingerprint(raw)


def signature_holds(message: bytes, signature: str, public_key: str) -> bool:
    """Whether `signature` (base64) of `message` verifies with `public_key` (base64 raw)."""
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key)).verify(base64.b64decode(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True
