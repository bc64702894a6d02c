"""Things in a profile a person should look at, in Korean and English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mfgdata.dataset.model import Dataset

HIGH_MISSING_RATIO = 0.5


def _warning(code: str, ko: str, en: str, column: str | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"code": code, "message_ko": ko, "message_en": en}
    if column is not None:
        entry["column"] = column
    return entry


def _column_warnings(column: dict[str, Any], rows: int) -> list[dict[str, Any]]:
    name = column["name"]
    found: list[dict[str, Any]] = []
    unparsed = column.get("unparsed")
    if unparsed and unparsed["count"]:
        examples = ", ".join(unparsed["examples"][:3])
        kind_ko, kind_en = ("시간으로", "times") if column["type"] in {"timestamp", "time"} else ("숫자로", "numbers")
        found.append(
            _warning(
                "unparsed-values",
                f"'{name}' 열에서 {kind_ko} 읽을 수 없는 값 {unparsed['count']:,}개를 결측으로 두었습니다 "
                f"(예: {examples}). 원본 값을 확인하세요.",
                f"{unparsed['count']:,} values of '{name}' could not be read as {kind_en} and are kept as missing "
                f"(e.g. {examples}). Check them in the original.",
                name,
            )
        )
    if rows and column["count"] == 0:
        found.append(
            _warning(
                "all-missing",
                f"'{name}' 열은 값이 모두 비어 있습니다.",
                f"Column '{name}' is empty in every row.",
                name,
            )
        )
    elif column["missing_ratio"] > HIGH_MISSING_RATIO:
        found.append(
            _warning(
                "mostly-missing",
                f"'{name}' 열의 {column['missing_ratio']:.0%}가 비어 있습니다.",
                f"{column['missing_ratio']:.0%} of column '{name}' is missing.",
                name,
            )
        )
    elif column["distinct"] == 1 and rows > 1:
        found.append(
            _warning(
                "constant",
                f"'{name}' 열은 모든 행의 값이 같습니다.",
                f"Column '{name}' has the same value in every row.",
                name,
            )
        )
    return found


def _label_warnings(labels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for label in labels:
        present = [c for c in label["classes"] if c["value"] is not None]
        name = ", ".join(label["columns"][:3])
        if len(present) == 1:
            found.append(
                _warning(
                    "single-class-label",
                    f"라벨 '{name}'에는 한 가지 값({present[0]['value']})만 있어 지도학습에 쓸 수 없습니다.",
                    f"Label '{name}' has a single class ({present[0]['value']}); it cannot train a supervised model.",
                )
            )
        missing = next((c["count"] for c in label["classes"] if c["value"] is None), 0)
        if missing:
            found.append(
                _warning(
                    "missing-labels",
                    f"라벨 '{name}'이 비어 있는 행이 {missing:,}개 있습니다.",
                    f"{missing:,} rows have no value for label '{name}'.",
                )
            )
    return found


def collect_warnings(result: dict[str, Any], dataset: Dataset) -> list[dict[str, Any]]:
    """Warnings for columns, duplicates, labels and files left out of a folder."""
    rows = result["rows"]
    found: list[dict[str, Any]] = []
    for column in result["columns"]:
        found.extend(_column_warnings(column, rows))
    if result["duplicate_rows"]:
        count = result["duplicate_rows"]
        found.append(
            _warning(
                "duplicate-rows",
                f"완전히 같은 행이 {count:,}개 더 있습니다.",
                f"{count:,} rows repeat an earlier row exactly.",
            )
        )
    found.extend(_label_warnings(result["labels"]))
    replaced = dataset.source.replaced_characters
    if replaced:
        found.append(
            _warning(
                "undecodable-bytes",
                f"{dataset.source.encoding} 인코딩으로 읽을 수 없는 글자 {replaced:,}개를 '\ufffd'로 바꿨습니다. "
                "원본 파일의 인코딩을 확인하세요.",
                f"{replaced:,} characters could not be decoded as {dataset.source.encoding} and became '\ufffd'. "
                "Check the encoding of the original file.",
            )
        )
    others = dataset.source.other_files
    if others:
        names = ", ".join(Path(p).name for p in others[:5])
        found.append(
            _warning(
                "other-files",
                f"함께 읽지 않은 파일·시트 {len(others)}개가 있습니다: {names}. 따로 프로파일하세요.",
                f"{len(others)} files or sheets were not read with the rest: {names}. Profile them on their own.",
            )
        )
    return found
