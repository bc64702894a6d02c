"""Image collections: folders of inspection photos, with labels in folders, COCO JSON or YOLO text files.

A vision-inspection data product is a folder of images whose labels follow one of a few layouts: one
folder per class (`ok/`, `defect/`, possibly under `train/`/`test/` splits), a COCO JSON file, or YOLO `.txt`
files. Every image's header and integrity are read so a broken or hostile file becomes a record with an
`error`, never an exception; pixels are decoded only where integrity needs it (a JPEG at 1/8 scale).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import warnings
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from PIL import Image, UnidentifiedImageError

from mfgdata.errors import input_error

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".gif", ".webp"})
SPLIT_NAMES = frozenset({"train", "test", "val", "valid", "validation"})
# Twice Pillow's default MAX_IMAGE_PIXELS, kept here so a bomb is refused even when a caller has
# switched Pillow's own check off (Image.MAX_IMAGE_PIXELS = None).
MAX_PIXELS = 178_956_970

LabelFormat = Literal["folders", "coco", "yolo", "none"]

_CLASS_NAME_FILES = ("classes.txt", "obj.names")
_CONTAINER_FOLDERS = frozenset({"images", "imgs", "img", "pictures", "photos", "jpegimages"})
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini"})
_COMPANION_SUFFIXES = frozenset({".json", ".yaml", ".yml", ".names", ".md", ".xml"})
_IMAGE_SHARE = 0.8
_YOLO_LINE = re.compile(r"^\d+(\s+[-+0-9.eE]+){4,}$")
_QUOTED = re.compile(r"""\s*(?:'[^']*'|"[^"]*"|[^,]+)""")


@dataclass(frozen=True)
class ImageRecord:
    """One image file: where it is, its label, what its header says, and why it is unusable if it is."""

    path: str  # relative to the collection root, POSIX separators
    split: str | None
    label: str | None  # class folder, or the sorted categories of its COCO/YOLO annotations joined by ","
    format: str | None
    mode: str | None
    width: int | None
    height: int | None
    bytes: int
    error: str | None


@dataclass(frozen=True)
class ImageCollection:
    """A folder of images with its label layout; records are sorted by path so results are reproducible."""

    root: Path
    label_format: LabelFormat
    records: tuple[ImageRecord, ...]
    classes: tuple[str, ...]
    annotations: dict[str, int]  # annotations per category (COCO and YOLO only)
    unlabelled: int


@dataclass(frozen=True)
class _Labels:
    format: LabelFormat
    by_path: dict[str, str]
    classes: tuple[str, ...]
    annotations: dict[str, int]


def looks_like_image_collection(path: Path) -> bool:
    """Whether `path` is a folder of images, so `profile` can read it as one instead of as tables.

    At least 80% of its data files must be images; documentation (README, SOURCE.md, licences) and the
    label files that travel with images (COCO JSON, YOLO `.txt`, `classes.txt`, `data.yaml`) are not
    counted against it, but a CSV or a second kind of data file is.
    """
    if not path.is_dir():
        return False
    files = _data_files(path)
    images = [file for file in files if _is_image(file)]
    if not images:
        return False
    stems = {file.stem for file in images}
    others = sum(1 for file in files if not _is_image(file) and not _is_companion(file, stems))
    return len(images) >= _IMAGE_SHARE * (len(images) + others)


def open_image_collection(path: Path) -> ImageCollection:
    """Read a folder of images: find its label layout and check every image's header and integrity.

    The layout is tried in this order: COCO (a JSON file with `images`, `annotations` and `categories`),
    YOLO (`.txt` files of `class cx cy w h` lines beside the images or in a sibling `labels/` folder),
    one folder per class (at least two classes, optionally under `train`/`test`/`val` split folders),
    else `none`. Unreadable, truncated and oversized files become records with `error` set.
    """
    root = _checked_root(path)
    files = _data_files(root)
    image_files = _image_files(root, files)
    relatives = [file.relative_to(root).as_posix() for file in image_files]
    labels = (
        _coco_labels(root, files, relatives)
        or _yolo_labels(root, files, relatives)
        or _folder_labels(relatives)
        or _Labels("none", {}, (), {})
    )
    records = sorted(
        (
            replace(inspect_image(file, relative), label=labels.by_path.get(relative))
            for file, relative in zip(image_files, relatives, strict=True)
        ),
        key=lambda record: record.path,
    )
    return ImageCollection(
        root=root,
        label_format=labels.format,
        records=tuple(records),
        classes=labels.classes,
        annotations=labels.annotations,
        unlabelled=sum(1 for record in records if record.label is None),
    )


