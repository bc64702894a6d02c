"""One-sentence summaries of a dataset in Korean and English, from the profile's facts.

Used for the table description in the contract and the description in product.yaml: how many rows,
columns and files, which period at which cadence, how many series, which label with what balance.
"""

from __future__ import annotations

from typing import Any


def period(profile: dict[str, Any]) -> tuple[str, str] | None:
    """First and last date (`YYYY-MM-DD`) of the time axis, or of the first timestamp column."""
    for series in profile.get("timeseries", []):
        if series["axis"] == "timestamp" and series["start"]:
            return str(series["start"])[:10], str(series["end"])[:10]
    for column in profile.get("columns", []):
        if column["type"] in ("timestamp", "date") and column["min"]:
            return str(column["min"])[:10], str(column["max"])[:10]
    return None


def _interval(seconds: float) -> tuple[str, str]:
    if seconds < 60:
        return f"{seconds:g}초", f"{seconds:g} s"
    if seconds < 3600:
        return f"{seconds / 60:g}분", f"{seconds / 60:g} min"
    return f"{seconds / 3600:.3g}시간", f"{seconds / 3600:.3g} h"


def _time_parts(profile: dict[str, Any]) -> tuple[list[str], list[str]]:
    ko: list[str] = []
    en: list[str] = []
    when = period(profile)
    series = profile.get("timeseries") or []
    if when:
        ko.append(f"기간 {when[0]} ~ {when[1]}")
        en.append(f"from {when[0]} to {when[1]}")
    if series and series[0]["axis"] == "timestamp" and series[0]["median_interval"]:
        step_ko, step_en = _interval(float(series[0]["median_interval"]))
        ko.append(f"중앙 간격 {step_ko}")
        en.append(f"median interval {step_en}")
    if series and series[0]["entity_column"]:
        first = series[0]
        ko.append(f"'{first['entity_column']}'별 시계열 {first['entities']:,}개")
        en.append(f"{first['entities']:,} series by '{first['entity_column']}'")
    return ko, en


def _label_parts(profile: dict[str, Any]) -> tuple[list[str], list[str]]:
    ko: list[str] = []
    en: list[str] = []
    for label in profile.get("labels", [])[:2]:
        columns = label["columns"]
        name = columns[0] if len(columns) == 1 else f"{columns[0]} … ({len(columns)}열)"
        name_en = columns[0] if len(columns) == 1 else f"{columns[0]} … ({len(columns)} columns)"
        classes = ", ".join(f"{c['value']} {c['ratio']:.1%}" for c in label["classes"][:3])
        ko.append(f"라벨 {name} ({classes})")
        en.append(f"label {name_en} ({classes})")
    return ko, en


def summary_ko_en(profile: dict[str, Any]) -> tuple[str, str]:
    """`(Korean, English)` one-sentence summary of the dataset."""
    rows = int(profile.get("rows") or 0)
    if profile.get("kind") == "images":
        images = profile.get("images") or {}
        classes = ", ".join(f"{c['name']} {c['count']:,}" for c in images.get("classes") or [])
        return (
            f"이미지 {rows:,}장 (클래스: {classes or '없음'}).",
            f"{rows:,} images (classes: {classes or 'none'}).",
        )
    files = len((profile.get("source") or {}).get("files") or [])
    ko = [f"{rows:,}행 × {len(profile.get('columns', []))}열", f"파일 {files}개"]
    en = [f"{rows:,} rows × {len(profile.get('columns', []))} columns", f"{files} file{'s' if files != 1 else ''}"]
    time_ko, time_en = _time_parts(profile)
    label_ko, label_en = _label_parts(profile)
    return ", ".join(ko + time_ko + label_ko) + ".", ", ".join(en + time_en + label_en) + "."
