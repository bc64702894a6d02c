"""`login`, `publish`, `search`, `buy` and `download`: the marketplace from the command line, over its open API.

The token comes from `MFGDATA_TOKEN` or the credentials file `mfgdata login` writes (mode 0600); the server
from `--server` or `MFGDATA_SERVER`. The HTTP work is in `mfgdata.client` (requests, no Django).
"""

from __future__ import annotations

import getpass
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
            wait_seconds=wait,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if result.resumed_chunks:
        stderr.print(f"이어 올림 (resumed): 서버에 있던 조각 {result.resumed_chunks}개는 건너뜀", highlight=False)
    stdout.print(f"상태 (status): {result.status}", highlight=False)
    stdout.print(f"검토 현황 (review status): {result.review_url}", highlight=False, soft_wrap=True)
