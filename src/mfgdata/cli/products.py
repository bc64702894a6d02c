"""`package`, `price`, `check-package`, `diff` and `productize`: product packages and their prices."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from mfgdata.cli.app import app, run_with_progress, stderr, stdout


@app.command()
def package(
    project: Annotated[Path, typer.Argument(help="빌드된 상품 프로젝트 폴더 (built product project folder)")],
) -> None:
    """상품 패키지를 만듭니다 (build/<slug>-<version>.zip and the unpacked folder)."""
    from mfgdata.packaging import package_project

    result = run_with_progress(lambda step: package_project(project, on_step=step))
    stdout.print(f"패키지 (package): {result.zip_path}", highlight=False, soft_wrap=True)
    files = len(result.manifest["files"])
    stdout.print(f"파일 (files): {files}, 폴더 (folder): {result.folder}", highlight=False, soft_wrap=True)
    if not result.manifest["product"]["licence"]["distributable"]:
        stderr.print(
            "[yellow]! 라이선스가 2차적 저작물을 허락하지 않아 배포·판매할 수 없는 패키지입니다 (local testing only: "
            "the licence allows no derivatives, the package is not distributable).[/yellow]",
            highlight=False,
        )
    if result.missing:
        missing = ", ".join(result.missing)
        stderr.print(f"없는 부분 (not included, step not run): {missing}", highlight=False, soft_wrap=True)


@app.command()
def price(
    project: Annotated[Path, typer.Argument(help="빌드된 상품 프로젝트 폴더 (built product project folder)")],
) -> None:
    """추천 가격과 가격 정책을 계산합니다 (recommended price range and plans: build/price.json)."""
    from mfgdata.pricing import price_project

    path, document = price_project(project)
    stdout.print(_price_table(document))
    for reason in document["reasons"]:
        stdout.print(f"- {reason['ko']}", highlight=False, markup=False)
    stderr.print(f"price.json: {path}", highlight=False, soft_wrap=True)


def _price_table(document: dict[str, Any]) -> Table:
    recommended = document["recommended"]
    title = (
        f"추천 가격 (recommended, KRW, 부가세 별도 / excl. VAT): {recommended['low']:,} ~ {recommended['high']:,} "
        f"(중간 mid {recommended['mid']:,})"
    )
    table = Table(title=title)
    for header in ("정책 (plan)", "종류 (kind)", "공급가액 (price)", "부가세 (VAT)", "합계 (total)", "단위 (unit)"):
        table.add_column(header)
    for plan in document["plans"]:
        unit = plan.get("unit") or plan.get("period") or ""
        table.add_row(
            plan["id"], plan["kind"], f"{plan['price_krw']:,}", f"{plan['vat_krw']:,}", f"{plan['total_krw']:,}", unit
        )
    return table


@app.command("check-package")
def check_package_command(
    package_path: Annotated[Path, typer.Argument(help="패키지 zip 또는 폴더 (package zip or folder)")],
) -> None:
    """패키지의 모든 파일을 manifest와 대조합니다 (recompute every sha256 against manifest.json)."""
    from mfgdata.packaging import check_package

    manifest = check_package(package_path)
    product = manifest["product"]
    stdout.print(
        f"이상 없음 (ok): {product['slug']} {product['version']} — 파일 {len(manifest['files'])}개 (files) 일치",
        highlight=False,
    )


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="이전 패키지 (older package)")],
    new: Annotated[Path, typer.Argument(help="새 패키지 (newer package)")],
    json_out: Annotated[bool, typer.Option("--json", help="JSON으로 출력 (print JSON)")] = False,
) -> None:
    """두 패키지 버전을 비교합니다 (rows added/removed, schema, quality, price)."""
    from mfgdata.packaging.diff import describe, diff_packages

    result = diff_packages(old, new)
    if json_out:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    stdout.print(f"{result.version_old} → {result.version_new}", highlight=False)
    for line in describe(result):
        stdout.print(line, highlight=False, markup=False, soft_wrap=True)


@app.command()
def productize(
    raw: Annotated[list[Path], typer.Argument(help="원천 파일 또는 폴더 (raw files or a folder)", show_default=False)],
    out: Annotated[Path, typer.Option("-o", "--out", help="만들 상품 프로젝트 폴더 (project folder to create)")],
    licence: Annotated[
        str | None, typer.Option("--licence", "--license", help="라이선스 SPDX id (licence), 예: CC-BY-4.0")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="기존 프로젝트를 덮어씀 (overwrite a project)")] = False,
) -> None:
    """init → build → standardize → verify → price → package 를 한 번에 (raw data to a product package)."""
    from mfgdata.packaging.productize import productize as run_productize

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True, disable=not stderr.is_terminal) as progress:
        task = progress.add_task("상품화 (productize)", total=6)
        current = {"stage": ""}

        def on_stage(name: str, index: int, total: int) -> None:
            current["stage"] = f"{index}/{total} {name}"
            progress.update(task, completed=index - 1, total=total, description=current["stage"])

        def on_step(text: str) -> None:
            progress.update(task, description=f"{current['stage']} · {text}")

        result = run_productize(raw, out, licence=licence, force=force, on_stage=on_stage, on_step=on_step)
    stdout.print(_stage_report(result))
    for warning in result.warnings:
        stderr.print(f"[yellow]! {warning['ko']} / {warning['en']}[/yellow]", highlight=False, soft_wrap=True)
    stderr.print(f"패키지 (package): {result.package}", highlight=False, soft_wrap=True)


def _stage_report(result: Any) -> Table:
    table = Table(title=f"상품화 (productize): {result.folder}")
    for header in ("단계 (stage)", "결과 (status)", "초 (s)", "비고 (note)"):
        table.add_column(header)
    for stage in result.stages:
        note = f"{stage.note_ko} / {stage.note_en}" if stage.note_ko else ""
        table.add_row(stage.name, stage.status, f"{stage.seconds:.1f}", note)
    return table
