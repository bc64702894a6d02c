"""The Typer application, its consoles and the progress display shared by every command module."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from mfgdata import __version__

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


def run_with_progress(work: Callable[[Callable[[str], None]], Any]) -> Any:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True, disable=not stderr.is_terminal) as progress:
        task = progress.add_task("읽는 중 (reading)", total=None)

        def step(description: str) -> None:
            progress.update(task, description=description)

        return work(step)
