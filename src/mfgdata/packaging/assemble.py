"""`mfgdata package DIR`: assemble `build/<slug>-<version>/` and `build/<slug>-<version>.zip`.

Everything is staged in `build/.package-tmp/` and swapped into place when complete. The build time in
the manifest and the metadata is not the clock: `$SOURCE_DATE_EPOCH` when set (reproducible-builds
convention), else product.yaml `released` (a date), else today at 00:00 Asia/Seoul — so packaging twice
gives the same bytes.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytz

import mfgdata
from mfgdata.hashing import sha256_of
from mfgdata.packaging.archive import FORMAT, MANIFEST, files_under, write_zip
from mfgdata.packaging.changelog import changelog_markdown
from mfgdata.packaging.croissant import croissant
from mfgdata.packaging.datapackage import datapackage, keywords
from mfgdata.packaging.datasheet import datasheet_markdown, quality_results
from mfgdata.packaging.dcat import dcat
from mfgdata.packaging.project import Project, contract_path, load_project
from mfgdata.packaging.sample import write_table_sample, write_thumbnails
from mfgdata.packaging.terms import citation, terms_markdown

SEOUL = pytz.timezone("Asia/Seoul")
_STAGING = ".package-tmp"
# build/ file → package path; copied when the other steps wrote them.
OPTIONAL = {
    "price.json": "price.json",
    "metadata/equipment.aasx": "metadata/equipment.aasx",
    "quality/results.json": "quality/results.json",
    "quality/report.html": "quality/report.html",
    "quality/report.pdf": "quality/report.pdf",
    "quality/certificate.json": "quality/certificate.json",
    "quality/ai_validity.json": "quality/ai_validity.json",
}


@dataclass(frozen=True)
class PackageResult:
    """What `package` wrote: the zip, the unpacked folder, the manifest and the optional parts missing."""

    zip_path: Path
    folder: Path
    manifest: dict[str, Any]
    missing: tuple[str, ...]


def built_at(product: dict[str, Any]) -> str:
    """The package's build time (ISO 8601, Asia/Seoul), chosen so that rebuilding gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), SEOUL).isoformat()
    released = product.get("released")
    day = date.fromisoformat(str(released)) if released else datetime.now(SEOUL).date()
    return SEOUL.localize(datetime(day.year, day.month, day.day)).isoformat()


