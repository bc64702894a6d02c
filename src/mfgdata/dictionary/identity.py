"""A dataset's name, slug and fingerprint, the same in every file `init` writes.

The slug names the contract, the table and the package; it is ASCII (ODCS ids allow only letters, digits,
`-` and `_`), so a Korean file name gives `dataset` plus the fingerprint. The fingerprint is a hash of the
raw files' sha256 values, so the same raw data always gets the same contract id.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def dataset_name(profile: dict[str, Any]) -> str:
    """What the data is called: the folder given, or the file's name without extension."""
    paths = (profile.get("source") or {}).get("paths") or []
    if not paths:
        return "dataset"
    first = Path(paths[0])
    return first.stem if first.suffix else first.name


def slug(text: str) -> str:
    """Lower-case ASCII words joined by `-`; `dataset` when nothing ASCII is left."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-") or "dataset"


def fingerprint(profile: dict[str, Any]) -> str:
    """12 hex digits of the sha256 over the raw files' sha256 values (image stats for image folders)."""
    source = profile.get("source") or {}
    parts = sorted(entry["sha256"] for entry in source.get("files", []) if entry.get("sha256"))
    if not parts:
        images = profile.get("images") or {}
        parts = [str(images.get("count")), str(images.get("bytes")), dataset_name(profile)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def contract_id(profile: dict[str, Any]) -> str:
    """The contract's stable id: `<slug>-<fingerprint>`."""
    return f"{slug(dataset_name(profile))}-{fingerprint(profile)}"


def table_name(profile: dict[str, Any]) -> str:
    """The table's name in the contract and the package: the slug with `_` (a plain SQL identifier)."""
    return slug(dataset_name(profile)).replace("-", "_")
