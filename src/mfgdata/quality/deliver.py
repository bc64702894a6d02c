"""What `mfgdata verify` writes: results.json, then the reports and the signed certificate beside it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mfgdata.quality.certificate import build_statement, data_entry, write_certificate
from mfgdata.quality.report_html import write_reports
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


def _title(target: Path) -> str:
    """The product's Korean title for a project, else the file or folder name."""
    product = target / "product.yaml"
    if product.is_file():
        title = (yaml.safe_load(product.read_text(encoding="utf-8")) or {}).get("title") or {}
        if isinstance(title, dict) and title.get("ko"):
            return str(title["ko"])
    return target.name


def _certify(verification: Verification) -> Path:
    rows = {entry["path"]: entry["rows"] for entry in verification.document["data"]}
    data = [
        data_entry(table.display, table.source if table.source.is_file() else table.parquet, table.parquet,
                   rows[table.display])
        for table in verification.inputs.tables
    ]  # fmt: skip
    statement = build_statement(verification.document, verification.results_path, data)
    return write_certificate(statement, verification.results_path.parent)


def verify_and_deliver(
    target: Path,
    *,
    contract: Path | None = None,
    engine: str = "duckdb",
    out_dir: Path | None = None,
    examples: int = 5,
    on_step: Callable[[str], None] | None = None,
    certificate: bool = True,
    reports: bool = True,
) -> Delivered:
    """Verify, then write the reports and the certificate into the results folder."""
    verification = verify(target, contract=contract, engine=engine, out_dir=out_dir, examples=examples,
                          on_step=on_step)  # fmt: skip
    try:
        written = [verification.results_path]
        if reports:
            written.extend(write_reports(verification.document, verification.results_path.parent, _title(target)))
        if certificate:
            written.append(_certify(verification))
    finally:
        verification.inputs.close()
    return Delivered(verification, tuple(written))