def _link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _write_json(path: Path, document: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def _stage_inputs(project: Project, staging: Path) -> list[str]:
    """Data, sample, contract and the other steps' files; returns the optional parts that were missing."""
    data = project.build / "data"
    for name in files_under(data):
        _link_or_copy(data / name, staging / "data" / name)
    if project.kind == "images":
        write_thumbnails(project, staging / "sample")
    else:
        for table in project.tables:
            write_table_sample(project, table, staging / "sample" / f"{table.name}.csv")
    shutil.copyfile(contract_path(project.folder), staging / "contract.yaml")
    missing = []
    for source, target in OPTIONAL.items():
        if (project.build / source).is_file():
            _link_or_copy(project.build / source, staging / target)
        else:
            missing.append(target)
    return missing + _stage_model(project, staging)


def _stage_model(project: Project, staging: Path) -> list[str]:
    """`build/model/` (the baseline `validate-ai` published) → `model/`, unless the data changed since."""
    folder = project.build / "model"
    if not folder.is_dir():
        return []  # no model published: nothing is missing
    from mfgdata.ai_validity.artefact import model_is_current

    if not model_is_current(project.folder):
        return ["model/ (stale: run validate-ai again)"]
    for name in files_under(folder):
        _link_or_copy(folder / name, staging / "model" / name)
    return []


def _summary(project: Project) -> list[str]:
    results = quality_results(project)
    grade = ((results or {}).get("score") or {}).get("grade", "—")
    rows = sum(table.rows for table in project.tables)
    columns = sum(len(table.columns) for table in project.tables)
    return [f"- {rows:,} 행 (rows), {columns} 열 (columns), 품질 등급 (quality grade) {grade}"]


def _metadata(project: Project, staging: Path, when: str) -> dict[str, str]:
    """Write the three metadata formats (and the root datapackage.json); returns the data files' sha256."""
    names = [n for n in files_under(staging) if n.startswith("data/") and not n.startswith("data/images/")]
    digests = {name: sha256_of(staging / name) for name in names}
    sizes = {name: (staging / name).stat().st_size for name in names}
    package = datapackage(project, when, digests, sizes)
    _write_json(staging / "datapackage.json", package)
    _write_json(staging / "metadata" / "datapackage.json", package)
    _write_json(staging / "metadata" / "croissant.json", croissant(project, when, digests, citation(project)))
    files = [(name, digests[name], sizes[name]) for name in names]
    _write_json(staging / "metadata" / "dcat.jsonld", dcat(project, when, files))
    return digests


def _documents(project: Project, staging: Path, when: str, changes: Callable[[Path], list[str]]) -> None:
    (staging / "TERMS.md").write_text(terms_markdown(project), encoding="utf-8")
    (staging / "README.md").write_text(datasheet_markdown(project), encoding="utf-8")
    (staging / "CHANGELOG.md").write_text(changelog_markdown(project, when, _summary(project), changes), "utf-8")


def manifest_document(
    project: Project, staging: Path, when: str, known: dict[str, str] | None = None
) -> dict[str, Any]:
    """manifest.json: the product, the tool, the build time and every file's sha256 and size.

    `known` holds digests computed moments ago for the same staged files (large data files are hashed once).
    """
    known = known or {}
    product = project.product
    category = product.get("category") or {}
    when_data = project.period()
    files = [
        {"path": name, "sha256": known.get(name) or sha256_of(staging / name), "bytes": (staging / name).stat().st_size}
        for name in files_under(staging)
        if name != MANIFEST
    ]
    return {
        "format": FORMAT,
        "product": {
            "id": str(product.get("id") or project.slug),
            "slug": project.slug,
            "version": project.version,
            "title": {"ko": project.text("title", "ko"), "en": project.text("title", "en")},
            "description": {"ko": project.text("description", "ko"), "en": project.text("description", "en")},
            "category": {"id": category.get("id"), "name": category.get("name") or {}},
            "process": (product.get("process") or {}).get("id"),
            "keywords": keywords(project),
            "data_period": {"start": when_data[0], "end": when_data[1]} if when_data else None,
            "licence": project.licence.to_manifest(),
            "kind": project.kind,
            "rows": sum(table.rows for table in project.tables),
        },
        "tool": {"name": "mfgdata", "version": mfgdata.__version__},
        "built_at": when,
        "files": files,
    }


def _publish(staging: Path, folder: Path, zip_path: Path) -> None:
    partial = zip_path.with_suffix(".zip.tmp")
    write_zip(staging, partial)
    if folder.exists():
        shutil.rmtree(folder)
    staging.rename(folder)
    partial.replace(zip_path)


def package_project(folder: Path, *, on_step: Callable[[str], None] | None = None) -> PackageResult:
    """Package the built project `folder`; PackageError when it has no licence, is not built, or a sample
    would reveal an identifier."""
    from mfgdata.packaging.diff import changelog_lines  # diff reads packages: import here

    step = on_step or (lambda _text: None)
    project = load_project(folder)
    when = built_at(project.product)
    staging = project.build / _STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        step("데이터·샘플 (data and sample)")
        missing = _stage_inputs(project, staging)
        step("메타데이터 (metadata)")
        digests = _metadata(project, staging, when)
        _documents(project, staging, when, lambda previous: changelog_lines(previous, staging))
        manifest = manifest_document(project, staging, when, digests)
        _write_json(staging / MANIFEST, manifest)
        step("압축 (zip)")
        name = f"{project.slug}-{project.version}"
        _publish(staging, project.build / name, project.build / f"{name}.zip")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return PackageResult(project.build / f"{name}.zip", project.build / name, manifest, tuple(missing))
