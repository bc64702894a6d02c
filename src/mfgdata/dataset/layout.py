"""The layout of a delimited text export: delimiter, quoting, header rows.

Factory exports break the assumptions of ordinary CSV sniffers: tab data in `.csv` files, every line
wrapped in one pair of quotes, runs of spaces as the separator with trailing spaces, and a group row
(`Process, Process, …, Sensor, …`) above the real column names. We look at the first lines and decide.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

WHITESPACE = "whitespace"
_DELIMITERS = (",", "\t", ";", "|")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_SAMPLE_LINES = 200


@dataclass(frozen=True)
class TextLayout:
    """How to split a text file into rows and fields."""

    delimiter: str
    wrapped_lines: bool
    header_rows: int
    names: tuple[str, ...]
    groups: tuple[str | None, ...]
    field_count: int

    @property
    def needs_rewrite(self) -> bool:
        """DuckDB's reader handles single-character delimiters; other layouts are normalised first."""
        return self.delimiter == WHITESPACE or self.wrapped_lines


def sample_lines(text: str) -> list[str]:
    """The first non-empty lines of a decoded sample (the caller has dropped a line cut by the sample end)."""
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[:_SAMPLE_LINES]


def unwrap(line: str) -> str:
    """Remove one pair of quotes around a whole line."""
    stripped = line.strip()
    return stripped[1:-1] if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"' else line


def detect_wrapped(lines: list[str]) -> bool:
    """Every line wrapped in exactly one pair of double quotes (an Excel re-save artefact)."""
    return bool(lines) and all(
        line.strip().startswith('"') and line.strip().endswith('"') and line.count('"') == 2 for line in lines
    )


def split_fields(line: str, delimiter: str) -> list[str]:
    """Split one line, respecting double quotes (enough to sniff; DuckDB does the real parse)."""
    if delimiter == WHITESPACE:
        return line.split()
    fields: list[str] = []
    current: list[str] = []
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            fields.append("".join(current))
            current = []
            continue
        current.append(char)
    fields.append("".join(current))
    return [field.strip('"') for field in fields]


def detect_delimiter(lines: list[str]) -> str:
    """The delimiter that splits every sampled line into the same number (≥ 2) of fields."""
    best, best_score = ",", 0.0
    for delimiter in (*_DELIMITERS, WHITESPACE):
        counts = [len(split_fields(line, delimiter)) for line in lines]
        mode, hits = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        if delimiter == WHITESPACE and best_score > 0:
            break  # runs of spaces only when no real delimiter fits
        score = hits / len(counts) + mode / 1000
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _is_number(value: str) -> bool:
    return bool(_NUMBER.match(value.strip()))


def _numeric_columns(rows: list[list[str]]) -> set[int]:
    numeric: set[int] = set()
    for row in rows:
        numeric.update(index for index, value in enumerate(row) if _is_number(value))
    return numeric


def _is_group_row(first: list[str], second: list[str]) -> bool:
    """A row of few repeated labels above a row of distinct names: a two-row header."""
    filled = [value.strip() for value in first if value.strip()]
    if len(first) < 4 or not filled or any(_is_number(value) for value in first + second):
        return False
    return len(set(filled)) <= len(first) / 2 and len({v.strip() for v in second}) == len(second)


def detect_header(rows: list[list[str]]) -> int:
    """0 (no header), 1, or 2 (group row + names), from how the first rows compare with the data."""
    if not rows:
        return 0
    first = rows[0]
    if any(_is_number(value) for value in first if value.strip()):
        return 0
    if len(rows) > 2 and _is_group_row(first, rows[1]) and _numeric_columns(rows[2:12]):
        return 2
    return 1


def forward_fill(groups: list[str]) -> list[str | None]:
    """Merged cells in a group row come out empty after the first one; carry the label right."""
    filled: list[str | None] = []
    last: str | None = None
    for value in groups:
        last = value.strip() or last
        filled.append(last)
    return filled


def detect_layout(text: str) -> TextLayout:
    """Decide delimiter, line wrapping and header rows from the start of a decoded file."""
    lines = sample_lines(text)
    wrapped = detect_wrapped(lines)
    if wrapped:
        lines = [unwrap(line) for line in lines]
    delimiter = detect_delimiter(lines)
    rows = [split_fields(line, delimiter) for line in lines]
    field_count = Counter(len(row) for row in rows[1:] or rows).most_common(1)[0][0]
    header_rows = detect_header(rows)
    names = tuple(rows[header_rows - 1]) if header_rows else ()
    groups = tuple(forward_fill(rows[0])) if header_rows == 2 else ()
    return TextLayout(delimiter, wrapped, header_rows, names, groups, field_count)
