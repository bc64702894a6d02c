"""Image projects: a folder of class folders built into split image folders, a manifest and lineage."""

from __future__ import annotations

import io
import json
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from PIL import Image

from mfgdata.prep import RecipeError, build_recipe

SPLIT = """
  - type: split
    by: stratified
    column: label
    ratios: {train: 0.6, valid: 0.2, test: 0.2}
    seed: 42
"""


def _image(path: Path, size: tuple[int, int], colour: tuple[int, int, int], fmt: str, **options: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, format=fmt, **options)


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0131] = "EditorSoftware"  # Software
    return exif.tobytes()


def _collection(root: Path, per_class: int = 10) -> Path:
    for i in range(per_class):
        _image(root / "ok" / f"ok_{i:02}.png", (60, 40), (i * 20, 100, 50), "PNG")
        _image(root / "defect" / f"defect_{i:02}.jpg", (30, 90), (200, i * 20, 10), "JPEG", exif=_exif())
    return root


def _project(tmp_path: Path, steps: str, name: str = "vision") -> Path:
    project = tmp_path / name
    project.mkdir()
    recipe = f"version: 1\ninputs: [{(tmp_path / 'raw').as_posix()}]\nsteps:\n{textwrap.dedent(steps)}"
    (project / "recipe.yaml").write_text(recipe, encoding="utf-8")
    return project


def _manifest(project: Path) -> list[dict[str, object]]:
    return pq.read_table(project / "build" / "data" / f"{project.name}.parquet").to_pylist()


def _written(project: Path) -> dict[str, bytes]:
    folder = project / "build" / "data" / "images"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_split_puts_every_class_in_every_split_and_no_image_twice(tmp_path: Path) -> None:
    # given
    _collection(tmp_path / "raw")
    project = _project(tmp_path, SPLIT)
    # when
    result = build_recipe(project)
    # then
    written = _written(project)
    assert len(written) == 20
    folders = Counter(tuple(path.split("/")[:2]) for path in written)
    assert set(folders) == {(s, c) for s in ("train", "valid", "test") for c in ("ok", "defect")}
    names = [path.split("/")[-1] for path in written]
    assert len(names) == len(set(names))
    rows = _manifest(project)
    assert {row["output_path"] for row in rows} == {f"data/images/{path}" for path in written}
    assert result.rows_written == 20


def test_resize_keeps_aspect_ratio_and_never_enlarges(tmp_path: Path) -> None:
    # given: ok images are 60×40, defect images 30×90
    _collection(tmp_path / "raw")
    project = _project(tmp_path, "  - type: resize-images\n    max_side: 45\n")
    # when
    build_recipe(project)
    # then
    sizes = {row["label"]: (row["width"], row["height"]) for row in _manifest(project)}
    assert sizes == {"ok": (45, 30), "defect": (15, 45)}
    for path, data in _written(project).items():
        assert Image.open(io.BytesIO(data)).size == sizes[path.split("/")[1]]
    assert {row["source_sha256"] != row["sha256"] for row in _manifest(project)} == {True}

    project_big = _project(tmp_path, "  - type: resize-images\n    max_side: 500\n", name="big")
    build_recipe(project_big)
    assert {(r["width"], r["height"]) for r in _manifest(project_big)} == {(60, 40), (30, 90)}


def test_strip_exif_removes_metadata_and_keeps_jpeg_pixels(tmp_path: Path) -> None:
    # given
    _collection(tmp_path / "raw", per_class=2)
    project = _project(tmp_path, "  - type: strip-exif\n")
    # when
    build_recipe(project)
    # then
    source = (tmp_path / "raw" / "defect" / "defect_00.jpg").read_bytes()
    written = _written(project)["all/defect/defect_00.jpg"]
    assert b"CameraMaker" in source
    assert b"CameraMaker" not in written
    assert not Image.open(io.BytesIO(written)).getexif()
    assert Image.open(io.BytesIO(written)).tobytes() == Image.open(io.BytesIO(source)).tobytes()


def test_convert_to_png_renames_and_changes_format(tmp_path: Path) -> None:
    # given
    _collection(tmp_path / "raw", per_class=2)
    project = _project(tmp_path, "  - type: convert-images\n    format: png\n")
    # when
    build_recipe(project)
    # then
    written = _written(project)
    assert sorted(written) == [f"all/{c}/{c}_{i:02}.png" for c in ("defect", "ok") for i in range(2)]
    assert {Image.open(io.BytesIO(data)).format for data in written.values()} == {"PNG"}
    assert {row["format"] for row in _manifest(project)} == {"PNG"}


def test_two_builds_give_identical_bytes(tmp_path: Path) -> None:
    # given
    _collection(tmp_path / "raw")
    steps = SPLIT + "  - type: resize-images\n    max_side: 20\n  - type: convert-images\n    format: jpeg\n"
    project = _project(tmp_path, steps)
    # when
    build_recipe(project)
    first = _written(project), (project / "build" / "lineage.json").read_bytes()
    build_recipe(project)
    # then
    assert (_written(project), (project / "build" / "lineage.json").read_bytes()) == first
    assert not list((project / "build").glob(".tmp-*"))


def test_corrupt_image_is_skipped_and_counted(tmp_path: Path) -> None:
    # given
    raw = _collection(tmp_path / "raw", per_class=3)
    (raw / "ok" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    project = _project(tmp_path, "  - type: filter\n    where: \"label = 'ok'\"\n    allow_row_loss: 0.6\n")
    # when
    build_recipe(project)
    # then
    lineage = json.loads((project / "build" / "lineage.json").read_text(encoding="utf-8"))
    assert lineage["skipped_images"]["count"] == 1
    assert lineage["skipped_images"]["files"][0]["path"] == "ok/broken.png"
    assert lineage["inputs"][0]["files"] == 7
    assert [(s["type"], s["rows_in"], s["rows_out"]) for s in lineage["steps"]] == [("filter", 6, 3)]
    assert sorted(_written(project)) == [f"all/ok/ok_{i:02}.png" for i in range(3)]
    csv = (project / "build" / "data" / "vision.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf")


def test_image_step_on_a_table_is_refused(make_project: Callable[..., Path]) -> None:
    project = make_project(
        "version: 1\ninputs: [sources/data.csv]\nsteps:\n  - type: strip-exif\n", {"data.csv": "a,b\n1,2\n"}
    )
    with pytest.raises(RecipeError, match="folder of images"):
        build_recipe(project)


def test_bad_max_side_is_located(tmp_path: Path) -> None:
    _collection(tmp_path / "raw", per_class=2)
    project = _project(tmp_path, "  - type: resize-images\n    max_side: 0\n")
    with pytest.raises(RecipeError, match="max_side"):
        build_recipe(project)
