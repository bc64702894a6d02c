"""Render a profile (see docs/profile-schema.md) as one self-contained HTML page.

The page carries its CSS and its SVG charts inline and names no external URL, so it opens offline and can be
mailed as one file. Labels are Korean with English beside them. Every field may be missing or null: a
profile of images has no columns, a table has no images.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from importlib.resources import files
from pathlib import Path, PurePath
from typing import Any

import jinja2
from markupsafe import Markup

from mfgdata.profiling import svg

DASH = "—"
KST = timezone(timedelta(hours=9))
TIME_TYPES = ("timestamp", "date")
QUANTILE_KEYS = ("p01", "p05", "p25", "p50", "p75", "p95", "p99")
PER_ENTITY_SHOWN = 50
LIST_SHOWN = 100
TYPE_NAMES = {
    "integer": "정수 (integer)",
    "float": "실수 (float)",
    "boolean": "참/거짓 (boolean)",
    "string": "문자 (string)",
    "timestamp": "일시 (timestamp)",
    "date": "날짜 (date)",
    "time": "시각 (time)",
    "other": "기타 (other)",
}
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?$")


def _missing(value: object) -> bool:
    if value is None or isinstance(value, jinja2.Undefined):
        return True
    return isinstance(value, float) and math.isnan(value)


def _strip_zeros(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text and "e" not in text else text


def format_number(value: object) -> str:
    """Readable number: thousands separators, at most 4 decimals (4 significant digits below 1), null as —."""
    if _missing(value):
        return DASH
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}"
    if not isinstance(value, float):
        return format_value(value)
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) >= 1e15:
        return f"{value:.4g}"
    if abs(value) >= 1:
        return _strip_zeros(f"{value:,.4f}")
    return _strip_zeros(f"{value:.4g}")


def format_time(text: str) -> str:
    """ISO 8601 time as ``2024-03-05 14:02:11``; the Korean offset +09:00 is left out, any other is kept."""
    match = _ISO.match(text)
    if not match:
        return text
    day, clock, offset = match.groups()
    return f"{day} {clock}" if offset in (None, "+09:00") else f"{day} {clock} {offset}"


def format_value(value: object, max_chars: int = 60) -> str:
    """Any profile value (number, ISO time, text) as a short string; null as —."""
    if _missing(value):
        return DASH
    if isinstance(value, int | float):
        return format_number(value)
    text = format_time(str(value))
    return text if len(text) <= max_chars else text[: max_chars - 1] + "…"


def format_percent(ratio: object) -> str:
    """A 0–1 ratio as a percentage, ``12.5%``; tiny non-zero shares read ``<0.1%`` so they are not lost."""
    if _missing(ratio) or not isinstance(ratio, int | float):
        return DASH
    pct = float(ratio) * 100
    if 0 < pct < 0.1:
        return "<0.1%"
    if 99.9 < pct < 100:
        return ">99.9%"
    return f"{pct:.0f}%" if round(pct, 1).is_integer() else f"{pct:.1f}%"


def format_duration(seconds: object) -> str:
    """Seconds in Korean units, two largest first: ``5초``, ``2분 30초``, ``3시간 5분``, ``2일 4시간``."""
    if _missing(seconds) or not isinstance(seconds, int | float):
        return DASH
    total = float(seconds)
    if total < 0:
        return "−" + format_duration(-total)
    if total < 60:
        return _strip_zeros(f"{total:.3g}" if total < 1 else f"{total:.2f}") + "초"
    rest = round(total)
    parts = []
    for size, unit in ((86400, "일"), (3600, "시간"), (60, "분"), (1, "초")):
        amount, rest = divmod(rest, size)
        if amount or parts:
            parts.append(f"{amount:,}{unit}")
    shown = parts[:2]
    return " ".join(shown[:1] if shown[1:] and shown[1].startswith("0") else shown)


def format_bytes(size: object) -> str:
    """File size in B, KB, MB, GB (1024-based, one decimal)."""
    if _missing(size) or not isinstance(size, int | float):
        return DASH
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:,.0f} {unit}" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1024
    return DASH


def _interval(value: object, axis: object) -> str:
    if axis == "sequence" and not _missing(value):
        return f"{format_number(value)} 단계 (steps)"
    return format_duration(value)


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _edge_labels(edges: list, col_type: object) -> list[str]:
    """Histogram edges as text: epoch seconds become Korean local times for time columns."""
    try:
        if col_type in TIME_TYPES:
            stamps = [datetime.fromtimestamp(float(e), KST) for e in edges]
            midnight = all(s.hour == s.minute == s.second == 0 for s in stamps)
            return [s.strftime("%Y-%m-%d" if midnight else "%Y-%m-%d %H:%M") for s in stamps]
        if col_type == "time":
            return [f"{int(e) // 3600 % 24:02d}:{int(e) // 60 % 60:02d}:{int(e) % 60:02d}" for e in edges]
    except (TypeError, ValueError, OverflowError, OSError):
        pass
    return [format_number(e) for e in edges]


def _class_label(value: object) -> str:
    if _missing(value):
        return "(결측 missing)"
    return "(빈 값 empty)" if value == "" else format_value(value, 40)


def _bars(items: list[tuple[object, object]], total: object, ratios: list | None = None) -> Markup | None:
    """Bar chart of (value, count) pairs with each share of ``total``; None when there is nothing to draw."""
    bars = []
    for i, (value, count) in enumerate(items):
        n = count if isinstance(count, int | float) else 0
        ratio = ratios[i] if ratios else (n / total if isinstance(total, int | float) and total else None)
        share = f" ({format_percent(ratio)})" if not _missing(ratio) else ""
        bars.append(svg.Bar(_class_label(value), n, f"{format_number(n)}{share}"))
    return Markup(svg.bar_chart(bars)) if bars else None


def _column_stats(col: dict) -> list[dict[str, Any]]:
    """Rows of a column card: short figures in pairs, then min and max on full rows."""
    missing = f"{format_number(col.get('missing'))} ({format_percent(col.get('missing_ratio'))})"
    approx = "≈" if col.get("distinct_approx") else ""
    length = _dict(col.get("length"))
    rows: list[tuple[str, str, bool]] = [
        ("값 개수 (Count)", format_number(col.get("count")), False),
        ("결측 (Missing)", missing, bool(col.get("missing"))),
        ("고유값 (Distinct)", approx + format_number(col.get("distinct")), False),
    ]
    if not _missing(col.get("mean")):
        rows.append(("평균 (Mean)", format_number(col["mean"]), False))
        rows.append(("표준편차 (Std)", format_number(col.get("std")), False))
    if length:
        span = f"{format_number(length.get('min'))} – {format_number(length.get('max'))}"
        rows.append(("글자 수 (Length)", span, False))
    stats = [{"label": label, "text": text, "hot": hot, "wide": False} for label, text, hot in rows]
    for label, key in (("최솟값 (Min)", "min"), ("최댓값 (Max)", "max")):
        stats.append({"label": label, "text": format_value(col.get(key), 90), "hot": False, "wide": True})
    return stats


def _column_view(col: dict, index: int, rows: object, warnings: list[dict]) -> dict:
    """What one column card and its summary row show, computed once so the template stays plain."""
    hist = _dict(col.get("histogram"))
    counts, edges = _list(hist.get("counts")), _list(hist.get("edges"))
    chart = spark = None
    if counts and len(edges) == len(counts) + 1:
        chart = Markup(svg.histogram(counts, _edge_labels(edges, col.get("type"))))
        spark = Markup(svg.sparkline(counts))
    top = [(_dict(t).get("value"), _dict(t).get("count")) for t in _list(col.get("top_values"))]
    quantiles = _dict(col.get("quantiles"))
    unparsed = _dict(col.get("unparsed"))
    name, original = col.get("name"), col.get("original_name")
    return {
        **col,
        "anchor": f"col-{index + 1}",
        "number": index + 1,
        "histogram_svg": chart,
        "spark": spark,
        "top_svg": None if chart else _bars(top, rows),
        "quantile_items": [(k, quantiles[k]) for k in QUANTILE_KEYS if k in quantiles],
        "unparsed": unparsed if unparsed.get("count") or _list(unparsed.get("examples")) else None,
        "unparsed_examples": _list(unparsed.get("examples")),
        "original_differs": bool(original) and original != name,
        "stats": _column_stats(col),
        "warnings": warnings,
    }


def _timeseries_view(ts: dict) -> dict:
    axis = ts.get("axis")
    gaps = _dict(ts.get("gaps"))
    per_entity = [
        {**e, "interval_text": _interval(e.get("median_interval"), axis)}
        for e in (_dict(x) for x in _list(ts.get("per_entity")))
    ]
    largest = [
        {**g, "interval_text": _interval(g.get("interval"), axis)}
        for g in (_dict(x) for x in _list(gaps.get("largest")))
    ]
    return {
        **ts,
        "interval_text": _interval(ts.get("median_interval"), axis),
        "threshold_text": _interval(gaps.get("threshold"), axis),
        "gap_count": gaps.get("count"),
        "largest_gaps": largest,
        "per_entity_shown": per_entity[:PER_ENTITY_SHOWN],
        "per_entity_hidden": max(len(per_entity) - PER_ENTITY_SHOWN, 0),
    }


def _label_view(label: dict) -> dict:
    classes = [_dict(c) for c in _list(label.get("classes"))]
    total = sum(c.get("count") or 0 for c in classes)
    items = [(c.get("value"), c.get("count")) for c in classes]
    ratios = [c.get("ratio") for c in classes]
    ratios_known = all(not _missing(r) for r in ratios)
    return {
        **label,
        "columns_text": ", ".join(str(c) for c in _list(label.get("columns"))) or DASH,
        "chart": _bars(items, total, ratios if ratios_known else None),
    }


def _duplicate_group(group: dict, by_folder: bool) -> dict:
    """A near-duplicate group; with one folder per class, flagged when it spans classes (a labelling risk)."""
    paths = [str(p) for p in _list(group.get("paths"))]
    mixed = by_folder and len({PurePath(p).parent.name for p in paths}) > 1
    return {**group, "paths": paths, "mixed": mixed, "by_folder": by_folder}


def _images_view(images: object) -> dict | None:
    if not isinstance(images, dict):
        return None
    classes = [(_dict(c).get("name"), _dict(c).get("count")) for c in _list(images.get("classes"))]
    splits = [(_dict(c).get("name"), _dict(c).get("count")) for c in _list(images.get("splits"))]
    count = images.get("count")
    sizes = _dict(images.get("sizes"))
    corrupt, dups = _list(images.get("corrupt")), _list(images.get("near_duplicates"))
    by_folder = images.get("label_format") == "folders"
    return {
        **images,
        "classes_svg": _bars(classes, count),
        "splits_svg": _bars(splits, count),
        "formats_items": sorted(_dict(images.get("formats")).items(), key=lambda kv: -(kv[1] or 0)),
        "modes_items": sorted(_dict(images.get("modes")).items(), key=lambda kv: -(kv[1] or 0)),
        "width": _dict(sizes.get("width")),
        "height": _dict(sizes.get("height")),
        "common_sizes": [_dict(s) for s in _list(sizes.get("common"))],
        "corrupt_shown": [_dict(c) for c in corrupt[:LIST_SHOWN]],
        "corrupt_hidden": max(len(corrupt) - LIST_SHOWN, 0),
        "dups_shown": [_duplicate_group(_dict(d), by_folder) for d in dups[:LIST_SHOWN]],
        "dups_hidden": max(len(dups) - LIST_SHOWN, 0),
    }


def _title(paths: list) -> str:
    names = [PurePath(str(p)).name or str(p) for p in paths]
    if not names:
        return "데이터 프로파일 (Data profile)"
    shown = ", ".join(names[:3])
    return f"{shown} 외 {len(names) - 3}개" if len(names) > 3 else shown


def _missing_cells_ratio(columns: list[dict], rows: object) -> float | None:
    if not columns or not isinstance(rows, int) or rows <= 0:
        return None
    missing = sum(c.get("missing") or 0 for c in columns)
    return missing / (rows * len(columns))


def _context(profile: dict) -> dict[str, Any]:
    """Everything the template needs, with every optional part of the profile made safe to read."""
    source = _dict(profile.get("source"))
    rows = profile.get("rows")
    raw_columns = [_dict(c) for c in _list(profile.get("columns"))]
    warnings = [_dict(w) for w in _list(profile.get("warnings"))]
    anchors = {c.get("name"): f"col-{i + 1}" for i, c in enumerate(raw_columns)}
    columns = [
        _column_view(c, i, rows, [w for w in warnings if w.get("column") == c.get("name")])
        for i, c in enumerate(raw_columns)
    ]
    files_ = [_dict(f) for f in _list(source.get("files"))]
    return {
        "p": profile,
        "title": _title(_list(source.get("paths"))),
        "source": source,
        "paths": _list(source.get("paths")),
        "files_shown": files_[:LIST_SHOWN],
        "files_hidden": max(len(files_) - LIST_SHOWN, 0),
        "missing_cells": _missing_cells_ratio(raw_columns, rows),
        "candidate_keys": [_list(k) for k in _list(profile.get("candidate_keys"))],
        "columns": columns,
        "anchors": anchors,
        "types": TYPE_NAMES,
        "has_groups": any(c.get("group") for c in raw_columns),
        "warnings": warnings,
        "timeseries": [_timeseries_view(_dict(t)) for t in _list(profile.get("timeseries"))],
        "labels": [_label_view(_dict(lab)) for lab in _list(profile.get("labels"))],
        "images": _images_view(profile.get("images")),
        "channels": [_dict(c) for c in _list(_dict(profile.get("signals")).get("channels"))],
    }


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(
        num=format_number,
        val=format_value,
        pct=format_percent,
        duration=format_duration,
        bytes=format_bytes,
    )
    template = files("mfgdata.profiling").joinpath("templates").joinpath("report.html")
    return env.from_string(template.read_text(encoding="utf-8"))


def render_html(profile: dict) -> str:
    """Render ``profile`` as one self-contained HTML page (inline CSS and SVG, no external URL).

    Tolerates any missing, null or empty field, so a profile of images, of a table or a half-filled one
    all render.
    """
    return _template().render(**_context(profile if isinstance(profile, dict) else {}))


def write_html(profile: dict, path: Path) -> Path:
    """Write the HTML report for ``profile`` to ``path`` (UTF-8), creating its folder; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(profile), encoding="utf-8")
    return path
