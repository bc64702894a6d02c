"""Deterministic zip files and reading packages back, refusing any whose files do not match the manifest.

A package zip has its entries at the root, sorted by path, each dated 1980-01-01 00:00 with mode 0644,
no directories, no links and no `..`: the same folder always gives the same bytes. Whoever reads one
(`mfgdata check-package`, `mfgdata diff`, the marketplace) recomputes every sha256 and refuses a mismatch.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from mfgdata.hashing import sha256_of
from mfgdata.packaging.errors import package_error

MANIFEST = "manifest.json"
FORMAT = "mfgdata-package/1"
_EPOCH = (1980, 1, 1, 0, 0, 0)
_STORED = {".parquet", ".jpeg", ".jpg", ".png", ".pdf", ".aasx", ".zip"}  # compressed already


def files_under(folder: Path) -> list[str]:
    """Every regular file below `folder`, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def write_zip(folder: Path, target: Path) -> None:
    """Zip every file of `folder` (sorted, fixed dates and modes) into `target`."""
    with zipfile.ZipFile(target, "w", compresslevel=1) as archive:  # fast deflate: data dominates
        for name in files_under(folder):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            stored = PurePosixPath(name).suffix.lower() in _STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            with (folder / name).open("rb") as source, archive.open(info, "w", force_zip64=True) as sink:
                for block in iter(lambda: source.read(1 << 20), b""):
                    sink.write(block)


def _unsafe(name: str) -> bool:
    path = PurePosixPath(name)
    return path.is_absolute() or ".." in path.parts or "\\" in name or name.startswith("/")


@dataclass
class PackageReader:
    """A package as a zip or an unpacked folder: its manifest and its files' bytes."""

    path: Path

    def __post_init__(self) -> None:
        if not self.path.exists():
            raise package_error(
                "package-not-found", self.path, "패키지 파일이 없습니다.", "The package does not exist."
            )
        self._zip = zipfile.ZipFile(self.path) if self.path.is_file() else None

    def names(self) -> list[str]:
        if self._zip is None:
            return files_under(self.path)
        return sorted(info.filename for info in self._zip.infolist() if not info.is_dir())

    def open(self, name: str) -> Any:
        return self._zip.open(name) if self._zip is not None else (self.path / name).open("rb")

    def read_bytes(self, name: str) -> bytes:
        with self.open(name) as handle:
            return bytes(handle.read())

    def json(self, name: str) -> Any:
        return json.loads(self.read_bytes(name).decode("utf-8"))

    def has(self, name: str) -> bool:
        return name in set(self.names())

    def digest(self, name: str) -> tuple[str, int]:
        if self._zip is None:
            return sha256_of(self.path / name), (self.path / name).stat().st_size
        digest, size = hashlib.sha256(), 0
        with self._zip.open(name) as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
        return digest.hexdigest(), size

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> PackageReader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _links(reader: PackageReader) -> Iterator[str]:
    if reader._zip is None:
        yield from (p.relative_to(reader.path).as_posix() for p in reader.path.rglob("*") if p.is_symlink())
        return
    for info in reader._zip.infolist():
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            yield info.filename


def _mismatch(path: Path, ko: str, en: str) -> Exception:
    return package_error(
        "package-file-mismatch",
        path,
        f"{ko} 패키지가 만들어진 뒤 바뀌었거나 손상되었습니다. 판매자에게 새 패키지를 받으세요.",
        f"{en} The package was changed or damaged after it was made; get a new one from the seller.",
    )


def _check_layout(reader: PackageReader) -> dict[str, Any]:
    names = reader.names()
    bad = sorted({n for n in names if _unsafe(n)} | set(_links(reader)))
    if bad:
        raise package_error(
            "package-unsafe-entry",
            reader.path,
            f"패키지에 허용되지 않는 항목(절대경로, '..', 링크)이 있습니다: {', '.join(bad[:3])}",
            f"The package has entries that are not allowed (absolute, '..', links): {', '.join(bad[:3])}",
        )
    if MANIFEST not in names:
        raise _mismatch(reader.path, "manifest.json이 없습니다.", "manifest.json is missing.")
    manifest = reader.json(MANIFEST)
    if manifest.get("format") != FORMAT:
        raise _mismatch(reader.path, "manifest.json 형식이 다릅니다.", "manifest.json has another format.")
    return manifest


def check_package(path: Path) -> dict[str, Any]:
    """The manifest, after recomputing every listed file's sha256 and size; PackageError on any mismatch."""
    with PackageReader(Path(path)) as reader:
        manifest = _check_layout(reader)
        listed = {entry["path"]: entry for entry in manifest.get("files", [])}
        present = set(reader.names()) - {MANIFEST}
        for name in sorted(set(listed) - present):
            raise _mismatch(reader.path, f"'{name}' 파일이 없습니다.", f"File '{name}' is missing.")
        for name in sorted(present - set(listed)):
            raise _mismatch(reader.path, f"'{name}'는 manifest에 없는 파일입니다.", f"'{name}' is not in the manifest.")
        for name, entry in sorted(listed.items()):
            digest, size = reader.digest(name)
            if digest != entry.get("sha256") or size != entry.get("bytes"):
                raise _mismatch(
                    reader.path,
                    f"'{name}'의 sha256이 manifest와 다릅니다.",
                    f"The sha256 of '{name}' does not match the manifest.",
                )
    return manifest
