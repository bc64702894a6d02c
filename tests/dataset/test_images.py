"""Reading image collections: label layouts, broken and hostile files, and errors a user can cause."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image

from mfgdata.dataset.images import (
    ImageCollection,
    ImageRecord,
    looks_like_image_collection,
    open_image_collection,
)
from mfgdata.errors import InputError

HANGUL = re.compile(r"[가-힣]")


def _image(path: Path, size: tuple[int, int] = (40, 30), mode: str = "RGB", **options: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new(mode, size, "gray" if mode != "1" else 0).save(path, **options)
    return path


def _text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _by_path(collection: ImageCollection) -> dict[str, ImageRecord]:
    return {record.path: record for record in collection.records}


def test_class_folders_label_each_image_by_its_folder(tmp_path: Path) -> None:
    # given
    _image(tmp_path / "ok" / "b.png", size=(40, 30))
    _image(tmp_path / "ok" / "a.png", size=(40, 30))
    _image(tmp_path / "defect" / "c.jpg", size=(64, 48), mode="L")
    _text(tmp_path / "README.md", "camera 3, line 2")
    _text(tmp_path / "ok" / ".DS_Store", "finder")
    _text(tmp_path / "__MACOSX" / "ok" / "._a.png", "resource fork")

    # when
    collection = open_image_collection(tmp_path)

    # then
    assert collection.label_format == "folders"
    assert collection.classes == ("defect", "ok")
    assert [record.path for record in collection.records] == ["defect/c.jpg", "ok/a.png", "ok/b.png"]
    defect = collection.records[0]
    assert (defect.label, defect.split, defect.format, defect.mode) == ("defect", None, "JPEG", "L")
    assert (defect.width, defect.height, defect.error) == (64, 48, None)
    assert defect.bytes == (tmp_path / "defect" / "c.jpg").stat().st_size
    assert collection.unlabelled == 0
    assert collection.annotations == {}


def test_split_folders_give_each_image_its_split_and_class(tmp_path: Path) -> None:
    # given
    _image(tmp_path / "train" / "ok_front" / "1.jpeg")
    _image(tmp_path / "train" / "def_front" / "2.jpeg")
    _image(tmp_path / "test" / "def_front" / "3.jpeg")
    _image(tmp_path / "Valid" / "ok_front" / "4.jpeg")

    # when
    records = _by_path(open_image_collection(tmp_path))

    # then
    assert {path: (record.split, record.label) for path, record in records.items()} == {
        "train/ok_front/1.jpeg": ("train", "ok_front"),
        "train/def_front/2.jpeg": ("train", "def_front"),
        "test/def_front/3.jpeg": ("test", "def_front"),
        "Valid/ok_front/4.jpeg": ("Valid", "ok_front"),
    }


def test_split_and_image_folders_are_not_classes(tmp_path: Path) -> None:
    _image(tmp_path / "images" / "a.png")
    _image(tmp_path / "train" / "b.png")
    _image(tmp_path / "test" / "c.png")
    _image(tmp_path / "d.png")

    collection = open_image_collection(tmp_path)

    assert collection.label_format == "none"
    assert collection.classes == ()
    assert collection.unlabelled == 4
    assert [record.split for record in collection.records] == [None, None, "test", "train"]


def test_coco_json_labels_images_by_the_categories_of_their_annotations(tmp_path: Path) -> None:
    # given: a Roboflow-style export, the JSON beside the images
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        _image(tmp_path / "train" / name)
    coco = {
        "images": [{"id": 1, "file_name": "a.jpg"}, {"id": 2, "file_name": "b.jpg"}, {"id": 3, "file_name": "c.jpg"}],
        "annotations": [
            {"id": 10, "image_id": 1, "category_id": 1, "bbox": [1, 1, 5, 5]},
            {"id": 11, "image_id": 1, "category_id": 2, "bbox": [9, 9, 5, 5]},
            {"id": 12, "image_id": 2, "category_id": 1, "bbox": [1, 1, 5, 5]},
        ],
        "categories": [{"id": 3, "name": "crack"}, {"id": 2, "name": "dent"}, {"id": 1, "name": "scratch"}],
    }
    _text(tmp_path / "train" / "_annotations.coco.json", json.dumps(coco))

    # when
    collection = open_image_collection(tmp_path)

    # then
    assert collection.label_format == "coco"
    assert collection.classes == ("scratch", "dent", "crack")
    assert collection.annotations == {"scratch": 2, "dent": 1}
    labels = {record.path: record.label for record in collection.records}
    assert labels == {"train/a.jpg": "dent,scratch", "train/b.jpg": "scratch", "train/c.jpg": None}
    assert collection.unlabelled == 1
    assert all(record.split == "train" for record in collection.records)


def test_malformed_coco_json_is_an_input_error(tmp_path: Path) -> None:
    _image(tmp_path / "a.jpg")
    coco = {"images": [{"id": 1, "file_name": "a.jpg"}], "annotations": [], "categories": [{"id": 1}]}
    _text(tmp_path / "coco.json", json.dumps(coco))

    with pytest.raises(InputError) as raised:
        open_image_collection(tmp_path)

    assert raised.value.code == "coco-malformed"
    assert HANGUL.search(raised.value.text.ko)


def test_yolo_labels_folder_with_classes_txt(tmp_path: Path) -> None:
    # given: images/ and labels/ trees, b has an empty label file (no objects), c has none
    for name in ("a", "b", "c"):
        _image(tmp_path / "images" / "train" / f"{name}.jpg")
    _text(tmp_path / "labels" / "train" / "a.txt", "0 0.5 0.5 0.2 0.2\n1 0.1 0.1 0.05 0.05\n1 0.7 0.7 0.1 0.1\n")
    _text(tmp_path / "labels" / "train" / "b.txt", "")
    _text(tmp_path / "classes.txt", "scratch\ndent\n")

    # when
    collection = open_image_collection(tmp_path)

    # then
    assert collection.label_format == "yolo"
    assert collection.classes == ("scratch", "dent")
    assert collection.annotations == {"scratch": 1, "dent": 2}
    labels = {record.path: record.label for record in collection.records}
    assert labels == {"images/train/a.jpg": "dent,scratch", "images/train/b.jpg": None, "images/train/c.jpg": None}
    assert collection.unlabelled == 2


@pytest.mark.parametrize(
    "yaml",
    [
        "train: images/train\nnc: 2\nnames: ['ok', \"burr\"]  # two classes\n",
        "names:\n  - ok\n  - 'burr'\nnc: 2\n",
        "path: .\nnames:\n  0: ok\n  1: burr\n",
        "names: {0: ok, 1: burr}\n",
    ],
)
def test_yolo_class_names_from_data_yaml(tmp_path: Path, yaml: str) -> None:
    # given: label files beside the images
    _image(tmp_path / "a.png")
    _text(tmp_path / "a.txt", "1 0.5 0.5 0.2 0.2\n")
    _text(tmp_path / "data.yaml", yaml)

    collection = open_image_collection(tmp_path)

    assert collection.classes == ("ok", "burr")
    assert collection.records[0].label == "burr"


def test_yolo_without_class_names_names_classes_by_id(tmp_path: Path) -> None:
    _image(tmp_path / "a.png")
    _text(tmp_path / "a.txt", "3 0.5 0.5 0.2 0.2\n0 0.5 0.5 0.2 0.2\n")

    collection = open_image_collection(tmp_path)

    assert collection.label_format == "yolo"
    assert collection.classes == ("0", "3")
    assert collection.records[0].label == "0,3"


def test_text_file_named_jpg_is_a_record_with_an_error(tmp_path: Path) -> None:
    _image(tmp_path / "good.jpg")
    _text(tmp_path / "notes.jpg", "this is a shift report, not a photo")

    records = _by_path(open_image_collection(tmp_path))

    assert records["notes.jpg"].error == "not an image: Pillow cannot identify the file's format"
    assert records["notes.jpg"].format is None
    assert records["good.jpg"].error is None


@pytest.mark.parametrize("suffix", [".jpg", ".png", ".bmp"])
def test_truncated_image_is_a_record_with_an_error(tmp_path: Path, suffix: str) -> None:
    # given: the first half of a valid file, as when a camera upload is cut off
    whole = tmp_path / f"whole{suffix}"
    Image.effect_noise((200, 150), 60).convert("RGB").save(whole)
    data = whole.read_bytes()
    (tmp_path / f"cut{suffix}").write_bytes(data[: len(data) // 2])

    # when
    records = _by_path(open_image_collection(tmp_path))

    # then
    cut = records[f"cut{suffix}"]
    assert cut.error is not None and cut.error.startswith("corrupt image:")
    assert "runcated" in cut.error
    assert (cut.width, cut.height) == (200, 150)  # the header was still readable
    assert records[f"whole{suffix}"].error is None


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 20000 × 20000 PNG of about 50 kB that would take 400 M pixels to decode."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.png"
    Image.new("1", (20_000, 20_000)).save(path)
    return path


def test_decompression_bomb_is_refused(tmp_path: Path, bomb: Path) -> None:
    (tmp_path / "bomb.png").write_bytes(bomb.read_bytes())
    _image(tmp_path / "fine.png")

    records = _by_path(open_image_collection(tmp_path))

    assert (tmp_path / "bomb.png").stat().st_size < 100_000
    assert records["bomb.png"].error is not None
    assert records["bomb.png"].error.startswith("refused as a decompression bomb")
    assert records["fine.png"].error is None


def test_decompression_bomb_is_refused_when_pillow_check_is_off(
    tmp_path: Path, bomb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: an application that switched Pillow's own limit off
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    (tmp_path / "bomb.png").write_bytes(bomb.read_bytes())

    record = open_image_collection(tmp_path).records[0]

    assert record.error == (
        "refused as a decompression bomb: 20000×20000 = 400,000,000 pixels is over the limit of 178,956,970"
    )
    assert (record.width, record.height) == (20_000, 20_000)


def test_image_over_pillow_warning_limit_is_refused(tmp_path: Path) -> None:
    # given: 100 M pixels, under MAX_PIXELS but over the limit Pillow warns about
    Image.new("1", (10_000, 10_000)).save(tmp_path / "large.png")

    record = open_image_collection(tmp_path).records[0]

    assert record.error is not None
    assert record.error.startswith("refused as a decompression bomb")


def test_missing_path_is_an_input_error_in_korean_and_english(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        open_image_collection(tmp_path / "no-such-folder")

    assert raised.value.code == "path-not-found"
    assert HANGUL.search(raised.value.text.ko)
    assert "does not exist" in raised.value.text.en
    assert raised.value.path == str(tmp_path / "no-such-folder")


def test_folder_without_images_is_an_input_error(tmp_path: Path) -> None:
    _text(tmp_path / "README.md", "photos follow")
    _text(tmp_path / "measurements.csv", "a,b\n1,2\n")

    with pytest.raises(InputError) as raised:
        open_image_collection(tmp_path)

    assert raised.value.code == "no-images"
    assert HANGUL.search(raised.value.text.ko)


def test_a_single_file_is_not_a_collection(tmp_path: Path) -> None:
    photo = _image(tmp_path / "a.png")

    with pytest.raises(InputError) as raised:
        open_image_collection(photo)

    assert raised.value.code == "not-a-folder"
    assert not looks_like_image_collection(photo)


def test_looks_like_image_collection_counts_label_files_with_the_images(tmp_path: Path) -> None:
    # given: a YOLO export with its labels, class names and documentation
    photos = tmp_path / "photos"
    for name in ("a", "b"):
        _image(photos / "images" / f"{name}.jpg")
        _text(photos / "labels" / f"{name}.txt", "0 0.5 0.5 0.1 0.1\n")
    _text(photos / "classes.txt", "burr\n")
    _text(photos / "data.yaml", "names: [burr]\n")
    _text(photos / "SOURCE.md", "where it came from")
    # and a table folder with two charts in it
    tables = tmp_path / "tables"
    for name in ("a", "b", "c"):
        _text(tables / f"line_{name}.csv", "t,v\n1,2\n")
    _image(tables / "chart1.png")
    _image(tables / "chart2.png")

    assert looks_like_image_collection(photos)
    assert not looks_like_image_collection(tables)
    assert not looks_like_image_collection(tmp_path / "missing")


@pytest.mark.shared_data
def test_casting_product_images(shared_data: Path) -> None:
    root = shared_data / "casting-product-images"
    if not root.is_dir():
        pytest.skip(f"the casting-product-images folder is absent: {root} (CI always has it)")

    collection = open_image_collection(root)

    assert looks_like_image_collection(root)
    assert collection.label_format == "folders"
    assert len(collection.records) == 715
    assert collection.classes == ("def_front", "ok_front")
    labels = [record.label for record in collection.records]
    assert (labels.count("def_front"), labels.count("ok_front")) == (453, 262)
    assert {record.split for record in collection.records} == {"test"}
    assert {(record.format, record.width, record.height) for record in collection.records} == {("JPEG", 300, 300)}
    assert [record for record in collection.records if record.error is not None] == []
