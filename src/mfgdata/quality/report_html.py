"""The quality report: one self-contained HTML page (Korean first, inline CSS and SVG), and its PDF.

The page names no external URL, so it opens offline and WeasyPrint renders it without fetching anything;
the PDF embeds the Hangul font the system has (NanumGothic, installed by `make`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from mfgdata.profiling import svg

CHARACTERISTIC_NAMES = {
    "accuracy": "정확성",
    "completeness": "완전성",
    "consistency": "일관성",
    "credibility": "신뢰성",
    "currentness": "현재성",
    "uniqueness": "유일성",
    "validity": "유효성",
}


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    text = files("mfgdata.quality").joinpath("templates/report.html").read_text(encoding="utf-8")
    environment = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return environment.from_string(text)


def _characteristic_chart(score: dict[str, Any]) -> Markup:
    bars = [
        svg.Bar(
            f"{CHARACTERISTIC_NAMES[name]} ({name})", entry["rate"], f"{entry['rate']:.1%} · {len(entry['checks'])}"
        )
        for name, entry in score["characteristics"].items()
        if entry["rate"] is not None
    ]
    return Markup(svg.bar_chart(bars, width=560, label_cells=26)) if bars else Markup("")


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.6g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _ai_validity(out_dir: Path) -> dict[str, Any] | None:
    """`ai_validity.json` beside the results (written by `mfgdata validate-ai`), for the report's AI section."""
    path = out_dir / "ai_validity.json"
    if not path.is_file():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    return document if document.get("format") == "mfgdata-ai-validity/1" else None


def render_report(document: dict[str, Any], title: str, validity: dict[str, Any] | None = None) -> str:
    """The report page for a results document (with the AI validity section when there is a report)."""
    failing = [result for result in document["results"] if not result["passed"]]
    return _template().render(
        d=document,
        title=title,
        names=CHARACTERISTIC_NAMES,
        chart=_characteristic_chart(document["score"]),
        failing=failing,
        shown=_shown,
        validity=validity,
    )


def _weasyprint_html() -> Any:
    """WeasyPrint's HTML class, imported without its side effect on image reading.

    Importing WeasyPrint sets Pillow's process-wide `ImageFile.LOAD_TRUNCATED_IMAGES = True`, after which
    truncated images decode silently and `profile`/`verify` would no longer report them as corrupt. The
    previous value is put back right after the import.
    """
    from PIL import ImageFile

    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    try:
        from weasyprint import HTML
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous
    return HTML


def write_reports(document: dict[str, Any], out_dir: Path, title: str, pdf: bool = True) -> list[Path]:
    """Write report.html (and report.pdf) into `out_dir`; return the paths written."""
    page = render_report(document, title, _ai_validity(out_dir))
    html_path = out_dir / "report.html"
    html_path.write_text(page, encoding="utf-8")
    written = [html_path]
    if pdf:
        HTML = _weasyprint_html()
        pdf_path = out_dir / "report.pdf"
        HTML(string=page, base_url=str(out_dir)).write_pdf(pdf_path)
        written.append(pdf_path)
    return written