def inspect_image(file: Path, relative: str) -> ImageRecord:
    """Header facts of one image and, if it cannot be used, why (as `error`, never as an exception).

    `verify()` checks PNG chunks but not other formats' pixel data, so the file is then reopened (Pillow
    requires it after `verify`) and decoded: a JPEG at 1/8 scale, which still reads every byte, others in
    full. Images over `MAX_PIXELS` (or over Pillow's own warning limit) are refused as decompression bombs.
    """
    facts: dict[str, Any] = {"format": None, "mode": None, "width": None, "height": None, "error": None}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            _check_image(file, facts)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        facts["error"] = f"refused as a decompression bomb: {error}"
    except UnidentifiedImageError:
        facts["error"] = "not an image: Pillow cannot identify the file's format"
    except Exception as error:  # Pillow's decoders raise many types (OSError, SyntaxError, EOFError, ...)
        facts["error"] = f"corrupt image: {error}"
    return ImageRecord(path=relative, split=_split_of(relative), label=None, bytes=file.stat().st_size, **facts)


def _check_image(file: Path, facts: dict[str, Any]) -> None:
    with Image.open(file) as image:
        facts.update(format=image.format, mode=image.mode, width=image.width, height=image.height)
        if image.width * image.height > MAX_PIXELS:
            raise Image.DecompressionBombError(
                f"{image.width}×{image.height} = {image.width * image.height:,} pixels is over the limit "
                f"of {MAX_PIXELS:,}"
            )
        image.verify()
    if facts["format"] == "PNG":
        return  # verify() read and checked every chunk
    with Image.open(file) as image:
        image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()


def _checked_root(path: Path) -> Path:
    if not path.exists():
        raise input_error(
            "path-not-found",
            path,
            "지정한 경로가 없습니다. 경로의 철자와 위치를 확인한 뒤 다시 실행하세요.",
            "The path does not exist. Check its spelling and location, then run again.",
        )
    if not path.is_dir():
        raise input_error(
            "not-a-folder",
            path,
            "이미지 모음은 폴더로 지정해야 합니다. 이미지 파일 하나가 아니라 이미지가 들어 있는 폴더를 지정하세요.",
            "An image collection is a folder. Pass the folder that holds the images, not a single file.",
        )
    return path


def _image_files(root: Path, files: list[Path]) -> list[Path]:
    image_files = [file for file in files if _is_image(file)]
    if not image_files:
        raise input_error(
            "no-images",
            root,
            "이 폴더에는 이미지 파일(jpg, png, bmp, tif, gif, webp)이 없습니다. 이미지가 들어 있는 폴더를 지정하세요.",
            "This folder has no image files (jpg, png, bmp, tif, gif, webp). Pass the folder that holds the images.",
        )
    return image_files


def _data_files(root: Path) -> list[Path]:
    """Files under `root`, sorted, without hidden files and folders or OS clutter (`__MACOSX`)."""
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith(".") and name != "__MACOSX")
        found.extend(
            Path(folder) / name for name in filenames if not name.startswith(".") and name.lower() not in _SYSTEM_FILES
        )
    return sorted(found)


def _is_image(file: Path) -> bool:
    return file.suffix.lower() in IMAGE_SUFFIXES


def _is_companion(file: Path, image_stems: set[str]) -> bool:
    """Documentation and label files that travel with images and say nothing against a collection."""
    name = file.name.lower()
    if name.startswith(("readme", "license", "licence")) or name in _CLASS_NAME_FILES:
        return True
    if file.suffix.lower() == ".txt":
        return file.stem in image_stems or file.parent.name.lower() == "labels"
    return file.suffix.lower() in _COMPANION_SUFFIXES


