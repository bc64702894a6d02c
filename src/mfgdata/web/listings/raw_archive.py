"""Raw files uploaded together as one .zip: unpacked for `productize`, refusing what could escape or explode.

Django-free, like `package_reader`. A seller's export folder zipped (several CSVs of one layout, a sheet
per month…) becomes a folder `mfgdata init` reads as one dataset. Refused, with the reason in Korean and
English: paths with `..`, absolute or drive paths, backslashes, links, too many files, more bytes than the
limit once unpacked (counted while writing, not trusted from the zip's headers), or compression ratios of a bomb.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath

from mfgdata.errors import ErrorText, MfgdataError

MAX_ENTRIES = 10_000
MAX_RATIO = 200
_SKIPPED = ("__MACOSX/", ".DS_Store", "Thumbs.db")


class RawArchiveError(MfgdataError):
    """The raw-file archive cannot be unpacked safely."""


def _refuse(code: str, ko: str, en: str) -> RawArchiveError:
    return RawArchiveError(
        code, ErrorText(ko=ko + " 파일을 확인해 다시 올리세요.", en=en + " Check the file and upload it again.")
    )


def _checked(info: zipfile.ZipInfo) -> PurePosixPath:
    name = info.filename
    path = PurePosixPath(name)
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in path.parts:
        raise _refuse("raw-unsafe-path", f"압축 파일에 안전하지 않은 경로가 있습니다: {name}.", f"Unsafe path: {name}.")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise _refuse("raw-link", f"압축 파일에 링크가 있습니다: {name}.", f"The archive contains a link: {name}.")
    if info.compress_size and info.file_size > 1024**2 and info.file_size / info.compress_size > MAX_RATIO:
        raise _refuse("raw-bomb", f"압축률이 비정상적인 파일이 있습니다: {name}.", f"Abnormal compression: {name}.")
    return path


def unpack_raw_archive(archive: Path, target: Path, *, max_total_bytes: int) -> Path:
    """Unpack `archive` into the empty folder `target` and return it; RawArchiveError when unsafe."""
    with zipfile.ZipFile(archive) as zipped:
        infos = zipped.infolist()
        if len(infos) > MAX_ENTRIES:
            raise _refuse(
                "raw-too-many-files", f"압축 파일의 파일이 너무 많습니다 ({len(infos)}개).", "Too many files."
            )
        written = 0
        for info in infos:
            path = _checked(info)
            if info.is_dir() or any(part in info.filename for part in _SKIPPED):
                continue
            destination = target.joinpath(*path.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            with zipped.open(info) as source, destination.open("wb") as sink:
                while block := source.read(1024 * 1024):
                    written += len(block)
                    if written > max_total_bytes:
                        raise _refuse(
                            "raw-too-large",
                            f"압축을 푼 크기가 한도({max_total_bytes:,}바이트)를 넘습니다.",
                            f"It unpacks to more than the limit ({max_total_bytes:,} bytes).",
                        )
                    sink.write(block)
    if written == 0:
        raise _refuse("raw-empty", "압축 파일 안에 파일이 없습니다.", "The archive holds no file.")
    while len(inside := list(target.iterdir())) == 1 and inside[0].is_dir():
        target = inside[0]  # a zipped folder: its files are the data, not the folder around them
    return target


def is_archive(filename: str) -> bool:
    return filename.lower().endswith(".zip")
