"""`programmes`: the support programme definitions (productization, purchase)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal, cast

import typer
from rich.table import Table

from mfgdata.cli.app import app, stdout

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
        raise rules_error(
            "rules-unknown-programme",
            f"'{programme_id}' 정의가 없습니다. 있는 정의: {known}",
            f"No definition '{programme_id}'. Known: {known}",
        )
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
