"""The marketplace's side: a received package's quality is recomputed, and its certificate countersigned."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mfgdata.errors import MfgdataError
from mfgdata.packaging.productize import productize
from mfgdata.quality.package_check import countersign, verify_package

OPEN_DATA = Path(__file__).resolve().parents[2] / "data" / "open"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ai4i") / "ai4i"
    with pytest.MonkeyPatch.context() as patch:  # the seller's keys; the autouse fixture gives the signing key
        patch.setenv("MFGDATA_PSEUDONYM_KEY", "a pseudonymisation key for these tests")
        patch.setenv("MFGDATA_SIGNING_KEY", str(tmp_path_factory.getbasetemp() / "signing-key.pem"))
        result = productize([OPEN_DATA / "ai4i-2020"], folder, licence="CC-BY-4.0")
    assert result.package is not None
    return result.package


def test_recomputed_quality_agrees_with_the_sellers_results(package: Path) -> None:
    recomputed = verify_package(package)
    with zipfile.ZipFile(package) as archive:
        seller = json.loads(archive.read("quality/results.json"))
    assert recomputed.valid == seller["valid"] and recomputed.agrees_with_seller
    assert recomputed.stats["checks"] == seller["stats"]["checks"] > 0


def test_a_holding_certificate_is_countersigned_beside_the_package(package: Path) -> None:
    written = countersign(package)
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["format"] == "mfgdata-countersignature/1"
    assert len(document["certificate_sha256"]) == 64 and document["signature"]["algorithm"] == "Ed25519"


def test_a_package_whose_data_changed_is_not_countersigned(package: Path, tmp_path: Path) -> None:
    # given a copy of the package where one value of its Parquet data changed
    tampered = tmp_path / package.name
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("data/") and info.filename.endswith(".parquet"):
                table = pq.read_table(pa.BufferReader(data))
                column = next(f.name for f in table.schema if pa.types.is_floating(f.type))
                values = table.column(column).to_pylist()
                values[0] = values[0] + 1.0
                sink = pa.BufferOutputStream()
                changed = pa.array(values, type=table.schema.field(column).type)
                pq.write_table(table.set_column(table.column_names.index(column), column, changed), sink)
                data = sink.getvalue().to_pybytes()
            target.writestr(info, data)
    # then the certificate no longer holds on it
    with pytest.raises(MfgdataError):
        countersign(tampered)
