"""`serve` and `demo`: the marketplace site."""

from __future__ import annotations

from typing import Annotated

import typer

from mfgdata.cli.app import app, stderr


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
