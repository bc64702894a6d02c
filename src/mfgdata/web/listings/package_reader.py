"""Opens a product package zip (format `mfgdata-package/1`, see the shared interfaces) without trusting it.

Refused: entries with `..`, absolute or drive paths, backslashes, symbolic links, duplicate names, more
entries or more uncompressed bytes than allowed, suspicious compression ratios, a missing or malformed
`manifest.json`, a file the manifest does not list (or one it lists that is absent), and any sha256 or size
that differs from the manifest — every digest is recomputed — and a model (`model/`) that cannot be loaded
or does not reproduce its card's example. Django-free, so it can be swapped for
`mfgdata.packaging` once that lands.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from mfgdata.errors import ErrorText, MfgdataError

PACKAGE_FORMAT = "mfgdata-package/1"
MAX_ENTRIES = 20_000
MAX_RATIO = 200
SMALL_FILE_LIMIT = 20 * 1024 * 1024
SAMPLE_ROWS = 20
MODEL_CARD = "model/model_card.json"
MODEL_FILE_LIMIT = 64 * 1024 * 1024


class PackageError(MfgdataError):
    """The package cannot be accepted as it is; the message says why and what to do."""


def _refuse(code: str, ko: str, en: str) -> PackageError:
    return PackageError(code, ErrorText(ko=ko, en=en))


@dataclass(frozen=True)
class PackageLimits:
    max_total_bytes: int = 8 * 1024**3
    max_entries: int = MAX_ENTRIES


@dataclass
class PackageContents:
    """What the site needs from a verified package (small files parsed; data files only listed)."""

    manifest: dict[str, Any]
    files: list[dict[str, Any]]
    datapackage: dict[str, Any] | None = None
    contract: dict[str, Any] | None = None
    quality: dict[str, Any] | None = None
    price: dict[str, Any] | None = None
    croissant: dict[str, Any] | None = None
    certificate: dict[str, Any] | None = None
    sample: dict[str, Any] | None = None
    aas: dict[str, Any] | None = None
    model_card: dict[str, Any] | None = None
    documents: dict[str, str] = field(default_factory=dict)

    @property
    def product(self) -> dict[str, Any]:
        return self.manifest.get("product", {})

    def has(self, path: str) -> bool:
        return any(entry["path"] == path for entry in self.files)


def _check_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    path = PurePosixPath(name)
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in path.parts:
        raise _refuse(
            "package-unsafe-path",
            f"패키지에 안전하지 않은 경로가 있습니다: {name}. CLI로 다시 패키징하세요.",
            f"The package has an unsafe path: {name}. Package it again with the CLI.",
        )
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise _refuse(
            "package-link",
            f"패키지에 링크가 있습니다: {name}. 링크 없이 다시 패키징하세요.",
            f"The package contains a link: {name}. Package it again without links.",
        )
    return name


def _check_entries(archive: zipfile.ZipFile, limits: PackageLimits) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise _refuse(
            "package-too-many-files",
            f"패키지의 파일이 너무 많습니다 ({len(infos)}개).",
            f"The package has too many files ({len(infos)}).",
        )
    entries: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = _check_name(info)
        if info.is_dir():
            continue
        if name in entries:
            raise _refuse(
                "package-duplicate",
                f"패키지에 같은 이름의 파일이 두 번 있습니다: {name}.",
                f"The package has the same file twice: {name}.",
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise _refuse(
                "package-too-large",
                f"패키지의 압축 해제 크기가 한도({limits.max_total_bytes:,}바이트)를 넘습니다.",
                f"The package unpacks to more than the limit ({limits.max_total_bytes:,} bytes).",
            )
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1024**2:
            raise _refuse(
                "package-bomb",
                f"압축률이 비정상적인 파일이 있습니다: {name}.",
                f"A file has an abnormal compression ratio (zip bomb?): {name}.",
            )
        entries[name] = info
    return entries


def _read_manifest(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> dict[str, Any]:
    if "manifest.json" not in entries:
        raise _refuse(
            "package-no-manifest",
            "manifest.json이 없습니다. `mfgdata package`로 만든 zip을 올리세요.",
            "manifest.json is missing; upload a zip made by the mfgdata CLI.",
        )
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (ValueError, UnicodeDecodeError) as error:
        raise _refuse(
            "package-bad-manifest", "manifest.json을 읽을 수 없습니다.", "manifest.json is not valid JSON."
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != PACKAGE_FORMAT:
        raise _refuse(
            "package-bad-format",
            f"지원하지 않는 패키지 형식입니다 ({PACKAGE_FORMAT} 필요).",
            f"Unsupported package format ({PACKAGE_FORMAT} required).",
        )
    if not isinstance(manifest.get("files"), list) or not isinstance(manifest.get("product"), dict):
        raise _refuse(
            "package-bad-manifest",
            "manifest.json에 product 또는 files가 없습니다.",
            "manifest.json lacks product or files.",
        )
    return manifest


def _digest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with archive.open(info) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _verify_files(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], manifest: dict[str, Any]) -> None:
    listed = {str(f.get("path")): f for f in manifest["files"] if isinstance(f, dict)}
    present = set(entries) - {"manifest.json"}
    unlisted, missing = sorted(present - set(listed)), sorted(set(listed) - present)
    if unlisted:
        raise _refuse(
            "package-unlisted-file",
            f"manifest.json에 없는 파일이 있습니다: {unlisted[0]}.",
            f"A file is not listed in manifest.json: {unlisted[0]}.",
        )
    if missing:
        raise _refuse(
            "package-missing-file",
            f"manifest.json에 있는 파일이 없습니다: {missing[0]}.",
            f"A file listed in manifest.json is missing: {missing[0]}.",
        )
    for name in sorted(listed):
        sha256, size = _digest(archive, entries[name])
        if sha256 != listed[name].get("sha256") or size != listed[name].get("bytes", size):
            raise _refuse(
                "package-hash-mismatch",
                f"{name}의 sha256이 manifest.json과 다릅니다. 파일이 손상되었거나 바뀌었습니다; 다시 패키징하세요.",
                f"The sha256 of {name} differs from manifest.json: the file is damaged or changed; package again.",
            )


def _load(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], name: str) -> Any:
    if name not in entries or entries[name].file_size > SMALL_FILE_LIMIT:
        return None
    text = archive.read(name).decode("utf-8-sig")
    try:
        return yaml.safe_load(text) if name.endswith((".yaml", ".yml")) else json.loads(text)
    except (ValueError, yaml.YAMLError) as error:
        raise _refuse("package-bad-metadata", f"{name}을(를) 읽을 수 없습니다.", f"{name} cannot be parsed.") from error


def _sample(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> dict[str, Any] | None:
    names = sorted(n for n in entries if n.startswith("sample/"))
    if not names:
        return None
    tables = [n for n in names if n.endswith(".csv") and entries[n].file_size <= SMALL_FILE_LIMIT]
    images = [n for n in names if n.lower().endswith((".png", ".jpg", ".jpeg"))]
    preview: dict[str, Any] = {"files": names, "images": images[:24], "table": None}
    if tables:
        reader = csv.reader(io.StringIO(archive.read(tables[0]).decode("utf-8-sig")))
        rows = [row for _, row in zip(range(SAMPLE_ROWS + 1), reader, strict=False)]
        preview["table"] = {"path": tables[0], "header": rows[0] if rows else [], "rows": rows[1:]}
    return preview


_NAMEPLATE = ("ManufacturerName", "ManufacturerProductDesignation", "SerialNumber", "YearOfConstruction")


def _walk_values(node: Any, found: dict[str, str]) -> None:
    """Collect nameplate properties (idShort → value, Korean or first language) anywhere in an AAS JSON tree."""
    if isinstance(node, dict):
        if node.get("idShort") in _NAMEPLATE and "value" in node:
            value = node["value"]
            if isinstance(value, list):  # a multi-language property
                value = next((v.get("text") for v in value if v.get("language") == "ko"), None) or (
                    value[0].get("text") if value and isinstance(value[0], dict) else ""
                )
            found.setdefault(node["idShort"], str(value))
        for child in node.values():
            _walk_values(child, found)
    elif isinstance(node, list):
        for child in node:
            _walk_values(child, found)


def _aas_summary(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> dict[str, Any] | None:
    """Shells, submodels and nameplate of `metadata/equipment.aasx` (an OPC zip holding AAS JSON or XML)."""
    info = entries.get("metadata/equipment.aasx")
    if info is None or info.file_size > SMALL_FILE_LIMIT:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(archive.read(info))) as aasx:
            parts = [
                n
                for n in aasx.namelist()
                if n.endswith((".json", ".xml")) and "rels" not in n and aasx.getinfo(n).file_size <= SMALL_FILE_LIMIT
            ]
            text = {n: aasx.read(n).decode("utf-8", errors="replace") for n in parts}
    except (zipfile.BadZipFile, OSError):
        return {"error": "unreadable"}
    summary: dict[str, Any] = {"shells": [], "submodels": [], "nameplate": {}}
    for name, body in text.items():
        if name.endswith(".json"):
            try:
                tree = json.loads(body)
            except ValueError:
                continue
            summary["shells"] += [s.get("idShort") for s in tree.get("assetAdministrationShells", [])]
            summary["submodels"] += [s.get("idShort") for s in tree.get("submodels", [])]
            _walk_values(tree, summary["nameplate"])
        else:
            summary["submodels"] += re.findall(
                r"<(?:\w+:)?submodel>\s*(?:<[^>]+>\s*)*?<(?:\w+:)?idShort>([^<]+)<", body
            )
    return summary


def _model_card(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> dict[str, Any] | None:
    """The card of the package's model (`model/`), after the model was loaded and re-ran the card's example."""
    card = _load(archive, entries, MODEL_CARD)
    if card is None:
        return None
    from mfgdata.ai_validity.errors import AiValidityError
    from mfgdata.ai_validity.serving import load_model_texts

    name = f"model/{PurePosixPath(str((card.get('model') or {}).get('file', ''))).name}"
    try:
        if name not in entries or entries[name].file_size > MODEL_FILE_LIMIT:
            raise KeyError(name)
        load_model_texts(archive.read(MODEL_CARD).decode("utf-8"), archive.read(name).decode("utf-8"))
    except (AiValidityError, KeyError, ValueError, TypeError) as error:
        raise _refuse(
            "package-bad-model",
            "패키지의 모델(model/)을 불러올 수 없거나 모델 카드와 맞지 않습니다. "
            "validate-ai를 다시 실행하고 패키징하세요.",
            "The package's model (model/) cannot be loaded or does not match its card. Run validate-ai and package "
            "again.",
        ) from error
    return card


def read_package(path: Path, limits: PackageLimits | None = None) -> PackageContents:
    """Verify the zip at `path` completely and return what the site shows; raises `PackageError`."""
    limits = limits or PackageLimits()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise _refuse(
            "package-not-zip", "zip 파일이 아니거나 손상되었습니다.", "Not a zip file, or a damaged one."
        ) from error
    with archive:
        entries = _check_entries(archive, limits)
        manifest = _read_manifest(archive, entries)
        try:
            _verify_files(archive, entries, manifest)
        except zipfile.BadZipFile as error:
            raise _refuse("package-damaged", "zip 파일이 손상되었습니다.", "The zip file is damaged.") from error
        contents = PackageContents(manifest=manifest, files=sorted(manifest["files"], key=lambda f: f["path"]))
        contents.datapackage = _load(archive, entries, "metadata/datapackage.json")
        contents.contract = _load(archive, entries, "contract.yaml")
        contents.quality = _load(archive, entries, "quality/results.json")
        contents.price = _load(archive, entries, "price.json")
        contents.croissant = _load(archive, entries, "metadata/croissant.json")
        contents.certificate = _load(archive, entries, "quality/certificate.json")
        contents.sample = _sample(archive, entries)
        contents.aas = _aas_summary(archive, entries)
        contents.model_card = _model_card(archive, entries)
        for doc in ("README.md", "TERMS.md", "CHANGELOG.md"):
            if doc in entries and entries[doc].file_size <= SMALL_FILE_LIMIT:
                contents.documents[doc] = archive.read(doc).decode("utf-8", errors="replace")
        return contents


def read_member(path: Path, name: str, max_bytes: int = SMALL_FILE_LIMIT) -> bytes:
    """One entry of an already verified package (a quality report, a sample image) by its exact name."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
        if info.file_size > max_bytes:
            raise _refuse(
                "package-member-too-large", "파일이 너무 커서 미리 볼 수 없습니다.", "The file is too large to preview."
            )
        return archive.read(info)
