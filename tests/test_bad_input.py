"""Bad input gets one line in Korean and English that says what is wrong, and a non-zero exit."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

HANGUL = range(0xAC00, 0xD7A4)


def _profile(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("MFGDATA_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "mfgdata", "profile", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _assert_one_clear_line(result: subprocess.CompletedProcess[str], code: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert code in lines[0]
    assert any(ord(char) in HANGUL for char in lines[0]), "the message must be in Korean"
    assert " / " in lines[0] and any(char.isascii() and char.isalpha() for char in lines[0].split(" / ")[-1])


def _xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["a", "b"])
    for index in range(200):
        workbook.active.append([index, index * 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    _assert_one_clear_line(_profile(tmp_path / "없는파일.csv"), "path-not-found")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    _assert_one_clear_line(_profile(path), "empty-file")


def test_binary_junk_named_csv(tmp_path: Path) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(bytes(range(256)) * 40)
    _assert_one_clear_line(_profile(path), "binary-file")


def test_header_only(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("설비,온도,압력\n", encoding="utf-8")
    _assert_one_clear_line(_profile(path), "no-data-rows")


def test_ragged_rows_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,c\n1,2,3\n4,5,6\n7,8\n9,10,11\n", encoding="utf-8")
    result = _profile(path)
    _assert_one_clear_line(result, "ragged-rows")
    assert "4번째 줄" in result.stderr and "Line 4" in result.stderr


def test_truncated_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsx"
    path.write_bytes(_xlsx_bytes()[:1500])
    _assert_one_clear_line(_profile(path), "broken-xlsx")


def test_xlsx_zip_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    # given a workbook whose sheet would expand from a few hundred kilobytes to gigabytes' worth of ratio
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"A" * (60 << 20) + b">")
    # then it is refused without being opened
    _assert_one_clear_line(_profile(path), "zip-bomb")


def test_zip_archive_is_asked_to_be_extracted(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.csv", "a,b\n1,2\n")
    _assert_one_clear_line(_profile(path), "archive-not-supported")


def test_jpg_that_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_text("this is not a picture", encoding="utf-8")
    _assert_one_clear_line(_profile(path), "not-an-image")


@pytest.mark.parametrize("name", ["data.parquet", "signals.mat"])
def test_damaged_binary_formats(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x00garbage" * 100)
    result = _profile(path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1
