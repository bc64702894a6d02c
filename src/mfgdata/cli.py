"""The `mfgdata` command (also `python -m mfgdata`). Later steps add their subcommands here."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, cast

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


def _result_table(document: dict[str, Any]) -> Table:
    score = document["score"]
    title = (
        f"{'통과 (pass)' if document['valid'] else '실패 (fail)'} — 등급 (grade) {score['grade']}, "
        f"적합률 (conformance) {score['conformance_rate']:.1%}"
    )
    table = Table(title=title)
    for header in ("검사 (check)", "심각도 (severity)", "결과 (result)", "실패 (failing)", "비율 (ratio)"):
        table.add_column(header)
    for result in document["results"]:
        verdict = "[green]통과[/green]" if result["passed"] else "[red]실패[/red]"
        failing, checked = result["failing_count"], result["checked_count"]
        ratio = f"{result['failing_ratio']:.2%}"
        table.add_row(result["id"], result["severity"], verdict, f"{failing:,}/{checked:,}", ratio)
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
) -> None:
    """데이터 품질을 검증합니다: 0 통과, 1 실패, 2 실행 불가 (verify quality: exit 0 pass, 1 fail, 2 cannot run)."""
    from mfgdata.quality.deliver import verify_and_deliver

    if engine not in ("duckdb", "spark"):
        stderr.print("오류 (error): --engine 은 duckdb 또는 spark 입니다 (--engine is duckdb or spark).")
        raise typer.Exit(2)
    outcome = _run_with_progress(
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

    check = _run_with_progress(lambda step: check_certificate(certificate, data))
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

    suggestions, contract_path = _run_with_progress(lambda step: suggest_for_path(target))
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


programmes_app = typer.Typer(
    help="지원사업 정의 (programme definitions: productization, purchase)", no_args_is_help=True
)
app.add_typer(programmes_app, name="programmes")
_DirOption = Annotated[
    Path | None, typer.Option("--dir", help="추가 정의 폴더 (folder of extra definitions; else $MFGDATA_PROGRAMMES)")
]
_LangOption = Annotated[str, typer.Option("--lang", help="ko 또는 en (language)")]


def _language(lang: str) -> str:
    if lang not in ("ko", "en"):
        raise typer.BadParameter("--lang 은 ko 또는 en 입니다 (ko or en)")
    return lang


@programmes_app.command("list")
def programmes_list(extra_dir: _DirOption = None, lang: _LangOption = "ko") -> None:
    """정의된 지원사업 목록 (list the programme definitions)."""
    from mfgdata.rules import load_programmes
    from mfgdata.rules.describe import summary_row

    language = _language(lang)
    headers = ("ID", "사업 (programme)", "공고일 (notice)", "지원규모 (budget)", "신청기간 (rounds)")
    table = Table()
    for header in headers:
        table.add_column(header, overflow="fold")
    for programme in load_programmes(extra_dir):
        table.add_row(*summary_row(programme, language))
    stdout.print(table)


@programmes_app.command("show")
def programmes_show(
    programme_id: Annotated[str, typer.Argument(help="정의 id, 예: productization-2026 (definition id)")],
    extra_dir: _DirOption = None,
    lang: _LangOption = "ko",
    as_json: Annotated[bool, typer.Option("--json", help="정의 전체를 JSON으로 (whole definition as JSON)")] = False,
) -> None:
    """지원사업 정의 보기 (show one programme definition)."""
    from mfgdata.rules import get_programme, load_programmes
    from mfgdata.rules.describe import describe
    from mfgdata.rules.errors import rules_error

    programme = get_programme(programme_id, extra_dir=extra_dir)
    if programme is None:
        known = ", ".join(p.id for p in load_programmes(extra_dir))
        raise rules_error("rules-unknown-programme", f"'{programme_id}' 정의가 없습니다. 있는 정의: {known}",
                          f"No definition '{programme_id}'. Known: {known}")
    if as_json:
        sys.stdout.write(programme.model_dump_json(indent=2) + "\n")
        return
    for line in describe(programme, _language(lang)):
        stdout.print(line, highlight=False, markup=False, soft_wrap=True)


@programmes_app.command("check")
def programmes_check(
    files: Annotated[list[Path], typer.Argument(help="검사할 정의 파일 (definition files to check)")],
) -> None:
    """새 정의 파일 검사 (validate definition files before use)."""
    from mfgdata.rules import load_programme

    for path in files:
        programme = load_programme(path)
        stdout.print(f"OK {path}: {programme.id} — {programme.title.ko}", highlight=False)


@programmes_app.command("subsidy")
def programmes_subsidy(
    price: Annotated[int, typer.Option("--price", help="상품 가격, 원 (price in won, VAT excluded)")],
    buyer: Annotated[str, typer.Option("--buyer", help="sme, midsize 또는 nonprofit (buyer kind)")] = "sme",
    used: Annotated[int, typer.Option("--used", help="이미 받은 지원금, 원 (subsidy already used)")] = 0,
    year: Annotated[int | None, typer.Option("--year", help="구매지원 연도 (default: newest)")] = None,
    lang: _LangOption = "ko",
) -> None:
    """구매지원금 계산 (purchase subsidy for a price)."""
    from mfgdata.rules import find_programme, purchase_subsidy
    from mfgdata.rules.errors import rules_error

    if buyer not in ("sme", "midsize", "nonprofit"):
        raise typer.BadParameter("--buyer 는 sme, midsize, nonprofit 중 하나입니다 (one of sme, midsize, nonprofit)")
    programme = find_programme("purchase", year)
    if programme is None:
        raise rules_error(
            "rules-no-purchase-programme", "구매지원 정의가 없습니다.", "There is no purchase programme definition."
        )
    buyer_kind = cast(Literal["sme", "midsize", "nonprofit"], buyer)
    quote = purchase_subsidy(programme, price_krw=price, buyer=buyer_kind, already_used_krw=used)
    text = quote.explanation_ko if _language(lang) == "ko" else quote.explanation_en
    stdout.print(text, highlight=False, soft_wrap=True)
def _print_decisions(result: Any) -> None:
    for decision in result.decisions:
        convert = f" ({decision.convert_to}로 변환 / to {decision.convert_to})" if decision.convert_to else ""
        stdout.print(
            f"{decision.column} → {decision.semantic_id}  {decision.name_en} [{decision.how}]{convert}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


@app.command()
def standardize(
    project: Annotated[Path, typer.Argument(help="상품 프로젝트 폴더 (product project folder)")],
    interactive: Annotated[
        bool, typer.Option("--interactive", "-i", help="열마다 키보드로 고르기 (pick per column with the keyboard)")
    ] = False,
    threshold: Annotated[
        float, typer.Option("--accept-threshold", min=0.0, max=1.0, help="자동 채택 점수 (score to accept)")
    ] = 0.4,
    dictionary: Annotated[
        Path | None, typer.Option("--dictionary", help="사용자 사전 CSV (a user dictionary CSV)")
    ] = None,
    namespace: Annotated[
        str | None, typer.Option("--namespace", help="자체 IRI 네임스페이스 (namespace of own IRIs)")
    ] = None,
    aas: Annotated[bool, typer.Option("--aas/--no-aas", help="빌드 후 AAS 내보내기 (export the AAS)")] = True,
) -> None:
    """열마다 의미 ID(ECLASS·IEC CDD)를 붙입니다 (semantic ids into contract.yaml, unit steps into recipe.yaml)."""
    from mfgdata.standards.interactive import keyboard_chooser
    from mfgdata.standards.standardize import standardize_project

    chooser = None
    if interactive:
        chooser = keyboard_chooser(
            ask=lambda prompt: typer.prompt(prompt, default="", show_default=False),
            say=lambda line: stdout.print(line, highlight=False, markup=False),
        )
    result = standardize_project(
        project, threshold=threshold, choose=chooser, dictionary=dictionary, namespace=namespace
    )
    _print_decisions(result)
    for column, source, target in result.conversions:
        stderr.print(f"recipe.yaml: convert-unit {column} {source} → {target}", highlight=False)
    if result.rebuilt:
        stderr.print("다시 빌드했습니다 (rebuilt).")
    if aas and (project / "build" / "data").is_dir():
        try:
            _export_aas(project, namespace)
        except MfgdataError as error:
            if error.code != "equipment-incomplete":
                raise
            stderr.print(
                f"[yellow]! AAS를 쓰지 않았습니다 (AAS not written): {error.one_line()} "
                "채운 뒤 mfgdata aas export (then run mfgdata aas export)[/yellow]",
                highlight=False,
                soft_wrap=True,
            )


def _export_aas(project: Path, namespace: str | None) -> None:
    from mfgdata.standards.aas.export import export_aas

    written = export_aas(project, namespace=namespace)
    for path in (written.aasx, written.json):
        stderr.print(f"AAS: {path}", highlight=False)


semantics_app = typer.Typer(help="의미 ID 등록부 (semantic id registry)", no_args_is_help=True)
app.add_typer(semantics_app, name="semantics")


@semantics_app.command("search")
def semantics_search(
    query: Annotated[str, typer.Argument(help="찾을 이름 또는 ID (a name or id)")],
    dictionary: Annotated[Path | None, typer.Option("--dictionary", help="사용자 사전 CSV (user dictionary)")] = None,
) -> None:
    """이름(한/영)이나 ID로 의미 ID를 찾습니다 (search the registry by name or id)."""
    from mfgdata.standards.registry import load_registry

    table = Table(title=query)
    for header in ("ID", "종류 (kind)", "이름 (name)", "단위 (unit)"):
        table.add_column(header)
    for concept in load_registry(dictionary).search(query):
        table.add_row(concept.id, concept.kind, f"{concept.name_ko} / {concept.name_en}", concept.unit)
    stdout.print(table)


aas_app = typer.Typer(help="자산관리쉘 AAS (Asset Administration Shell, IEC 63278)", no_args_is_help=True)
app.add_typer(aas_app, name="aas")


@aas_app.command("export")
def aas_export(
    project: Annotated[Path, typer.Argument(help="빌드한 상품 프로젝트 (a built product project)")],
    namespace: Annotated[str | None, typer.Option("--namespace", help="자체 IRI 네임스페이스 (namespace)")] = None,
) -> None:
    """설비 AAS를 씁니다 (write build/metadata/equipment.aasx and equipment.aas.json)."""
    _export_aas(project, namespace)


@aas_app.command("import")
def aas_import(
    file: Annotated[Path, typer.Argument(help="제조사 AAS (.aasx / .json)")],
    project: Annotated[Path, typer.Argument(help="상품 프로젝트 폴더 (product project folder)")],
) -> None:
    """제조사 AAS로 equipment.yaml을 채웁니다 (prefill equipment.yaml from a vendor AAS)."""
    from mfgdata.standards.aas.importer import import_equipment

    result = import_equipment(file, project)
    stdout.print(f"{result.path}: {', '.join(result.filled) or '-'}", highlight=False)
    for note in result.notes:
        stderr.print(f"[yellow]! {note}[/yellow]", highlight=False, soft_wrap=True)


@aas_app.command("check")
def aas_check(file: Annotated[Path, typer.Argument(help="AAS 파일 (.aasx / .json)")]) -> None:
    """AAS를 검사합니다: 값·ID·IEC 61360·템플릿 카디널리티 (check values, ids, IEC 61360, cardinalities)."""
    from mfgdata.standards.aas.check import check_file

    findings = check_file(file)
    for finding in findings:
        stdout.print(f"{finding.where}: {finding.message_ko} / {finding.message_en}", highlight=False)
    if findings:
        raise typer.Exit(1)
    stderr.print("문제 없음 (no findings).")
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
def package(
    project: Annotated[Path, typer.Argument(help="빌드된 상품 프로젝트 폴더 (built product project folder)")],
) -> None:
    """상품 패키지를 만듭니다 (build/<slug>-<version>.zip and the unpacked folder)."""
    from mfgdata.packaging import package_project

    result = _run_with_progress(lambda step: package_project(project, on_step=step))
    stdout.print(f"패키지 (package): {result.zip_path}", highlight=False)
    stdout.print(f"파일 (files): {len(result.manifest['files'])}, 폴더 (folder): {result.folder}", highlight=False)
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
    stderr.print(f"price.json: {path}", highlight=False)


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
    stderr.print(f"패키지 (package): {result.package}", highlight=False)


def _stage_report(result: Any) -> Table:
    table = Table(title=f"상품화 (productize): {result.folder}")
    for header in ("단계 (stage)", "결과 (status)", "초 (s)", "비고 (note)"):
        table.add_column(header)
    for stage in result.stages:
        note = f"{stage.note_ko} / {stage.note_en}" if stage.note_ko else ""
        table.add_row(stage.name, stage.status, f"{stage.seconds:.1f}", note)
    return table


@app.command("validate-ai")
def validate_ai(
    project: Annotated[Path, typer.Argument(help="빌드된 상품 프로젝트 폴더 (built product project folder)")],
    target: Annotated[str | None, typer.Option("--target", help="모델이 배울 라벨 열 (label column to learn)")] = None,
) -> None:
    """기준선 모델로 AI 유효성을 검증합니다 (train a baseline model: build/quality/ai_validity.json)."""
    from mfgdata.ai_validity import Settings
    from mfgdata.ai_validity import validate_ai as run_validity

    result = _run_with_progress(lambda step: run_validity(project, Settings(target=target), on_step=step))
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
