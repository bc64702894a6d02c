"""`login`, `publish`, `search`, `buy` and `download`: the marketplace from the command line, over its open API.

The token comes from `MFGDATA_TOKEN` or the credentials file `mfgdata login` writes (mode 0600); the server
from `--server` or `MFGDATA_SERVER`. The HTTP work is in `mfgdata.client` (requests, no Django).
"""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from mfgdata.cli.app import app, stderr, stdout
from mfgdata.errors import ErrorText, InputError

if TYPE_CHECKING:
    from mfgdata.client import ApiClient

ServerOption = Annotated[
    str,
    typer.Option("--server", envvar="MFGDATA_SERVER", help="거래소 주소 (marketplace URL, e.g. http://127.0.0.1:8000)"),
]


def client_for(server: str, *, need_token: bool = True) -> ApiClient:
    """An API client for `server` with the user's token (refused with a clear message when there is none)."""
    from mfgdata.client import ApiClient
    from mfgdata.client.config import TOKEN_ENV, credentials_path, token_for

    token = token_for(server)
    if need_token and not token:
        raise InputError(
            "token-missing",
            ErrorText(
                ko=f"API 토큰이 없습니다. 사이트의 'API 토큰'에서 만든 뒤 {TOKEN_ENV} 환경변수로 주거나 "
                f"`mfgdata login --server {server}`로 저장하세요 ({credentials_path()}).",
                en=f"No API token: create one on the site's 'API tokens' page, then set {TOKEN_ENV} or run "
                f"`mfgdata login --server {server}` ({credentials_path()}).",
            ),
        )
    return ApiClient(server, token)


def _bytes_progress(description: str) -> Progress:
    columns = (TextColumn(description), BarColumn(), DownloadColumn(), TransferSpeedColumn())
    return Progress(*columns, console=stderr, transient=True, disable=not stderr.is_terminal)


@app.command()
def login(server: ServerOption) -> None:
    """API 토큰을 저장합니다 (store an API token for a server in ~/.config/mfgdata, mode 0600)."""
    from mfgdata.client.config import save_token

    token = getpass.getpass("API 토큰 (token): ").strip()
    if not token:
        raise InputError("token-missing", ErrorText(ko="토큰을 입력하지 않았습니다.", en="No token was entered."))
    me = client_for_token(server, token).call("GET", "/me")
    path = save_token(server, token)
    organisation = me.get("organisation", {}).get("name", "")
    stdout.print(f"저장했습니다 (saved): {path} — {me.get('email', '')} / {organisation}", highlight=False)


def client_for_token(server: str, token: str) -> ApiClient:
    from mfgdata.client import ApiClient

    return ApiClient(server, token)


