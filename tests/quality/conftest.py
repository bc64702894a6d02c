"""Helpers for quality tests: small generated tables and contracts with custom checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from mfgdata.quality import verify


def write_table(folder: Path, select: str, name: str = "readings") -> Path:
    """A Parquet file made by a DuckDB SELECT (rows in the order the SELECT gives them)."""
    target = folder / f"{name}.parquet"
    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.execute(f"COPY ({select}) TO '{target}' (FORMAT parquet)")
    con.close()
    return target


def custom(check_type: str, severity: str = "block", **settings: Any) -> dict[str, Any]:
    """An ODCS quality item for one of our checks."""
    return {"type": "custom", "engine": "mfgdata", "severity": severity,
            "implementation": {"type": check_type, **settings}}  # fmt: skip


def write_contract(folder: Path, table: str, quality: list[dict[str, Any]],
                   properties: list[dict[str, Any]] | None = None) -> Path:  # fmt: skip
    """A contract with one table and its table-level quality items."""
    schema = [{"name": table, "properties": properties or [], "quality": quality}]
    document = {"apiVersion": "v3.0.2", "kind": "DataContract", "id": "test", "version": "0.1.0",
                "status": "draft", "schema": schema}  # fmt: skip
    path = folder / "contract.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def run_checks(folder: Path, data: Path, quality: list[dict[str, Any]], properties: list[dict[str, Any]] | None = None,
               engine: str = "duckdb") -> dict[str, dict[str, Any]]:  # fmt: skip
    """Verify `data` with the given checks; results by check id."""
    contract = write_contract(folder, data.stem, quality, properties)
    verification = verify(data, contract=contract, out_dir=folder / "quality", engine=engine)
    verification.inputs.close()
    return {result["id"]: result for result in verification.document["results"]}


@pytest.fixture
def readings(tmp_path: Path) -> Path:
    """20 readings of three machines, one per second each, with planted faults.

    Row 6 has no temperature; row 8 has status 'X'; row 4 has humidity 150 %; rows 12–20 are above the
    30 °C spec limit; machine m1 skips from t=4 s to t=10 s at row 11; row 15 repeats row 14's key.
    """
    return write_table(
        tmp_path,
        """
        SELECT i + 1 AS id, 'm' || (i % 3) AS machine,
               TIMESTAMP '2024-01-01 00:00:00' + to_seconds(CASE WHEN i = 10 THEN 31 ELSE i END) AS ts,
               CASE WHEN i = 5 THEN NULL ELSE 20.0 + i END AS temp,
               CASE WHEN i = 7 THEN 'X' ELSE 'OK' END AS status,
               18.0 AS temp_min, 30.0 AS temp_max,
               CASE WHEN i = 3 THEN 150.0 ELSE 50.0 END AS humidity,
               CASE WHEN i = 14 THEN 14 ELSE i + 1 END AS lot
        FROM range(20) t(i) ORDER BY i
        """,
    )


class Kit:
    """The helpers above, handed to tests as the `kit` fixture (test modules cannot import conftest)."""

    write_table = staticmethod(write_table)
    custom = staticmethod(custom)
    write_contract = staticmethod(write_contract)
    run_checks = staticmethod(run_checks)


@pytest.fixture
def kit() -> type[Kit]:
    return Kit


@pytest.fixture(autouse=True)
def signing_key_outside_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Certificates made by tests are signed with a throw-away key, never the user's own."""
    monkeypatch.setenv("MFGDATA_SIGNING_KEY", str(tmp_path_factory.getbasetemp() / "signing-key.pem"))
