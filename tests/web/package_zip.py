"""Small packages for the site's tests, written from given files in the shared `mfgdata-package/1` format.

Entries at the root, sorted, timestamps 1980-01-01, no links, `manifest.json` listing every other entry with
its sha256 and size — so a test can plant exactly the fault it needs (a wrong hash, a `..` path, no terms).
Real packages come from `mfgdata.packaging` (the demo loader uses it).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from mfgdata import __version__

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_package(
    path: Path, *, product: dict[str, Any], files: dict[str, bytes], built_at: str = "2026-12-01T00:00:00+09:00"
) -> Path:
    """Write `files` (zip path → bytes) and their manifest to `path`; returns `path`."""
    manifest = {
        "format": "mfgdata-package/1",
        "product": product,
        "tool": {"name": "mfgdata", "version": __version__},
        "built_at": built_at,
        "files": [
            {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in sorted(files.items())
        ],
    }
    entries = {**files, "manifest.json": json.dumps(manifest, ensure_ascii=False, indent=2).encode()}
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return path
