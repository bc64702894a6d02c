"""`README.md`: the datasheet a buyer reads first — what the data is, how it was collected and prepared,
its columns, known limitations, a quality summary, the licence and how to cite it.

Parts made by other steps (the AAS from `standardize`, the quality report from `verify`) are summarised
when present; when absent the datasheet says so under known limitations instead of staying silent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mfgdata.packaging.project import Project
from mfgdata.packaging.terms import citation

QUALITY = Path("quality") / "results.json"
AASX = Path("metadata") / "equipment.aasx"


def quality_results(project: Project) -> dict[str, Any] | None:
    """build/quality/results.json when `verify` wrote it."""
    path = project.build / QUALITY
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _cell(text: Any) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _columns(project: Project) -> list[str]:
    lines = []
    for table in project.tables:
        lines += [
            f"### `{table.name}` — {table.rows:,} 행 (rows)",
            "",
            "| 열 (column) | 형식 (type) | 역할 (role) | 단위 (unit) | 설명 (description) |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {_cell(c.name)} | {c.type} | {c.role} | {_cell(c.unit)} "
            f"| {_cell(c.description_ko or c.description_en)} |"
            for c in table.columns
        ]
        lines.append("")
    return lines


def _preparation(project: Project) -> list[str]:
    steps = project.lineage.get("steps") or []
    inputs = project.lineage.get("inputs") or []
    lines = [f"- 원천 파일 {len(inputs)}개 (source files), sha256은 `lineage`에 기록 (recorded in lineage)."]
    for step in steps:
        why = _cell(step.get("why") or "")
        lines.append(f"- `{step.get('type')}`: {step.get('rows_in', 0):,} → {step.get('rows_out', 0):,} 행 — {why}")
    return lines


def _quality(results: dict[str, Any] | None) -> list[str]:
    if results is None:
        return ["품질 검증 결과가 없습니다 (no quality results: `mfgdata verify` was not run)."]
    score = results.get("score") or {}
    stats = results.get("stats") or {}
    lines = [
        f"- 등급 (grade): **{score.get('grade', '—')}**, 적합률 (conformance) {score.get('conformance_rate', '—')}",
        f"- 검사 (checks) {stats.get('checks', 0)}: 통과 {stats.get('passed', 0)}, 차단 실패 (block) "
        f"{stats.get('failed_block', 0)}, 경고 실패 (warn) {stats.get('failed_warn', 0)}",
    ]
    for result in results.get("results") or []:
        if not result.get("passed"):
            lines.append(f"  - ! {result.get('message_ko', '')} / {result.get('message_en', '')}")
    return lines


def _limitations(project: Project, results: dict[str, Any] | None) -> list[str]:
    lines = []
    if not project.licence.distributable:
        lines.append(
            f"- **배포 불가 (not distributable)**: {project.licence.id}는 2차적 저작물을 허락하지 않습니다. "
            "이 패키지는 로컬 시험용입니다 (local testing only)."
        )
    if not project.licence.commercial_use:
        lines.append(f"- 비상업적 이용만 허용 (non-commercial use only): {project.licence.id}.")
    if results is None:
        lines.append("- 품질 보고서 없음 (no quality report in this package).")
    if not (project.build / AASX).is_file():
        lines.append(
            "- 설비 AAS(equipment.aasx) 없음: 표준화 단계가 실행되지 않았습니다 (no AAS: standardize not run)."
        )
    flags = [c.name for t in project.tables for c in t.columns if c.role == "flag"]
    if flags:
        lines.append(f"- 규격 밖 표시 열 (out-of-limit flags; values kept as measured): {', '.join(flags)}")
    if project.period() is None:
        lines.append("- 수집 기간 정보 없음 (no collection period in the data).")
    return lines or ["- 알려진 제한 없음 (none known)."]


def datasheet_markdown(project: Project) -> str:
    """The text of README.md."""
    results = quality_results(project)
    names = (project.product.get("category") or {}).get("name") or {}
    when = project.period()
    lines = [
        f"# {project.text('title', 'ko')}",
        "",
        f"{project.text('title', 'en')} — 버전 (version) {project.version}, id `{project.product.get('id')}`",
        "",
        "## 무엇인가 (what)",
        "",
        project.text("description", "ko"),
        "",
        project.text("description", "en"),
        "",
        f"- 상품 구분 (category): {names.get('ko', '')} / {names.get('en', '')}",
        f"- 공정 (process): {((project.product.get('process') or {}).get('name') or {}).get('ko', '—')}",
        f"- 기간 (period): {when[0]} ~ {when[1]}" if when else "- 기간 (period): —",
        "",
        "## 수집과 준비 (how collected and prepared)",
        "",
        *_preparation(project),
        "",
        "## 열 (columns)",
        "",
        *_columns(project),
        "## 품질 요약 (quality summary)",
        "",
        *_quality(results),
        "",
        "## 알려진 제한 (known limitations)",
        "",
        *_limitations(project, results),
        "",
        "## 라이선스와 인용 (licence and how to cite)",
        "",
        f"- {project.licence.name} (`{project.licence.id}`) — {project.licence.url}; 이용 조건 (terms): TERMS.md",
        f"- 인용 (cite as): {citation(project)}",
        "",
        "파일 목록과 sha256은 manifest.json에 있습니다 (files and sha256: manifest.json); "
        "`mfgdata check-package`로 확인하세요.",
        "",
    ]
    return "\n".join(lines)
