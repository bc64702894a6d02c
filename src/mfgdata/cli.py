"""The `mfgdata` command (also `python -m mfgdata`). Later steps add their subcommands here."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from mfgdata import __version__
from mfgdata.errors import MfgdataError

app = typer.Typer(
    help="mfgdata — 제조데이터 상품화 도구 (manufacturing data products)",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True)
stdout = Console()


def _version(value: bool) -> None:
    if value:
        stdout.print(f"mfgdata {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="버전 (version)")
    ] = False,
) -> None:
    """mfgdata: 원천 데이터를 제조데이터 상품으로 (raw factory data into data products)."""


def _summary(profile: dict[str, Any]) -> Table:
    table = Table(title=f"{', '.join(profile['source']['paths'])} — {profile['rows']:,} 행 (rows)")
    for header in (
        "열 (column)",
        "단위 (unit)",
        "형식 (type)",
        "결측 (missing)",
        "고유값 (distinct)",
        "최소 (min)",
        "최대 (max)",
    ):
        table.add_column(header)
    for column in profile["columns"]:
        table.add_row(
            column["name"],
            column["unit"] or "",
            column["type"],
            f"{column['missing']:,}",
            f"{column['distinct']:,}",
            str(column["min"])[:25] if column["min"] is not None else "—",
            str(column["max"])[:25] if column["max"] is not None else "—",
        )
    return table


def _run_with_progress(work: Callable[[Callable[[str], None]], Any]) -> Any:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True, disable=not stderr.is_terminal) as progress:
        task = progress.add_task("읽는 중 (reading)", total=None)

        def step(description: str) -> None:
            progress.update(task, description=description)

        return work(step)


@app.command()
def profile(
    paths: Annotated[list[Path], typer.Argument(help="파일 또는 폴더 (files or a folder)", show_default=False)],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="프로파일 JSON 경로, '-'는 표준출력 (profile JSON)")
    ] = None,
    html_out: Annotated[Path | None, typer.Option("--html", help="HTML 보고서 경로 (HTML report)")] = None,
) -> None:
    """원천 데이터를 읽고 프로파일합니다 (read raw data and profile it)."""
    from mfgdata.profiling import profile_paths, write_json
    from mfgdata.profiling.report_html import write_html

    result = _run_with_progress(lambda step: profile_paths(paths, on_step=step))
    if json_out is not None and str(json_out) == "-":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    elif json_out is not None:
        stderr.print(f"JSON: {write_json(result, json_out)}")
    if html_out is not None:
        stderr.print(f"HTML: {write_html(result, html_out)}")
    if json_out is None and result["columns"]:
        stdout.print(_summary(result))
    for warning in result["warnings"]:
        stderr.print(f"[yellow]! {warning['message_ko']}[/yellow]", highlight=False, soft_wrap=True)


@app.command()
def init(
    raw: Annotated[list[Path], typer.Argument(help="원천 파일 또는 폴더 (raw files or a folder)", show_default=False)],
    out: Annotated[Path, typer.Option("-o", "--out", help="만들 상품 프로젝트 폴더 (project folder to create)")],
    force: Annotated[bool, typer.Option("--force", help="기존 프로젝트를 덮어씀 (overwrite a project)")] = False,
) -> None:
    """원천 데이터로 상품 프로젝트를 만듭니다 (create a product project from raw data)."""
    from mfgdata.dictionary.init import init_project

    folder = _run_with_progress(lambda step: init_project(raw, out, force=force, on_step=step))
    product = yaml.safe_load((folder / "product.yaml").read_text(encoding="utf-8"))
    category = product.get("category", {})
    stdout.print(f"{product['title']['ko']}", highlight=False)
    stdout.print(f"상품 구분 (category): {category.get('name', {}).get('ko')} ({category.get('id')})", highlight=False)
    for reason in category.get("reasons", {}).get("ko", []):
        stdout.print(f"  - {reason}", highlight=False)
    stderr.print(f"상품 프로젝트를 만들었습니다 (project created): {folder}", highlight=False)
    stderr.print("product.yaml · contract.yaml · recipe.yaml · equipment.yaml 을 검토하세요 (review them).")


def _step_table(result: Any) -> Table:
    title = "계획 (plan, dry run)" if result.dry_run else f"빌드 완료 (built) — {result.rows_written:,} 행 (rows)"
    table = Table(title=title)
    for header in (
        "#",
        "단계 (step)",
        "줄 (line)",
        "입력 행 (rows in)",
        "출력 행 (rows out)",
        "추가 열 (added)",
        "삭제 열 (removed)",
    ):
        table.add_column(header)
    for step in result.steps:
        table.add_row(
            str(step.index),
            step.type,
            str(step.line),
            f"{step.rows_in:,}",
            f"{step.rows_out:,}",
            ", ".join(step.columns_added),
            ", ".join(step.columns_removed),
        )
    return table


@app.command()
def build(
    project: Annotated[Path, typer.Argument(help="상품 프로젝트 폴더 (product project folder)")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="계획과 예상 행 수만 보기 (plan only)")] = False,
) -> None:
    """레시피대로 데이터를 준비합니다 (run the recipe: build/data, build/lineage.json)."""
    from mfgdata.prep.build import build_recipe

    def work(step: Callable[[str], None]) -> Any:
        return build_recipe(project, dry_run=dry_run, on_step=lambda report: step(f"{report.index}. {report.type}"))

    result = _run_with_progress(work)
    stdout.print(_step_table(result))
    for output in result.outputs:
        stderr.print(
            f"{project / 'build' / output.path}  ({output.rows:,} 행, sha256 {output.sha256[:12]})", highlight=False
        )


@app.command()
def serve(
    port: Annotated[int, typer.Option("--port", help="포트 (port)")] = 8000,
) -> None:
    """거래소 사이트와 작업 처리기를 실행합니다 (run the marketplace site and its worker)."""
    from mfgdata.web.serve import serve as serve_site

    serve_site(port=port, say=lambda line: stderr.print(line, highlight=False))


@app.command()
def demo(
    load_only: Annotated[
        bool, typer.Option("--load-only", help="데모 데이터만 넣고 끝냄 (load, do not serve)")
    ] = False,
    port: Annotated[int, typer.Option("--port", help="포트 (port)")] = 8000,
) -> None:
    """데모 기관·사용자·상품을 넣고 사이트를 실행합니다 (load demo data, then serve)."""
    from mfgdata.web.serve import demo as demo_site

    demo_site(load_only=load_only, port=port, say=lambda line: stderr.print(line, highlight=False))


@app.command()
def fingerprint(
    file: Annotated[Path, typer.Argument(help="내려받은 파일 (a delivered file)", exists=True, dir_okay=False)],
    manifest: Annotated[
        Path | None, typer.Option("--manifest", help="배송 매니페스트 (delivery-manifest.json)", exists=True)
    ] = None,
    public_key: Annotated[
        str | None, typer.Option("--public-key", help="거래소 공개키 base64 (marketplace public key)")
    ] = None,
) -> None:
    """내려받은 파일의 구매자 표식과 서명을 확인합니다 (who a delivered file was made for; is it intact)."""
    from mfgdata.delivery.inspect import describe

    stdout.print_json(json.dumps(describe(file, manifest, public_key), ensure_ascii=False))


def main() -> None:
    """Entry point: every failure becomes one line and a non-zero exit, never a traceback.

    Usage errors (unknown option, missing argument) are reported by Typer itself with exit code 2.
    """
    try:
        app()
    except MfgdataError as error:
        stderr.print(f"[red]오류 (error) {error.code}:[/red] {error.one_line()}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        stderr.print("중단했습니다 (aborted).")
        sys.exit(130)
    except Exception as error:  # the last line of defence: a message, not a traceback
        if os.environ.get("MFGDATA_DEBUG"):
            raise
        stderr.print(
            f"[red]예상하지 못한 오류입니다 (unexpected error):[/red] {type(error).__name__}: {error}. "
            "MFGDATA_DEBUG=1 로 다시 실행해 자세한 내용을 확인하고, 문제를 알려 주세요 "
            "(run again with MFGDATA_DEBUG=1 and report it).",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(1)