def _split_of(relative: str) -> str | None:
    """The innermost folder named like a split (`train`, `test`, `val`, ...), as it is spelled."""
    folders = relative.split("/")[:-1]
    return next((name for name in reversed(folders) if name.lower() in SPLIT_NAMES), None)


def _folder_labels(relatives: list[str]) -> _Labels | None:
    """Labels from the image's own folder, when at least two such class folders exist."""
    by_path: dict[str, str] = {}
    for relative in relatives:
        folders = relative.split("/")[:-1]
        if folders and folders[-1].lower() not in SPLIT_NAMES | _CONTAINER_FOLDERS:
            by_path[relative] = folders[-1]
    classes = tuple(sorted(set(by_path.values())))
    return _Labels("folders", by_path, classes, {}) if len(classes) >= 2 else None


def _coco_labels(root: Path, files: list[Path], relatives: list[str]) -> _Labels | None:
    """Labels from every COCO JSON file in the collection (e.g. one per split), merged by category name."""
    jsons = [file for file in files if file.suffix.lower() == ".json"]
    documents = [(file, doc) for file in jsons if (doc := _coco_document(file)) is not None]
    if not documents:
        return None
    finder = _ImageFinder(relatives)
    names_by_path: dict[str, set[str]] = {}
    classes: list[str] = []
    annotations: Counter[str] = Counter()
    for file, doc in documents:
        try:
            names = {cat["id"]: str(cat["name"]) for cat in sorted(doc["categories"], key=lambda c: c["id"])}
            folder = file.parent.relative_to(root).as_posix()
            images = {image["id"]: finder.find(folder, str(image["file_name"])) for image in doc["images"]}
            pairs = [(ann["image_id"], ann["category_id"]) for ann in doc["annotations"]]
        except (KeyError, TypeError) as error:
            raise _coco_malformed(file, error) from error
        classes.extend(name for name in names.values() if name not in classes)
        for image_id, category_id in pairs:
            name = names.get(category_id, str(category_id))
            annotations[name] += 1
            if (relative := images.get(image_id)) is not None:
                names_by_path.setdefault(relative, set()).add(name)
    by_path = {relative: ",".join(sorted(names)) for relative, names in names_by_path.items()}
    return _Labels("coco", by_path, tuple(classes), dict(annotations))


def _coco_malformed(file: Path, error: Exception) -> Exception:
    return input_error(
        "coco-malformed",
        file,
        f"COCO 라벨 파일의 구조가 잘못되었습니다 (항목 {error} 문제). 라벨링 도구에서 COCO 형식으로 다시 내보내세요.",
        f"The COCO label file is malformed (problem with {error}). Export it again as COCO from the labelling tool.",
    )


def _coco_document(file: Path) -> dict[str, Any] | None:
    try:
        doc = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    keys = ("images", "annotations", "categories")
    return doc if isinstance(doc, dict) and all(isinstance(doc.get(key), list) for key in keys) else None


class _ImageFinder:
    """Finds the collection's image a COCO `file_name` names, as exported tools spell it."""

    def __init__(self, relatives: list[str]) -> None:
        self._relatives = set(relatives)
        self._by_name: dict[str, list[str]] = {}
        for relative in relatives:
            self._by_name.setdefault(posixpath.basename(relative), []).append(relative)

    def find(self, json_folder: str, file_name: str) -> str | None:
        """Beside the JSON file, then from the root, then by a file name that is unique in the collection."""
        file_name = file_name.replace("\\", "/")
        for candidate in (posixpath.join(json_folder, file_name), file_name):
            normal = posixpath.normpath(candidate)
            if normal in self._relatives:
                return normal
        matches = self._by_name.get(posixpath.basename(file_name), [])
        return matches[0] if len(matches) == 1 else None


