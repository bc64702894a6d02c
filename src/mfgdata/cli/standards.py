"""`standardize`, `semantics` and `aas`: semantic ids and the equipment's asset administration shell."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from mfgdata.cli.app import app, stderr, stdout
from mfgdata.errors import MfgdataError


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
