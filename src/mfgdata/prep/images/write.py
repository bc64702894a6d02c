"""Write the images of a built manifest to `data/images/<split>/<label>/<name>`, each read once.

The split comes from the `split` column (`all` without one) and the label from the `label` column
(`unlabelled` when missing). Two images that would land on the same name get a short hash of their source
path added, so nothing is overwritten; the result does not depend on the order of the work.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from mfgdata.dataset.images import ImageRecord
from mfgdata.hashing import sha256_of
from mfgdata.prep.images.base import ImageStep
from mfgdata.prep.images.picture import SUFFIXES, Picture

IMAGES = "images"
NO_SPLIT = "all"
NO_LABEL = "unlabelled"
_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f]")


@dataclass(frozen=True)
class Placement:
    """Where one manifest row's image goes: its source path and the split and label folders."""

    path: str
    split: str | None
    label: str | None


@dataclass(frozen=True)
class WrittenImage:
    """One written image: its source, where it went (relative to the build folder) and what it is now."""

    path: str
    output_path: str
    format: str
    width: int
    height: int
    bytes: int
    sha256: str


def _folder_name(value: str | None, default: str) -> str:
    """A label or split as one safe folder name (no separators, not `.` or `..`)."""
    name = _UNSAFE.sub("_", value.strip()) if value else ""
    return default if name in ("", ".", "..") else name


def _file_name(record: ImageRecord, target_format: str) -> str:
    name = posixpath.basename(record.path)
    if target_format == record.format:
        return name
    return posixpath.splitext(name)[0] + SUFFIXES.get(target_format, posixpath.splitext(name)[1])


def _target_format(record: ImageRecord, steps: Sequence[ImageStep]) -> str:
    """The format after the steps, found on a stand-in picture without reading the file."""
    picture = Picture(b"", record.format or "", record.format or "", 0, 0)
    for step in steps:
        if step.type == "convert-images":
            step.apply(picture)
    return picture.format


def destinations(
    placements: Sequence[Placement], records: dict[str, ImageRecord], steps: Sequence[ImageStep]
) -> dict[str, str]:
    """Source path → `images/<split>/<label>/<name>`, names made unique with a hash of the source path."""
    wanted = {
        p.path: "/".join(
            (
                IMAGES,
                _folder_name(p.split, NO_SPLIT),
                _folder_name(p.label, NO_LABEL),
                _file_name(records[p.path], _target_format(records[p.path], steps)),
            )
        )
        for p in placements
    }
    taken = Counter(target.lower() for target in wanted.values())  # case-insensitive file systems
    for path, target in wanted.items():
        if taken[target.lower()] > 1:
            stem, suffix = posixpath.splitext(target)
            wanted[path] = f"{stem}-{hashlib.sha256(path.encode()).hexdigest()[:8]}{suffix}"
    return wanted


def write_image(
    source: Path, record: ImageRecord, steps: Sequence[ImageStep], target: Path
) -> tuple[Picture, list[bool]]:
    """Read `source` once, apply `steps` in order, write `target`; the final picture and which steps changed it."""
    data = source.read_bytes()
    picture = Picture(data, record.format or "", record.format or "", record.width or 0, record.height or 0)
    changed = [step.apply(picture) for step in steps]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(picture.encoded())
    return picture, changed


def write_images(
    root: Path,
    placements: Sequence[Placement],
    records: dict[str, ImageRecord],
    steps: Sequence[ImageStep],
    data_folder: Path,
) -> tuple[list[WrittenImage], list[int]]:
    """Write every placed image under `data_folder`; the written images and, per step, how many it changed."""
    targets = destinations(placements, records, steps)
    written: list[WrittenImage] = []
    changed_counts = [0] * len(steps)
    for placement in placements:
        record, relative = records[placement.path], targets[placement.path]
        target = data_folder / relative
        picture, changed = write_image(root / record.path, record, steps, target)
        changed_counts = [count + int(flag) for count, flag in zip(changed_counts, changed, strict=True)]
        with Image.open(target) as written_image:
            width, height = written_image.size
        written.append(
            WrittenImage(
                path=record.path,
                output_path=f"{data_folder.name}/{relative}",
                format=picture.format,
                width=width,
                height=height,
                bytes=target.stat().st_size,
                sha256=sha256_of(target),
            )
        )
    return written, changed_counts
