"""`validate-ai`: does a baseline model learn from the product (AI validity)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mfgdata.cli.app import app, run_with_progress, stderr, stdout


@app.command("validate-ai")
def validate_ai(
    project: Annotated[Path, typer.Argument(help="빌드된 상품 프로젝트 폴더 (built product project folder)")],
    target: Annotated[str | None, typer.Option("--target", help="모델이 배울 라벨 열 (label column to learn)")] = None,
) -> None:
    """기준선 모델로 AI 유효성을 검증합니다 (train a baseline model: build/quality/ai_validity.json)."""
    from mfgdata.ai_validity import Settings
    from mfgdata.ai_validity import validate_ai as run_validity

    result = run_with_progress(lambda step: run_validity(project, Settings(target=target), on_step=step))
    report = result.report
    stdout.print(
        f"{report['target']['column']} ({report['target']['task']}) · split {report['split']['method']}",
        highlight=False,
    )
    stdout.print(report["verdict"]["ko"], highlight=False, soft_wrap=True)
    stdout.print(report["verdict"]["en"], highlight=False, soft_wrap=True)
    for excluded in (report.get("features") or {}).get("excluded", []):
        stderr.print(f"- {excluded['column']}: {excluded['ko']} ({excluded['en']})", highlight=False, soft_wrap=True)
    stderr.print(f"AI 유효성 보고서 (report): {result.path}", highlight=False)
    if result.model_path is not None:
        stderr.print(f"모델과 모델 카드 (model and model card): {result.model_path}", highlight=False)
    else:
        stderr.print("공개한 모델 없음: 판정이 '학습됨'이 아닙니다 (no model published: the verdict is not 'learns')")
