"""The casting-product images (shared data) built with a resize and the stratified split."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PIL import Image

from mfgdata.prep import build_recipe

DEFECT, OK = 453, 262


def test_casting_images_resized_and_split_with_class_balance(shared_data: Path, tmp_path: Path) -> None:
    # given
    project = tmp_path / "casting"
    project.mkdir()
    recipe = f"""version: 1
inputs: [{(shared_data / "casting-product-images").as_posix()}]
steps:
  - type: split
    by: stratified
    column: label
    ratios: {{train: 0.7, valid: 0.15, test: 0.15}}
    seed: 42
  - type: resize-images
    max_side: 128
"""
    (project / "recipe.yaml").write_text(recipe, encoding="utf-8")
    # when
    result = build_recipe(project)
    # then
    images = sorted(p for p in (project / "build" / "data" / "images").rglob("*") if p.is_file())
    assert len(images) == result.rows_written == DEFECT + OK == 715
    counts = Counter(tuple(p.relative_to(project / "build" / "data" / "images").parts[:2]) for p in images)
    for split, share in (("train", 0.7), ("valid", 0.15), ("test", 0.15)):
        total = counts[(split, "def_front")] + counts[(split, "ok_front")]
        assert abs(total - (DEFECT + OK) * share) <= 2
        assert abs(counts[(split, "def_front")] - total * DEFECT / (DEFECT + OK)) <= 2
        assert abs(counts[(split, "ok_front")] - total * OK / (DEFECT + OK)) <= 2
    with Image.open(images[0]) as image:
        assert max(image.size) == 128