@app.command()
def publish(
    target: Annotated[Path, typer.Argument(help="상품 프로젝트 폴더 또는 패키지 zip (project folder or package .zip)")],
    server: ServerOption,
    seller: Annotated[
        str, typer.Option("--seller", help="대리 등록할 제조기업 사업자등록번호 (manufacturer, for a processor)")
    ] = "",
    share: Annotated[int, typer.Option("--share", min=0, max=100, help="제조기업 수익 배분율 % (revenue share)")] = 100,
    programme_funded: Annotated[
        bool, typer.Option("--programme-funded", help="지원사업 상품 (programme-funded)")
    ] = False,
    price: Annotated[
        int | None, typer.Option("--price", min=0, help="판매금액 원, 부가세 별도 (else the package's price plans)")
    ] = None,
    wait: Annotated[float, typer.Option("--wait", min=0, help="서버 검증을 기다릴 초 (seconds to wait)")] = 600.0,
    listing: Annotated[
        int | None, typer.Option("--listing", help="보완 요청된 기존 상품 번호 (existing listing id, to resubmit)")
    ] = None,
) -> None:
    """패키지를 올리고 상품등록을 요청합니다 (upload resumably, then submit for review once verified)."""
    from mfgdata.client.publish import package_for, publish_package

    package, how = package_for(target)
    said = {"given": "주어진 패키지", "built": "빌드된 패키지", "packaged": "패키지를 새로 만들어"}[how]
    stderr.print(f"{said} (package, {how}): {package}", highlight=False, soft_wrap=True)
    registration: dict[str, object] = {
        "seller_business_number": seller,
        "manufacturer_share_percent": share,
        "programme_funded": programme_funded,
    }
    if price is not None:
        registration["price_krw"] = price
    client = client_for(server)
    with _bytes_progress("올리는 중 (uploading)") as bar:
        task = bar.add_task("upload", total=package.stat().st_size)
        result = publish_package(
            client,
            package,
            registration=registration,
            listing_id=listing,
            wait_seconds=wait,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if result.resumed_chunks:
        stderr.print(f"이어 올림 (resumed): 서버에 있던 조각 {result.resumed_chunks}개는 건너뜀", highlight=False)
    stdout.print(f"상태 (status): {result.status}", highlight=False)
    stdout.print(f"검토 현황 (review status): {result.review_url}", highlight=False, soft_wrap=True)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="찾을 말 (words to find)")] = "",
    server: ServerOption = "",
    category: Annotated[str, typer.Option("--category", help="상품 구분 (e.g. quality_prediction)")] = "",
    process: Annotated[str, typer.Option("--process", help="공정 (e.g. plating)")] = "",
    grade: Annotated[str, typer.Option("--grade", help="품질 등급 (quality grade)")] = "",
    licence: Annotated[str, typer.Option("--licence", help="라이선스 (licence id)")] = "",
    price: Annotated[str, typer.Option("--price", help="가격대 lt1m | 1m-5m | 5m-20m | gte20m")] = "",
    sort: Annotated[str, typer.Option("--sort", help="newest | price_asc | price_desc | grade | title")] = "newest",
    page: Annotated[int, typer.Option("--page", min=1)] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="JSON으로 출력 (print the answer as JSON)")] = False,
) -> None:
    """상품을 찾습니다 (search the catalog with the site's facets; no token needed)."""
    from rich.table import Table

    from mfgdata.client.market import search as catalog_search

    filters = {"category": category, "process": process, "grade": grade, "licence": licence, "price": price}
    found = catalog_search(client_for(_server(server), need_token=False), query, sort=sort, page=page, **filters)
    if as_json:
        stdout.print_json(json.dumps(found, ensure_ascii=False))
        return
    table = Table(title=f"{found['total']}개 상품 (products) — {found['page']}/{found['pages']} 쪽 (page)")
    for header in (
        "상품 (slug)",
        "상품명 (title)",
        "구분 (category)",
        "등급 (grade)",
        "최저가 원 (from, KRW)",
        "판매 (seller)",
    ):
        table.add_column(header)
    for item in found["items"]:
        lowest = item.get("lowest_price_krw")
        price_text = f"{lowest:,}" if isinstance(lowest, int) else "-"
        table.add_row(item["slug"], item["title_ko"], item["category"], item["grade"], price_text, item["seller"])
    stdout.print(table)


def _server(server: str) -> str:
    if not server:
        raise InputError(
            "server-missing",
            ErrorText(ko="--server 로 거래소 주소를 주세요.", en="Give the marketplace address with --server."),
        )
    return server


@app.command()
def buy(
    product: Annotated[str, typer.Argument(help="상품 slug (from `mfgdata search`)")],
    server: ServerOption = "",
    plan: Annotated[str | None, typer.Option("--plan", help="가격 정책 id (price plan), e.g. one-off")] = None,
    card: Annotated[
        str, typer.Option("--card", envvar="MFGDATA_CARD", help="카드 번호 (sandbox test card in the demo)")
    ] = "",
    accept_terms: Annotated[
        bool, typer.Option("--accept-terms", help="상품 이용약관에 동의 (accept the terms)")
    ] = False,
) -> None:
    """상품을 구매합니다 (check out a plan and pay with the sandbox card)."""
    from mfgdata.client.market import buy as market_buy

    bought = market_buy(client_for(_server(server)), product, plan_id=plan, card_number=card, accept_terms=accept_terms)
    stdout.print(
        f"구매 완료 (bought): 주문 {bought.reference}, 정책 {bought.plan_id}, 합계 {bought.total_krw:,}원 (VAT 포함), "
        f"상태 {bought.status}",
        highlight=False,
    )


@app.command()
def download(
    product: Annotated[str, typer.Argument(help="상품 slug")],
    server: ServerOption = "",
    output: Annotated[Path, typer.Option("-o", "--output", help="저장할 폴더 (folder; <slug>/ is made in it)")] = Path(
        "."
    ),
    public_key: Annotated[
        str | None, typer.Option("--public-key", help="거래소 공개키 base64 (trusted marketplace key)")
    ] = None,
) -> None:
    """구매한 상품을 내려받고 sha256을 확인합니다 (download and verify against the signed delivery manifest)."""
    from mfgdata.client.market import download as market_download

    with _bytes_progress("내려받는 중 (downloading)") as bar:
        task = bar.add_task("download", total=None)
        folder, fetched = market_download(
            client_for(_server(server)),
            product,
            output,
            public_key=public_key,
            progress=lambda size, _total: bar.advance(task, size),
        )
    stdout.print(
        f"내려받음 (downloaded): {folder} — 파일 {len(fetched)}개 새로 받음, 모두 sha256 일치 (all sha256 verified)",
        highlight=False,
        soft_wrap=True,
    )
