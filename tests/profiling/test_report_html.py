"""The HTML profile report: what a person opening the file sees, offline, in Korean and English."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mfgdata.profiling.report_html import (
    format_duration,
    format_number,
    format_percent,
    render_html,
    write_html,
)

SEOUL_MORNING = "2024-03-05T08:00:00+09:00"
SEOUL_END = "2024-03-05T09:39:50+09:00"
OPTIONAL_COLUMN_FIELDS = ("group", "unit", "unit_label", "min", "max", "mean", "std", "quantiles")
LATE_COLUMN_FIELDS = ("histogram", "unparsed", "value_format", "length")


def _column(name: str, type_: str = "float", **extra: object) -> dict:
    """A `columns[]` entry with every schema field, 1,200 rows and nothing missing unless told."""
    column = {"name": name, "original_name": name, "type": type_, "physical_type": "DOUBLE", "count": 1200}
    column |= {
        "missing": 0,
        "missing_ratio": 0.0,
        "distinct": 800,
        "distinct_approx": False,
        "top_values": [],
    }
    column |= dict.fromkeys(OPTIONAL_COLUMN_FIELDS + LATE_COLUMN_FIELDS)
    return column | extra


def _press_columns() -> list[dict]:
    """A Korean time column with unparsed values, a temperature in ℃, a hostile name, a machine, a label."""
    stamp = _column("측정시각", "timestamp", physical_type="TIMESTAMP WITH TIME ZONE", count=1197, missing=3)
    stamp |= {"missing_ratio": 0.0025, "distinct": 1197, "min": SEOUL_MORNING, "max": SEOUL_END}
    stamp["histogram"] = {
        "edges": [1709593200 + 1200 * i for i in range(6)],
        "counts": [240, 240, 239, 240, 238],
    }
    stamp["unparsed"] = {"count": 3, "examples": ["오전 25:61:00", "##########", "2024-13-45"]}
    stamp["value_format"] = "오전/오후 h:mm:ss.f + date from file name"
    temperature = _column("온도", original_name="온도(℃)", group="Sensor", unit="degC", unit_label="℃")
    temperature |= {"missing": 12, "missing_ratio": 0.01, "min": 18.25, "max": 231.123456, "mean": 1234.56789}
    temperature["std"] = 3.2
    temperature["quantiles"] = dict(
        zip(
            ("p01", "p05", "p25", "p50", "p75", "p95", "p99"),
            (19.0, 20.5, 60.0, 120.0, 180.0, 220.0, 229.9),
            strict=True,
        )
    )
    temperature["histogram"] = {
        "edges": [18.25, 60, 100, 140, 180, 231.123456],
        "counts": [100, 300, 400, 300, 88],
    }
    hostile = _column("<script>alert(1)</script>", "string", physical_type="VARCHAR", min="A", max="B")
    hostile["distinct"] = 2
    hostile["top_values"] = [{"value": "<b>A</b>", "count": 700}, {"value": "B", "count": 500}]
    hostile["length"] = {"min": 1, "max": 8}
    machine = _column("machine", "string", physical_type="VARCHAR", distinct=3)
    machine["top_values"] = [{"value": v, "count": 400} for v in ("PRESS-01", "PRESS-02", None)]
    label = _column("불량", "integer", physical_type="BIGINT", distinct=2, min=0, max=1, mean=0.05, std=0.2)
    label["histogram"] = {"edges": [0, 0.5, 1], "counts": [1140, 60]}
    return [stamp, temperature, hostile, machine, label]


def _press_timeseries() -> dict:
    """60 presses logging every 5 seconds, with two gaps and one row out of order."""
    largest = {"entity": "PRESS-01", "after": "2024-03-05T08:10:00+09:00", "interval": 150.0}
    largest["before"] = "2024-03-05T08:12:30+09:00"
    per_entity = [
        {"entity": f"PRESS-{i:02d}", "rows": 20, "start": SEOUL_MORNING, "end": SEOUL_END}
        | {"median_interval": 5.0, "gaps": 0, "out_of_order_rows": 0}
        for i in range(60)
    ]
    series = {"time_column": "측정시각", "axis": "timestamp", "entity_column": "machine", "entities": 60}
    series |= {"start": SEOUL_MORNING, "end": SEOUL_END, "span_seconds": 5990.0, "median_interval": 5.0}
    series["gaps"] = {"count": 2, "threshold": 15.0, "largest": [largest]}
    return series | {"out_of_order_rows": 1, "duplicate_times": 0, "per_entity": per_entity}


def _top_level(kind: str, source: dict, rows: int) -> dict:
    """The top-level fields every profile has, empty where the kind has nothing to say."""
    profile = {
        "schema_version": "1.0",
        "generator": "mfgdata 0.1.0",
        "created_at": "2024-03-06T10:15:00+09:00",
    }
    profile |= {
        "kind": kind,
        "source": source,
        "rows": rows,
        "duplicate_rows": 0,
        "duplicate_rows_exact": True,
    }
    profile |= {"candidate_keys": [], "columns": [], "timeseries": [], "labels": [], "warnings": []}
    return profile | {"images": None, "signals": None}


def table_profile() -> dict:
    """A press-line CSV in cp949, tab-separated with a group row, as `mfgdata profile` describes it."""
    path = "data/press/20240305_프레스.csv"
    file_ = {
        "path": path,
        "bytes": 1_234_567,
        "rows": 1200,
        "sha256": "ab" * 32,
        "date_from_name": "2024-03-05",
    }
    source = {"paths": [path], "format": "csv", "encoding": "cp949", "delimiter": "\t", "header_rows": 2}
    source |= {"files": [file_], "combined": False, "column_names_from": None}
    profile = _top_level("table", source, 1200)
    profile |= {"duplicate_rows": 4, "candidate_keys": [["측정시각", "machine"]], "columns": _press_columns()}
    profile["timeseries"] = [_press_timeseries()]
    classes = [{"value": 0, "count": 1140, "ratio": 0.95}, {"value": 1, "count": 60, "ratio": 0.05}]
    profile["labels"] = [
        {
            "columns": ["불량"],
            "kind": "binary",
            "classes": classes,
            "imbalance_ratio": 19.0,
            "reason": "이름이 불량",
        }
    ]
    profile["warnings"] = [
        {
            "code": "unparsed-values",
            "message_ko": "시간으로 읽지 못한 값이 3개 있습니다.",
            "column": "측정시각",
        }
        | {"message_en": "3 values could not be read as times."}
    ]
    return profile


def images_profile() -> dict:
    """A folder-per-class casting-defect image set, with one broken file and a near duplicate pair."""
    source = {
        "paths": ["casting/"],
        "format": "images",
        "encoding": None,
        "delimiter": None,
        "header_rows": 0,
    }
    side = {"min": 300, "max": 300, "median": 300}
    images = {"label_format": "folders", "count": 715, "formats": {"JPEG": 715}, "modes": {"RGB": 715}}
    images["classes"] = [{"name": "def_front", "count": 453}, {"name": "ok_front", "count": 262}]
    images["splits"] = [{"name": "train", "count": 600}, {"name": "test", "count": 115}]
    images["sizes"] = {"width": side, "height": side, "common": [{"width": 300, "height": 300, "count": 715}]}
    images |= {"bytes": 30_000_000, "unlabelled": 0}
    images["corrupt"] = [{"path": "casting/train/def_front/broken.jpeg", "reason": "truncated file"}]
    pair = ["casting/train/ok_front/a.jpeg", "casting/test/ok_front/a2.jpeg"]
    images["near_duplicates"] = [{"paths": pair, "distance": 2}]
    return _top_level("images", source | {"files": [], "combined": False}, 715) | {"images": images}


class _Collector(HTMLParser):
    """Collects every attribute value that can load something: src, href, and url(...) in styles."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [v or "" for k, v in attrs if k in ("src", "href", "srcset", "data", "action")]


