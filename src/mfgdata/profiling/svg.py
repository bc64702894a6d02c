"""Small inline SVG charts for the HTML profile report.

Each function returns a self-contained ``<svg>`` string with a ``viewBox`` so it scales with its container,
and escapes every piece of text it draws. Labels arrive already formatted: this module draws, it does not
decide how a number or a time reads.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from html import escape
from typing import NamedTuple

FONT_SIZE = 11
BAR_COLOR = "#4c8bd6"
MUTED = "#59636e"
HIST_LABEL = "히스토그램 (Histogram)"
BARS_LABEL = "막대 그래프 (Bar chart)"
EMPTY_COLOR = "#d0d7de"


class Bar(NamedTuple):
    """One row of a horizontal bar chart: what it is, how long the bar is, and the text printed after it."""

    label: str
    value: float
    value_text: str


def text_width(text: str) -> int:
    """Width of ``text`` in half-width cells: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def truncate(text: str, max_cells: int) -> str:
    """Shorten ``text`` to at most ``max_cells`` half-width cells, ending with an ellipsis when cut."""
    if text_width(text) <= max_cells:
        return text
    out, used = [], 0
    for ch in text:
        w = text_width(ch)
        if used + w > max_cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _fmt_count(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def _svg_open(css_class: str, width: int, height: int, label: str) -> str:
    return f'<svg class="{css_class}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'


def _axis(edge_labels: Sequence[str], peak: float, width: int, height: int, base: float) -> str:
    """Baseline, the first and last edge under it, and the tallest bar's count above the plot."""
    y = height - 4
    parts = [
        f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="{EMPTY_COLOR}"/>',
        f'<text x="0" y="10" font-size="10" fill="{MUTED}">{escape(f"최대 (max) {_fmt_count(peak)}")}</text>',
    ]
    if edge_labels:
        first = escape(edge_labels[0])
        parts.append(f'<text x="0" y="{y}" font-size="{FONT_SIZE}" fill="{MUTED}">{first}</text>')
        parts.append(
            f'<text x="{width}" y="{y}" font-size="{FONT_SIZE}" fill="{MUTED}" text-anchor="end">'
            f"{escape(edge_labels[-1])}</text>"
        )
    return "".join(parts)


def histogram(counts: Sequence[float], edge_labels: Sequence[str], *, width: int = 480) -> str:
    """Vertical bar histogram of ``counts`` (n bins), ``edge_labels`` (n + 1) under the first and last edge.

    Each bar carries a ``<title>`` with its range and count, so a browser shows it on hover.
    """
    n = len(counts)
    height, top, bottom = 110, 16, 18
    plot_h = height - top - bottom
    peak = max(counts, default=0) or 1
    bar_w = width / max(n, 1)
    parts = [_svg_open("chart histogram", width, height, HIST_LABEL)]
    for i, count in enumerate(counts):
        h = plot_h * (count or 0) / peak
        lo = edge_labels[i] if i < len(edge_labels) else ""
        hi = edge_labels[i + 1] if i + 1 < len(edge_labels) else ""
        tip = escape(f"{lo} – {hi}: {_fmt_count(count or 0)}")
        parts.append(
            f'<rect x="{i * bar_w + 0.5:.2f}" y="{top + plot_h - h:.2f}" width="{max(bar_w - 1, 0.5):.2f}" '
            f'height="{h:.2f}" fill="{BAR_COLOR}"><title>{tip}</title></rect>'
        )
    parts.append(_axis(edge_labels, max(counts, default=0), width, height, top + plot_h))
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(bars: Sequence[Bar], *, width: int = 480, label_cells: int = 24) -> str:
    """Horizontal bar chart, one row per ``Bar``: label on the left, bar, then its value text.

    Long labels are cut with an ellipsis; the full label stays in the row's ``<title>``.
    """
    row_h = 18
    label_w = label_cells * 6 + 6
    value_w = 96
    plot_w = width - label_w - value_w
    peak = max((b.value or 0 for b in bars), default=0) or 1
    height = row_h * len(bars) + 4
    parts = [_svg_open("chart bars", width, height, BARS_LABEL)]
    for i, bar in enumerate(bars):
        y = 2 + i * row_h
        w = max(plot_w * (bar.value or 0) / peak, 1)
        text_y = y + row_h / 2 + 4
        parts.append(
            f"<g><title>{escape(f'{bar.label}: {bar.value_text}')}</title>"
            f'<text x="{label_w - 6}" y="{text_y}" font-size="{FONT_SIZE}" text-anchor="end" fill="#1f2328">'
            f"{escape(truncate(bar.label, label_cells))}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.2f}" height="{row_h - 6}" rx="2" '
            f'fill="{BAR_COLOR}"/>'
            f'<text x="{label_w + w + 4:.2f}" y="{text_y}" font-size="{FONT_SIZE}" fill="{MUTED}">'
            f"{escape(bar.value_text)}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def sparkline(counts: Sequence[float], *, width: int = 80, height: int = 20) -> str:
    """A tiny bar histogram for a table cell; decorative, so hidden from screen readers."""
    peak = max(counts, default=0) or 1
    bar_w = width / max(len(counts), 1)
    rects = "".join(
        f'<rect x="{i * bar_w:.2f}" y="{height - height * (c or 0) / peak:.2f}" '
        f'width="{max(bar_w - 0.5, 0.3):.2f}" height="{height * (c or 0) / peak:.2f}"/>'
        for i, c in enumerate(counts)
    )
    return (
        f'<svg class="spark" viewBox="0 0 {width} {height}" aria-hidden="true">'
        f'<g fill="{BAR_COLOR}">{rects}</g>'
        f'<line x1="0" y1="{height}" x2="{width}" y2="{height}" stroke="{EMPTY_COLOR}"/></svg>'
    )
