"""report.html (Korean first, inline SVG, failing examples) and report.pdf with an embedded Hangul font."""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Any

from mfgdata.quality.deliver import verify_and_deliver


def _embedded_fonts(pdf: bytes) -> set[str]:
    names: set[str] = set()
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            text = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        names.update(name.decode() for name in re.findall(rb"/FontName\s*/([^\s/>]+)", text))
    return names


def test_reports_show_verdict_scores_and_failing_rows(kit: Any, tmp_path: Path, readings: Path) -> None:
    quality = [
        kit.custom("range", severity="warn", column="temp", max=30.0) | {"id": "temp-spec"},
        kit.custom("not-null", column="id") | {"id": "id-present"},
    ]
    contract = kit.write_contract(tmp_path, "readings", quality)
    delivered = verify_and_deliver(readings, contract=contract, out_dir=tmp_path / "q", certificate=False)
    page = (tmp_path / "q" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="ko">' in page and "데이터 품질 검증 보고서" in page
    assert '통과 <span class="en">pass</span>' in page  # Korean first, English beside it
    assert "<svg" in page and "완전성 (completeness)" in page
    assert "temp-spec" in page and ">31<" in page.replace("31.0", "31")  # the first failing row's value
    assert "공인 인증이 아닙니다" in page
    assert not re.search(r"(src|href)=\"https?://", page)
    pdf = (tmp_path / "q" / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert any("NanumGothic" in name for name in _embedded_fonts(pdf))
    assert [path.name for path in delivered.written] == ["results.json", "report.html", "report.pdf"]
