"""The signed certificate binds the data's rows, the contract and the results; any change is caught."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from mfgdata.quality.certificate_check import check_certificate
from mfgdata.quality.deliver import verify_and_deliver


@pytest.fixture
def certified(kit: Any, tmp_path: Path, readings: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A verified project (build/data/readings.parquet) with its certificate; the key lives outside it."""
    monkeypatch.setenv("MFGDATA_SIGNING_KEY", str(tmp_path / "keys" / "signing.pem"))
    project = tmp_path / "project"
    (project / "build" / "data").mkdir(parents=True)
    shutil.copy(readings, project / "build" / "data" / "readings.parquet")
    kit.write_contract(project, "readings", [kit.custom("not-null", column="id")])
    delivered = verify_and_deliver(project)
    assert delivered.exit_code == 0
    return project / "build" / "quality" / "certificate.json"


def test_certificate_holds_and_key_is_private(certified: Path, tmp_path: Path) -> None:
    document = json.loads(certified.read_text(encoding="utf-8"))
    statement = document["statement"]
    assert statement["data"][0]["path"] == "data/readings.parquet"
    assert len(statement["data"][0]["rows_sha256"]) == 64
    assert statement["contract"]["path"] == "contract.yaml" and statement["results"]["valid"] is True
    assert document["signature"]["fingerprint"].startswith("sha256:")
    key = tmp_path / "keys" / "signing.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert not list(certified.parents[2].rglob("*.pem"))
    check = check_certificate(certified)
    assert check.holds and check.fingerprint == document["signature"]["fingerprint"]


def test_file_metadata_added_at_delivery_keeps_the_rows_certified(certified: Path) -> None:
    data = certified.parents[1] / "data" / "readings.parquet"
    table = pq.read_table(data)
    table = table.replace_schema_metadata({"buyer": "ACME-0042"})
    pq.write_table(table, data, row_group_size=7, compression="zstd")
    check = check_certificate(certified)
    assert check.holds and "rows identical" in check.notes[0]


def test_one_changed_value_breaks_it(certified: Path) -> None:
    data = certified.parents[1] / "data" / "readings.parquet"
    rows = pq.read_table(data).to_pylist()
    rows[3]["lot"] = 99
    import pyarrow as pa

    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(data)), data)
    check = check_certificate(certified)
    assert [problem.code for problem in check.problems] == ["data-changed"]


def test_changed_results_or_contract_break_it(certified: Path) -> None:
    results = certified.parent / "results.json"
    results.write_text(results.read_text(encoding="utf-8").replace('"valid": true', '"valid": false'), encoding="utf-8")
    contract = certified.parents[2] / "contract.yaml"
    contract.write_text(contract.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    codes = [problem.code for problem in check_certificate(certified).problems]
    assert codes == ["results-changed", "contract-changed"]


def test_tampered_certificate_is_rejected(certified: Path) -> None:
    document = json.loads(certified.read_text(encoding="utf-8"))
    document["statement"]["results"]["grade"] = "A+"
    certified.write_text(json.dumps(document), encoding="utf-8")
    assert [problem.code for problem in check_certificate(certified).problems] == ["certificate-tampered"]


def test_swapped_public_key_is_rejected(certified: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mfgdata.quality.signing import sign

    monkeypatch.setenv("MFGDATA_SIGNING_KEY", str(tmp_path / "other.pem"))
    document = json.loads(certified.read_text(encoding="utf-8"))
    _, other_key, _ = sign(b"x")
    document["signature"]["public_key"] = other_key
    certified.write_text(json.dumps(document), encoding="utf-8")
    assert not check_certificate(certified).holds


def test_cli_exit_codes(certified: Path) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "mfgdata", "verify-certificate", str(certified)]
    assert subprocess.run(command, capture_output=True, text=True).returncode == 0
    document = json.loads(certified.read_text(encoding="utf-8"))
    document["statement"]["data"][0]["rows"] = 21
    certified.write_text(json.dumps(document), encoding="utf-8")
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 1 and "certificate-tampered" in done.stderr