@pytest.fixture(scope="module")
def table_html() -> str:
    return render_html(table_profile())


def test_page_is_korean_utf8_and_uses_a_hangul_font_stack(table_html: str) -> None:
    assert table_html.startswith("<!DOCTYPE html>")
    assert '<html lang="ko">' in table_html
    assert '<meta charset="utf-8">' in table_html
    assert '"Noto Sans KR", "Noto Sans CJK KR", "Malgun Gothic"' in table_html


def test_page_loads_nothing_from_outside(table_html: str) -> None:
    # then: every link stays inside the page, and no URL appears anywhere (not even in CSS)
    collector = _Collector()
    collector.feed(table_html)
    assert collector.links and all(link.startswith("#") for link in collector.links)
    assert "http://" not in table_html and "https://" not in table_html
    assert "<script" not in table_html and "url(" not in table_html and "@import" not in table_html


def test_sections_carry_korean_labels_with_english(table_html: str) -> None:
    for label in (
        "행 수 (Rows)",
        "결측 (Missing)",
        "고유값 (Distinct)",
        "중복 행 (Duplicate rows)",
        "후보 키 (Candidate keys)",
        "시계열 (Time series)",
        "라벨 분포 (Label balance)",
        "경고 (Warnings)",
        "원본 (Source)",
        "인코딩 (Encoding)",
        "구분자 (Delimiter)",
        "해석할 수 없는 값",
    ):
        assert label in table_html, label


