"""The `images` section of a profile: statistics, corrupt files and near-duplicate photos."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageEnhance

from mfgdata.dataset.images import open_image_collection
from mfgdata.profiling.images import near_duplicate_groups, perceptual_hash, profile_images

SCHEMA_FIELDS = {
    "label_format", "count", "classes", "splits", "formats", "modes", "sizes", "bytes", "corrupt",
    "near_duplicates", "unlabelled",
}  # fmt: skip


def _scene(seed: int, size: tuple[int, int] = (128, 96)) -> np.ndarray:
    """A smooth grey scene of soft blobs, values 0–1; each seed is a different picture, as photos are."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0 : size[1], 0 : size[0]]
    scene = np.zeros(x.shape)
    for _ in range(6):
        cx, cy = rng.uniform(0, size[0]), rng.uniform(0, size[1])
        radius, weight = rng.uniform(8, 30), rng.uniform(-1, 1)
        scene += weight * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * radius**2))
    return (scene - scene.min()) / (scene.max() - scene.min())


def _photo(seed: int, size: tuple[int, int] = (128, 96)) -> Image.Image:
    return Image.fromarray((40 + _scene(seed, size) * 180).astype(np.uint8)).convert("RGB")


def _save(image: Image.Image, path: Path, **options: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, **options)
    return path


def test_brightened_resaved_copy_is_a_near_duplicate_and_other_photos_are_not(tmp_path: Path) -> None:
    # given: a photo, the same photo 10% brighter saved again as JPEG, and two other photos
    _save(_photo(1), tmp_path / "ok" / "part_001.png")
    _save(ImageEnhance.Brightness(_photo(1)).enhance(1.1), tmp_path / "ng" / "part_001_copy.jpg", quality=85)
    _save(_photo(2), tmp_path / "ok" / "part_002.png")
    _save(_photo(3), tmp_path / "ng" / "part_003.png")

    # when
    groups = profile_images(open_image_collection(tmp_path))["near_duplicates"]

    # then
    assert len(groups) == 1
    assert groups[0]["paths"] == ["ng/part_001_copy.jpg", "ok/part_001.png"]
    assert 0 <= groups[0]["distance"] <= 4


def test_hashing_can_be_switched_off(tmp_path: Path) -> None:
    _save(_photo(1), tmp_path / "a.png")
    _save(_photo(1), tmp_path / "b.png")
    collection = open_image_collection(tmp_path)

    assert profile_images(collection, hash_images=False)["near_duplicates"] == []
    assert profile_images(collection)["near_duplicates"] == [{"paths": ["a.png", "b.png"], "distance": 0}]


def test_profile_of_class_folders_in_splits(tmp_path: Path) -> None:
    # given
    _save(_photo(1, (120, 80)), tmp_path / "train" / "ok" / "1.png")
    _save(_photo(2, (120, 80)), tmp_path / "train" / "ok" / "2.png")
    _save(_photo(3, (120, 80)).convert("L"), tmp_path / "train" / "ng" / "3.jpg")
    _save(_photo(4, (64, 64)), tmp_path / "test" / "ng" / "4.png")
    (tmp_path / "test" / "ng" / "5.jpg").write_text("not a photo", encoding="utf-8")

    # when
    images = profile_images(open_image_collection(tmp_path))

    # then
    assert set(images) == SCHEMA_FIELDS
    assert images["label_format"] == "folders"
    assert images["count"] == 5
    assert images["classes"] == [{"name": "ng", "count": 3}, {"name": "ok", "count": 2}]
    assert images["splits"] == [{"name": "train", "count": 3}, {"name": "test", "count": 2}]
    assert images["formats"] == {"PNG": 3, "JPEG": 1}
    assert images["modes"] == {"RGB": 3, "L": 1}
    assert images["sizes"] == {
        "width": {"min": 64, "max": 120, "median": 120},
        "height": {"min": 64, "max": 80, "median": 80},
        "common": [{"width": 120, "height": 80, "count": 3}, {"width": 64, "height": 64, "count": 1}],
    }
    assert images["bytes"] == sum(file.stat().st_size for file in tmp_path.rglob("*.*"))
    assert images["corrupt"] == [
        {"path": "test/ng/5.jpg", "reason": "not an image: Pillow cannot identify the file's format"}
    ]
    assert images["near_duplicates"] == []
    assert images["unlabelled"] == 0
    assert json.loads(json.dumps(images, allow_nan=False)) == images


