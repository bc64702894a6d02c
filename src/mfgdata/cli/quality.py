"""`verify`, `verify-certificate` and `suggest-checks`: quality verification."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from mfgdata.cli.app import app, run_with_progress, stderr, stdout


def _result_table(document: dict[str, Any]) -> Table:
    score = document["score"]
    title = (
        f"{'통과 (pass)' if document['valid'] else '실패 (fail)'} — 등급 (grade) {score['grade']}, "
        f"적합률 (conformance) {score['conformance_rate']:.1%}"
    )
    results = document["results"]
    tables = {result.get("table") for result in results}
    only = next(iter(tables)) if len(tables) == 1 else None
    if only:  # one table: its name once in the title, not in front of every check (a narrow terminal cut it)
        title += f" — 표 (table) {only}"
    table = Table(title=title)
    table.add_column("검사 (check)", overflow="fold")
    for header in ("심각도 (severity)", "결과 (result)", "실패 (failing)", "비율 (ratio)"):
        table.add_column(header)
    for result in results:
        verdict = "[green]통과[/green]" if result["passed"] else "[red]실패[/red]"
        failing, checked = result["failing_count"], result["checked_count"]
        ratio = f"{result['failing_ratio']:.2%}"
        shown = result["id"].removeprefix(f"{only}.") if only else result["id"]
        table.add_row(shown, result["severity"], verdict, f"{failing:,}/{checked:,}", ratio)
    return table


@app.command()
def verify(
    target: Annotated[Path, typer.Argument(help="상품 프로젝트 폴더 또는 데이터 파일 (project folder or data file)")],
    contract: Annotated[
        Path | None, typer.Option("--contract", help="검사를 적은 ODCS 계약 (ODCS contract with checks)")
    ] = None,
    engine: Annotated[str, typer.Option("--engine", help="duckdb 또는 spark (engine)")] = "duckdb",
    out: Annotated[Path | None, typer.Option("-o", "--out", help="결과 폴더 (output folder)")] = None,
    examples: Annotated[int, typer.Option("--examples", help="검사마다 보일 실패 행 수 (example rows)")] = 5,
    certificate: Annotated[
        bool, typer.Option("--certificate/--no-certificate", help="서명한 인증서 쓰기 (write the signed certificate)")
    ] = True,
    report: Annotated[
        bool, typer.Option("--report/--no-report", help="report.html·report.pdf 쓰기 (write the reports)")
    ] = True,
    spark_master: Annotated[
        str | None, typer.Option("--spark-master", help="Spark 마스터, 예: spark://host:7077 (default local[2])")
    ] = None,
) -> None:
    """데이터 품질을 검증합니다: 0 통과, 1 실패, 2 실행 불가 (verify quality: exit 0 pass, 1 fail, 2 cannot run)."""
    from mfgdata.quality.deliver import verify_and_deliver

    if engine not in ("duckdb", "spark"):
        stderr.print("오류 (error): --engine 은 duckdb 또는 spark 입니다 (--engine is duckdb or spark).")
        raise typer.Exit(2)
    if spark_master:
        os.environ["MFGDATA_SPARK_MASTER"] = spark_master
    outcome = run_with_progress(
        lambda step: verify_and_deliver(
            target,
            contract=contract,
            engine=engine,
            out_dir=out,
            examples=examples,
            on_step=step,
            certificate=certificate,
            reports=report,
        )
    )
    stdout.print(_result_table(outcome.document))
    for path in outcome.written:
        stderr.print(f"{path}", highlight=False)
    raise typer.Exit(outcome.exit_code)


@app.command("verify-certificate")
def verify_certificate(
    certificate: Annotated[Path, typer.Argument(help="certificate.json")],
    data: Annotated[
        Path | None, typer.Option("--data", help="데이터 파일 또는 폴더 (data file or folder, default: build/)")
    ] = None,
) -> None:
    """품질 인증서와 데이터가 맞는지 확인합니다: 0 일치, 1 불일치 (check a certificate: 0 holds, 1 does not)."""
    from mfgdata.quality.certificate_check import check_certificate

    check = run_with_progress(lambda step: check_certificate(certificate, data))
    stdout.print(f"서명 키 (key): {check.fingerprint}", highlight=False)
    for note in check.notes:
        stdout.print(f"  · {note}", highlight=False)
    for problem in check.problems:
        stderr.print(f"[red]✗ {problem.code}:[/red] {problem.ko} / {problem.en}", highlight=False, soft_wrap=True)
    if check.holds:
        stdout.print("[green]인증서가 데이터와 일치합니다 (the certificate holds).[/green]")
    raise typer.Exit(0 if check.holds else 1)


@app.command("suggest-checks")
def suggest_checks(
    target: Annotated[Path, typer.Argument(help="상품 프로젝트 폴더 또는 데이터 파일 (project folder or data file)")],
    write: Annotated[
        bool, typer.Option("--write", help="contract.yaml의 비어 있는 quality에 적기 (fill empty quality sections)")
    ] = False,
    replace: Annotated[bool, typer.Option("--replace", help="있는 quality도 바꿈 (replace existing checks)")] = False,
) -> None:
    """프로파일과 계약으로 품질 검사를 제안합니다 (suggest a check suite from the profile and contract)."""
    from mfgdata.quality.suggest import fill_contract, suggest_for_path

    suggestions, contract_path, _ = run_with_progress(lambda step: suggest_for_path(target))
    table = Table(title=f"제안한 검사 {len(suggestions)}개 (suggested checks)")
    for header in ("검사 (check)", "형식 (type)", "심각도 (severity)", "이유 (reason)"):
        table.add_column(header)
    for suggestion in suggestions:
        entry = suggestion.item
        table.add_row(suggestion.id, entry["implementation"]["type"], entry["severity"], entry["description"])
    stdout.print(table)
    if write and contract_path is not None:
        stderr.print(f"{fill_contract(contract_path, suggestions, replace=replace)}", highlight=False)
    elif write:
        stderr.print("--write 는 상품 프로젝트에만 씁니다 (--write needs a project folder).")
        raise typer.Exit(2)
