"""The `mfgdata` command (also `python -m mfgdata`): one module per area registers its commands on `app`.

`main` renders every failure in one place: one line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import os
import sys

# Importing a module registers its commands on `app`.
from mfgdata.cli import ai, data, delivery, marketplace, products, programmes, quality, site, standards  # noqa: F401
from mfgdata.cli.app import app, stderr
from mfgdata.errors import MfgdataError

__all__ = ["app", "main"]


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