def test_coco_classes_count_annotations_and_keep_unused_categories(tmp_path: Path) -> None:
    # given
    for index in range(3):
        _save(_photo(index), tmp_path / "images" / f"{index}.jpg")
    coco = {
        "images": [{"id": index, "file_name": f"images/{index}.jpg"} for index in range(3)],
        "annotations": [
            {"id": 1, "image_id": 0, "category_id": 1},
            {"id": 2, "image_id": 0, "category_id": 1},
            {"id": 3, "image_id": 1, "category_id": 2},
        ],
        "categories": [{"id": 1, "name": "porosity"}, {"id": 2, "name": "flash"}, {"id": 3, "name": "crack"}],
    }
    (tmp_path / "annotations.json").write_text(json.dumps(coco), encoding="utf-8")

    # when
    images = profile_images(open_image_collection(tmp_path), hash_images=False)

    # then
    assert images["label_format"] == "coco"
    assert images["classes"] == [
        {"name": "porosity", "count": 2},
        {"name": "flash", "count": 1},
        {"name": "crack", "count": 0},
    ]
    assert images["unlabelled"] == 1


def test_image_that_breaks_after_opening_is_listed_as_corrupt(tmp_path: Path) -> None:
    # given: a file cut short between reading the collection and profiling it
    _save(_photo(1), tmp_path / "a.png")
    changing = _save(_photo(2), tmp_path / "b.bmp")
    collection = open_image_collection(tmp_path)
    changing.write_bytes(changing.read_bytes()[:-2000])

    # when
    images = profile_images(collection)

    # then
    assert [entry["path"] for entry in images["corrupt"]] == ["b.bmp"]
    assert "truncated" in images["corrupt"][0]["reason"]
    assert images["formats"] == {"PNG": 1}


def test_sixteen_bit_image_hashes_like_its_eight_bit_copy() -> None:
    # given: a 16-bit camera frame, which Pillow would clip to white on conversion to 8 bits
    scene = _scene(5)
    sixteen = Image.fromarray((scene * 60_000).astype(np.uint16))
    eight = Image.fromarray((scene * 255).astype(np.uint8))

    distance = (perceptual_hash(sixteen) ^ perceptual_hash(eight)).bit_count()

    assert sixteen.mode == "I;16"
    assert distance <= 4
    assert (perceptual_hash(sixteen) ^ perceptual_hash(Image.new("L", (128, 96), 255))).bit_count() > 4


def _bits(*positions: int) -> int:
    return sum(1 << position for position in positions)


def test_near_duplicate_groups_find_close_hashes_that_differ_in_every_band() -> None:
    # given: 4 differing bits, one in each quarter of the hash, and 5 spread over all five bands
    four_apart = {"a.png": 0, "b.png": _bits(0, 16, 32, 48)}
    five_apart = {"a.png": 0, "b.png": _bits(0, 13, 26, 39, 52)}

    assert near_duplicate_groups(four_apart, max_distance=4) == [{"paths": ["a.png", "b.png"], "distance": 4}]
    assert near_duplicate_groups(five_apart, max_distance=4) == []


def test_near_duplicate_groups_join_chains_and_report_the_weakest_link() -> None:
    # given: a–b 2 bits apart, b–c 4 bits apart (a–c 6); d and e (its complement) far from all
    hashes = {
        "c.png": _bits(1, 2, 20, 40),
        "a.png": _bits(1, 2, 3, 4),
        "b.png": _bits(1, 2),
        "d.png": _bits(*range(0, 64, 2)),
        "e.png": _bits(*range(1, 64, 2)),
    }

    groups = near_duplicate_groups(hashes, max_distance=4)

    assert groups == [{"paths": ["a.png", "b.png", "c.png"], "distance": 4}]


def test_near_duplicate_groups_are_the_same_without_numpy_bitwise_count(monkeypatch: pytest.MonkeyPatch) -> None:
    # given: NumPy 1.26, which pyproject allows, has no np.bitwise_count
    hashes = {"a.png": 0, "b.png": _bits(0, 16, 32, 48), "c.png": _bits(*range(0, 64, 2))}
    expected = [{"paths": ["a.png", "b.png"], "distance": 4}]
    assert near_duplicate_groups(hashes, max_distance=4) == expected

    monkeypatch.delattr(np, "bitwise_count", raising=False)

    assert near_duplicate_groups(hashes, max_distance=4) == expected


@pytest.mark.shared_data
def test_profile_of_casting_product_images(shared_data: Path) -> None:
    root = shared_data / "casting-product-images"
    if not root.is_dir():
        pytest.skip(f"the casting-product-images folder is absent: {root} (CI always has it)")

    images = profile_images(open_image_collection(root))

    assert images["count"] == 715
    assert images["classes"] == [{"name": "def_front", "count": 453}, {"name": "ok_front", "count": 262}]
    assert images["splits"] == [{"name": "test", "count": 715}]
    assert images["formats"] == {"JPEG": 715}
    assert images["sizes"]["common"] == [{"width": 300, "height": 300, "count": 715}]
    assert images["corrupt"] == []
    assert all(group["distance"] <= 4 and len(group["paths"]) >= 2 for group in images["near_duplicates"])
    assert json.loads(json.dumps(images, allow_nan=False)) == images