def test_column_names_are_escaped_and_linked_from_the_summary(table_html: str) -> None:
    assert "<script>alert(1)</script>" not in table_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table_html
    assert "<b>A</b>" not in table_html  # a top value is text, not markup
    for anchor in ("col-1", "col-2", "col-5"):
        assert f'href="#{anchor}"' in table_html and f'id="{anchor}"' in table_html
    assert "온도" in table_html and "degC" in table_html and "온도(℃)" in table_html


def test_one_histogram_per_numeric_or_time_column(table_html: str) -> None:
    assert table_html.count('<svg class="chart histogram"') == 3
    assert 'class="chart bars"' in table_html  # top values of text columns and the label balance


def test_unparsed_time_values_are_shown_not_hidden(table_html: str) -> None:
    unparsed = table_html[table_html.index('class="unparsed"') :]
    for example in ("오전 25:61:00", "##########", "2024-13-45"):
        assert example in unparsed
    assert "3개" in unparsed


def test_numbers_times_and_nulls_read_naturally(table_html: str) -> None:
    assert "1,234.5679" in table_html  # mean: separators, four decimals
    assert "1.2 MB" in table_html and "탭 (tab)" in table_html
    assert "2024-03-05 08:00:00" in table_html  # ISO time without the T and the Korean offset
    assert "2024-03-05 09:40" in table_html  # last histogram edge, epoch seconds read as Seoul time
    assert "5초" in table_html and "1시간 39분" in table_html and "2분 30초" in table_html
    assert 'title="' + "ab" * 32 + '"' in table_html and "abababababab…" in table_html
    assert "95%" in table_html and "19 : 1" in table_html
    assert "—" in table_html  # the text column has no mean


def test_per_entity_table_is_cut_at_fifty_rows(table_html: str) -> None:
    assert "PRESS-49" in table_html
    assert "PRESS-50" not in table_html
    assert "10개 생략" in table_html


def test_images_profile_shows_classes_corrupt_files_and_near_duplicates() -> None:
    html = render_html(images_profile())
    assert "이미지 (Images)" in html
    assert "def_front" in html and "ok_front" in html and "train" in html
    assert "broken.jpeg" in html and "truncated file" in html
    assert "a2.jpeg" in html and "JPEG 715" in html
    assert 'id="columns"' not in html and "chart histogram" not in html


def test_minimal_profile_with_nulls_and_empty_lists_renders() -> None:
    profile = {
        "schema_version": "1.0",
        "kind": "table",
        "source": None,
        "rows": None,
        "columns": [
            {
                "name": "x",
                "type": "float",
                "min": None,
                "histogram": None,
                "quantiles": None,
                "top_values": None,
            }
        ],
        "timeseries": None,
        "labels": [],
        "images": None,
        "signals": None,
        "warnings": [],
        "candidate_keys": [],
    }
    html = render_html(profile)
    summary_row = re.search(r'<a href="#col-1">x</a>.*?</tr>', html, re.S)
    assert summary_row and summary_row.group(0).count("—") >= 4
    assert "경고 없음" in html and "없음 (None)" in html
    assert render_html({}).startswith("<!DOCTYPE html>")


def test_signals_channels_are_tabled() -> None:
    profile = {
        "kind": "signals",
        "signals": {
            "channels": [
                {
                    "channel": "Vibration_X",
                    "group": "Accel",
                    "samples": 25600,
                    "sample_rate": 25600.0,
                    "duration_seconds": 1.0,
                    "min": -3.5,
                    "max": 3.25,
                    "mean": 0.0001234,
                }
            ]
        },
    }
    html = render_html(profile)
    assert "Vibration_X" in html and "25,600 Hz" in html and "0.0001234" in html


def test_write_html_creates_the_folder_and_writes_utf8(tmp_path: Path) -> None:
    out = write_html(table_profile(), tmp_path / "reports" / "press.html")
    assert out.read_text(encoding="utf-8").count("온도") >= 2


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "—"), (1234567, "1,234,567"), (3.0, "3"), (0.000123456, "0.0001235"), (float("nan"), "—")],
)
def test_format_number(value: object, text: str) -> None:
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(5, "5초"), (0.25, "0.25초"), (150, "2분 30초"), (3600, "1시간"), (90000, "1일 1시간"), (None, "—")],
)
def test_format_duration(seconds: float | None, text: str) -> None:
    assert format_duration(seconds) == text


def test_format_percent_keeps_tiny_shares_visible() -> None:
    assert (format_percent(0.0004), format_percent(0.125), format_percent(1), format_percent(None)) == (
        "<0.1%",
        "12.5%",
        "100%",
        "—",
    )
