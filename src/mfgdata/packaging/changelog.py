"""`CHANGELOG.md`: one entry per version, newest first, kept from package to package.

The project's own `DIR/CHANGELOG.md`, when a person keeps one, is used as it is. Otherwise the entry for
this version summarises it (rows, columns, quality grade, price) and, when an earlier version's package
is in `build/`, what changed since (from `mfgdata diff`); the earlier entries are carried over from it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mfgdata.packaging.archive import PackageReader
from mfgdata.packaging.project import SEMVER, Project

TITLE = "# 변경 이력 / Changelog"


def version_key(version: str) -> tuple[int, int, int, int]:
    """Sort key of a semantic version (a pre-release sorts before its release)."""
    match = SEMVER.match(version)
    if match is None:
        return (-1, -1, -1, -1)
    return (int(match[1]), int(match[2]), int(match[3]), 0 if "-" in version else 1)


def previous_package(project: Project) -> Path | None:
    """The newest package of an earlier version in build/, if any."""
    found = []
    for path in project.build.glob(f"{project.slug}-*.zip"):
        version = path.stem.removeprefix(f"{project.slug}-")
        if SEMVER.match(version) and version_key(version) < version_key(project.version):
            found.append((version_key(version), path))
    return max(found)[1] if found else None


def _earlier_entries(previous: Path) -> str:
    with PackageReader(previous) as reader:
        if not reader.has("CHANGELOG.md"):
            return ""
        text = reader.read_bytes("CHANGELOG.md").decode("utf-8")
    return text.removeprefix(TITLE).lstrip("\n")


def changelog_markdown(
    project: Project, built_at: str, summary: list[str], changes: Callable[[Path], list[str]]
) -> str:
    """The text of CHANGELOG.md; `changes(previous_zip)` lists what changed since the earlier package."""
    own = project.folder / "CHANGELOG.md"
    if own.is_file():
        return own.read_text(encoding="utf-8")
    previous = previous_package(project)
    lines = [TITLE, "", f"## {project.version} — {built_at[:10]}", "", *summary]
    if previous is not None:
        lines += ["", f"{previous.stem.removeprefix(project.slug + '-')} 대비 변경 (changes since):", ""]
        lines += changes(previous)
    lines.append("")
    earlier = _earlier_entries(previous) if previous is not None else ""
    return "\n".join(lines) + ("\n" + earlier if earlier else "")
