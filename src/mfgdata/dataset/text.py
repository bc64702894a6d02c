"""Delimited text files: inspect the bytes, normalise what DuckDB cannot read, build the read_csv call.

Clean UTF-8 files with a one-character delimiter are read by DuckDB directly (fast, out of core).
Legacy encodings, quote-wrapped lines, space-aligned columns and mixed line endings are first rewritten
to a UTF-8 CSV copy in a work folder; that pass also finds ragged rows and says on which line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from mfgdata.dataset.encoding import SAMPLE_BYTES, detect_encoding, read_sample
from mfgdata.dataset.layout import WHITESPACE, TextLayout, detect_layout, unwrap
from mfgdata.errors import input_error

_DIRECT_ENCODINGS = {"ascii", "utf-8", "utf-8-sig"}


@dataclass(frozen=True)
class TextFile:
    """A text table as found on disk."""

    path: Path
    encoding: str
    layout: TextLayout
    mixed_newlines: bool

    @property
    def needs_rewrite(self) -> bool:
        return self.layout.needs_rewrite or self.mixed_newlines or self.encoding not in _DIRECT_ENCODINGS


def _decode_sample(path: Path, sample: bytes, encoding: str, complete: bool) -> str:
    text = sample.decode(encoding, errors="replace")
    if not complete:
        text = text[: text.rfind("\n") + 1] or text  # drop the line cut by the sample boundary
    return text


def inspect_text(path: Path) -> TextFile:
    """Encoding, layout and line endings of a delimited text file, from its first megabyte."""
    size = path.stat().st_size
    sample = read_sample(path)
    complete = size <= SAMPLE_BYTES
    if not sample.strip():
        raise input_error(
            "empty-file",
            path,
            "파일이 비어 있습니다. 데이터가 저장된 파일인지 확인하고 다시 내보내세요.",
            "The file is empty. Check that the data was saved and export it again.",
        )
    encoding = detect_encoding(path, sample, complete=complete)
    text = _decode_sample(path, sample, encoding, complete)
    layout = detect_layout(text)
    data_lines = sum(1 for line in text.splitlines() if line.strip()) - layout.header_rows
    if complete and data_lines <= 0:
        raise input_error(
            "no-data-rows",
            path,
            "머리글만 있고 데이터 행이 없습니다. 데이터가 들어 있는 파일로 다시 내보내세요.",
            "The file has a header but no data rows. Export the file again with its data.",
        )
    crlf = sample.count(b"\r\n")
    mixed = 0 < crlf < sample.count(b"\n")
    return TextFile(path, encoding, layout, mixed)


def _fields(line: str, layout: TextLayout) -> list[str]:
    if layout.wrapped_lines:
        line = unwrap(line)
    if layout.delimiter == WHITESPACE:
        return line.split()
    return next(csv.reader([line], delimiter=layout.delimiter))


def ragged_row_error(path: Path, line_number: int, found: int, expected: int) -> Exception:
    """The error for a row whose number of fields differs from the header's."""
    return input_error(
        "ragged-rows",
        path,
        f"{line_number}번째 줄의 칸 수가 {found}개로, 다른 줄의 {expected}개와 다릅니다. "
        "구분자나 따옴표가 깨진 줄을 고친 뒤 다시 시도하세요.",
        f"Line {line_number} has {found} fields where the other lines have {expected}. "
        "Fix the broken delimiter or quote on that line and try again.",
    )


def rewrite_utf8(text_file: TextFile, target: Path) -> int:
    """Write a comma-separated UTF-8 copy (header rows kept); raise on a ragged row.

    Returns how many bytes could not be decoded and became U+FFFD, so the profile can say so.
    """
    replaced = 0
    layout = text_file.layout
    expected = layout.field_count
    target.parent.mkdir(parents=True, exist_ok=True)
    source = text_file.path.open(encoding=text_file.encoding, errors="replace", newline=None)
    with source as lines, target.open("w", encoding="utf-8", newline="\n") as out:
        writer = csv.writer(out, lineterminator="\n")
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            replaced += line.count("\ufffd")
            fields = _fields(line.rstrip("\n"), layout)
            while len(fields) > expected and not fields[-1].strip():
                fields.pop()  # a trailing delimiter is not an extra column
            if len(fields) != expected and number > layout.header_rows:
                raise ragged_row_error(text_file.path, number, len(fields), expected)
            writer.writerow(fields)
    return replaced


def read_csv_call(
    paths: list[str],
    *,
    delimiter: str,
    skip: int,
    names: list[str],
    with_filename: bool,
    types: dict[str, str] | None = None,
    sample_all: bool = True,
) -> str:
    """The DuckDB `read_csv(...)` expression for normalised or directly readable files."""
    options = [
        f"delim={_sql_string(delimiter)}",
        "quote='\"'",
        "escape='\"'",
        "header=false",
        f"skip={skip}",
        f"names=[{', '.join(_sql_string(name) for name in names)}]",
        f"sample_size={-1 if sample_all else 65536}",
        f"filename={'true' if with_filename else 'false'}",
    ]
    if types:
        pairs = ", ".join(f"{_sql_string(name)}: {_sql_string(kind)}" for name, kind in types.items())
        options.append(f"types={{{pairs}}}")
    files = "[" + ", ".join(_sql_string(path) for path in paths) + "]"
    return f"read_csv({files}, {', '.join(options)})"


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
