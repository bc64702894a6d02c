"""Profiling: honest statistics of a dataset or an image collection, as a versioned JSON document."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from mfgdata import __version__
from mfgdata.dataset.images import ImageCollection
from mfgdata.dataset.model import Dataset, Source
from mfgdata.dataset.opener import open_source
from mfgdata.errors import input_error
from mfgdata.profiling.signals import profile_signals
from mfgdata.profiling.table import StepCallback, profile_table

SCHEMA_VERSION = "1.0"


def _source_entry(source: Source, file_rows: dict[str, int], rows: int) -> dict[str, Any]:
    files = []
    for file in source.files:
        count = file_rows.get(Path(file.path).name) if source.combined else rows
        files.append(
            {
                "path": file.path,
                "bytes": file.bytes,
                "sha256": file.sha256,
                "rows": count,
                "date_from_name": file.date_from_name,
            }
        )
    return {
        "paths": list(source.paths),
        "format": source.format,
        "encoding": source.encoding,
        "delimiter": source.delimiter,
        "header_rows": source.header_rows,
        "files": files,
        "combined": source.combined,
        "column_names_from": source.column_names_from,
        "other_files": list(source.other_files),
        "replaced_characters": source.replaced_characters,
    }


def _header(kind: str) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"mfgdata {__version__}",
        "created_at": dt.datetime.now(ZoneInfo("Asia/Seoul")).isoformat(timespec="seconds"),
        "kind": kind,
    }


def _silent(_step: str) -> None:
    return None


def profile_dataset(dataset: Dataset, on_step: StepCallback = _silent) -> dict[str, Any]:
    """The profile document of an opened Dataset."""
    body = profile_table(dataset, on_step)
    file_rows = body.pop("file_rows")
    signals = profile_signals(dataset.con, dataset.relation) if dataset.kind == "signals" else None
    return {
        **_header(dataset.kind),
        "source": _source_entry(dataset.source, file_rows, body["rows"]),
        **body,
        "images": None,
        "signals": signals,
    }


def profile_image_collection(collection: ImageCollection) -> dict[str, Any]:
    """The profile document of an image collection."""
    from mfgdata.profiling.images import profile_images  # numpy, Pillow and SciPy: only for images

    images = profile_images(collection)
    warnings = (
        [
            {
                "code": "corrupt-images",
                "message_ko": f"열 수 없거나 손상된 이미지 {len(images['corrupt'])}개가 있습니다.",
                "message_en": f"{len(images['corrupt'])} images are corrupt or cannot be opened.",
            }
        ]
        if images["corrupt"]
        else []
    )
    source = {
        "paths": [str(collection.root)],
        "format": "images",
        "encoding": None,
        "delimiter": None,
        "header_rows": 0,
        "files": [],
        "combined": True,
        "column_names_from": None,
        "other_files": [],
        "replaced_characters": 0,
    }
    return {
        **_header("images"),
        "source": source,
        "rows": images["count"],
        "duplicate_rows": 0,
        "duplicate_rows_exact": True,
        "candidate_keys": [],
        "columns": [],
        "timeseries": [],
        "labels": [],
        "images": images,
        "signals": None,
        "warnings": warnings,
    }


def profile_paths(paths: Sequence[Path | str], on_step: StepCallback = _silent) -> dict[str, Any]:
    """Open the inputs and profile them; raises InputError for input that cannot be read.

    `on_step` is told what is being done (for a progress display), in Korean and English.
    """
    on_step("파일 읽는 중 (reading files)")
    opened = open_source(paths)
    if isinstance(opened, ImageCollection):
        on_step("이미지 분석 중 (analysing images)")
        return profile_image_collection(opened)
    with opened as dataset:
        return profile_dataset(dataset, on_step)


def write_json(profile: dict[str, Any], path: Path) -> Path:
    """Write the profile as UTF-8 JSON (Hangul kept readable)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(profile, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def load_profile(path: Path) -> dict[str, Any]:
    """Read a profile JSON, refusing one of an unknown major schema version."""
    profile = json.loads(Path(path).read_text(encoding="utf-8"))
    major = str(profile.get("schema_version", "")).split(".")[0]
    if major != SCHEMA_VERSION.split(".")[0]:
        raise input_error(
            "profile-version",
            path,
            f"프로파일 형식 버전 {profile.get('schema_version')}은(는) 읽을 수 없습니다. "
            "이 버전의 mfgdata로 다시 프로파일하세요.",
            f"Profile schema version {profile.get('schema_version')} is not supported. Profile the data again "
            "with this version of mfgdata.",
        )
    return profile
