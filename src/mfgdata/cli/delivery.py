"""`fingerprint`: whom a delivered file was made for, and whether it is intact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from mfgdata.cli.app import app, stdout


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
