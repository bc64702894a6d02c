"""Text encoding of factory exports: UTF-8 (with or without BOM), cp949/EUC-KR, cp1252.

Korean Windows software (Excel, MES clients, PLC loggers) writes cp949 by default; newer tools write
UTF-8, often with a BOM so Excel opens it. We decide from the bytes, never from the file name.
"""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from mfgdata.errors import input_error

SAMPLE_BYTES = 1 << 20
_BOM = b"\xef\xbb\xbf"
_CANDIDATES = ["cp949", "euc_kr", "cp1252", "utf_16"]


def read_sample(path: Path, size: int = SAMPLE_BYTES) -> bytes:
    """The first `size` bytes of a file."""
    with path.open("rb") as handle:
        return handle.read(size)


def detect_encoding(path: Path, sample: bytes, *, complete: bool) -> str:
    """Name a Python codec for the file: `utf-8-sig`, `utf-8`, `ascii`, `cp949`, `cp1252` or `utf-16`.

    `complete` says whether `sample` is the whole file (then a multi-byte character cut at the end of
    the sample cannot be the reason UTF-8 fails).
    """
    if sample.startswith(_BOM):
        return "utf-8-sig"
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if _looks_binary(sample):
        raise input_error(
            "binary-file",
            path,
            "텍스트 표 파일이 아닙니다 (이진 데이터가 들어 있습니다). "
            "CSV나 엑셀 파일인지 확인하고, 맞는 파일로 다시 지정하세요.",
            "This is not a text table (it contains binary data). Check that it is a CSV or Excel file "
            "and pass the right file.",
        )
    if sample.isascii():
        return "ascii"
    if _is_utf8(sample, complete=complete):
        return "utf-8"
    return _guess_legacy(sample)


def _is_utf8(sample: bytes, *, complete: bool) -> bool:
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A character cut by the sample boundary is not evidence against UTF-8.
        return not complete and error.start >= len(sample) - 3
    return True


def _mostly_korean(sample: bytes) -> bool:
    """Hangul throughout when read as cp949, with at most a stray bad byte per hundred syllables.

    A cp949 export with one damaged byte must not be read as cp1252 (which decodes anything and turns
    every Korean word into mojibake); European cp1252 text fails as cp949 far more often than that.
    """
    text = sample.decode("cp949", errors="replace")
    hangul = sum(1 for char in text if "\uac00" <= char <= "\ud7a3")
    return hangul >= 20 and text.count("\ufffd") <= hangul / 100


def _guess_legacy(sample: bytes) -> str:
    """cp949 or cp1252, by charset-normalizer restricted to the codecs factory exports use."""
    if _mostly_korean(sample):
        return "cp949"
    best = from_bytes(sample[: 256 * 1024], cp_isolation=_CANDIDATES).best()
    if best is None:
        return "cp949" if _decodes(sample, "cp949") else "cp1252"
    name = best.encoding
    if name in {"euc_kr", "cp949"}:
        return "cp949"  # cp949 is a superset of EUC-KR: Excel's "ANSI" on Korean Windows
    if name == "utf_16":
        return "utf-16"
    return "cp1252"


def _decodes(sample: bytes, codec: str) -> bool:
    try:
        sample.decode(codec)
    except UnicodeDecodeError as error:
        return error.start >= len(sample) - 1
    return True


def _looks_binary(sample: bytes) -> bool:
    """NUL bytes or many control characters: a binary file, whatever its name says."""
    head = sample[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 13, 12))
    return controls / len(head) > 0.05