def _yolo_labels(root: Path, files: list[Path], relatives: list[str]) -> _Labels | None:
    """Labels from YOLO `.txt` files, named after the image, beside it or in the matching `labels/` folder."""
    texts = {file.relative_to(root).as_posix(): file for file in files if file.suffix.lower() == ".txt"}
    ids_by_path: dict[str, list[int]] = {}
    for relative in relatives:
        label_file = next((texts[c] for c in _yolo_label_candidates(relative) if c in texts), None)
        ids = _yolo_class_ids(label_file) if label_file is not None else None
        if ids is not None:
            ids_by_path[relative] = ids
    if not any(ids_by_path.values()):
        return None
    names = _yolo_class_names(files)
    known = dict(enumerate(names))
    annotations = Counter(known.get(i, str(i)) for ids in ids_by_path.values() for i in ids)
    unnamed = sorted({i for ids in ids_by_path.values() for i in ids if i not in known})
    by_path = {
        relative: ",".join(sorted({known.get(i, str(i)) for i in ids})) for relative, ids in ids_by_path.items() if ids
    }
    return _Labels("yolo", by_path, (*names, *(str(i) for i in unnamed)), dict(annotations))


def _yolo_label_candidates(relative: str) -> list[str]:
    *folders, name = relative.split("/")
    stem, candidates = posixpath.splitext(name)[0], []
    if "images" in folders:
        index = len(folders) - 1 - folders[::-1].index("images")
        candidates.append("/".join([*folders[:index], "labels", *folders[index + 1 :], f"{stem}.txt"]))
    candidates.append("/".join([*folders, f"{stem}.txt"]))
    return candidates


def _yolo_class_ids(file: Path) -> list[int] | None:
    """Class id of each box, or None when the file is not YOLO (an empty file is: no objects)."""
    try:
        lines = [line.strip() for line in file.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError):
        return None
    if not all(_YOLO_LINE.match(line) for line in lines):
        return None
    return [int(line.split()[0]) for line in lines]


def _yolo_class_names(files: list[Path]) -> list[str]:
    """Class names from `classes.txt`, `obj.names` or a YAML file's `names:`, the shallowest first."""
    yaml = {".yaml", ".yml"}
    candidates = [file for file in files if file.name.lower() in _CLASS_NAME_FILES or file.suffix.lower() in yaml]
    for file in sorted(candidates, key=lambda file: (len(file.parts), file.name.lower() != "data.yaml", file)):
        text = file.read_text(encoding="utf-8-sig", errors="replace")
        if file.suffix.lower() in yaml:
            names = _yaml_names(text)
        else:
            names = [line.strip() for line in text.splitlines() if line.strip()]
        if names:
            return names
    return []


def _yaml_names(text: str) -> list[str] | None:
    """The `names:` of a YOLO `data.yaml`, by id: a flow list, a block list, or an id → name mapping.

    YOLO dataset files use only this small part of YAML, so we read it by hand rather than depend on PyYAML.
    """
    lines = [re.sub(r"(^|\s)#.*$", "", line).rstrip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        match = re.match(r"^names\s*:\s*(.*)$", line)
        if match is None:
            continue
        inline = match.group(1).strip()
        if inline:
            items = [item.strip() for item in _QUOTED.findall(inline.strip("[]{}")) if item.strip()]
        else:
            block = []
            for item in lines[index + 1 :]:
                if item and not item[0].isspace() and not item.startswith("-"):
                    break
                if item.strip():
                    block.append(item.strip())
            items = [item.removeprefix("-").strip() for item in block]
        return _names_by_id(items)
    return None


def _names_by_id(items: list[str]) -> list[str]:
    """`["a", "b"]` stays as it is; `["0: a", "1: b"]` is ordered by id, a missing id named by its number."""
    pairs = [re.match(r"""^(\d+)\s*:\s*(.*)$""", item) for item in items]
    if not items or not all(pairs):
        return [_unquote(item) for item in items]
    mapping = {int(pair.group(1)): _unquote(pair.group(2)) for pair in pairs if pair}
    return [mapping.get(i, str(i)) for i in range(max(mapping) + 1)]


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text
