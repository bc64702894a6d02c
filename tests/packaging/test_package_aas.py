"""The AAS inside a product package (`metadata/equipment.aasx`) passes IDTA's aas-test-engines.

The standards tests check the files `aas export` writes; this checks what a buyer actually receives: the
AASX copied into the package zip, and the JSON environment inside that AASX.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from aas_test_engines import file as test_engines

from mfgdata.packaging import check_package, package_project
from mfgdata.standards.aas.check import check_file
from mfgdata.standards.aas.export import export_aas
from mfgdata.standards.standardize import standardize_project

NAMEPLATE = (
    ("manufacturer: ''", "manufacturer: 한빛기계"),
    ("model: ''", "model: HB-350"),
    ("serial: ''", "serial: SN-2019-0042"),
    ("year: null", "year: 2019"),
    ("ratings: {}", "ratings: {max_torque: 80 N*m, power: 15 kW}"),
)


def _fill_equipment(project: Path) -> None:
    """Fill the skeleton equipment.yaml as a person would from the machine's nameplate."""
    path = project / "equipment.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in NAMEPLATE:
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_the_packaged_aas_passes_the_aas_test_engines(ai4i: Path, tmp_path: Path) -> None:
    # given a built project, standardized, with its equipment described and its AAS exported
    standardize_project(ai4i)
    _fill_equipment(ai4i)
    export_aas(ai4i)
    # when it is packaged
    result = package_project(ai4i)
    assert "metadata/equipment.aasx" not in result.missing
    manifest = check_package(result.zip_path)  # every sha256 recomputed, the AASX among them
    assert "metadata/equipment.aasx" in {entry["path"] for entry in manifest["files"]}
    # then the AASX a buyer unpacks passes IDTA's test engine and our own checker
    with zipfile.ZipFile(result.zip_path) as package:
        aasx = package.read("metadata/equipment.aasx")
    checked = test_engines.check_aasx_file(io.BytesIO(aasx))
    assert checked.ok(), "\n".join(checked.to_lines())
    unpacked = tmp_path / "equipment.aasx"
    unpacked.write_bytes(aasx)
    assert check_file(unpacked) == []
    # and so does the JSON environment inside it, which names the equipment from the nameplate
    with zipfile.ZipFile(io.BytesIO(aasx)) as inner:
        parts = [name for name in inner.namelist() if name.endswith(".json")]
        assert parts, f"no JSON part in the AASX: {inner.namelist()}"
        environment = inner.read(parts[0])
    checked_json = test_engines.check_json_file(io.StringIO(environment.decode("utf-8")))
    assert checked_json.ok(), "\n".join(checked_json.to_lines())
    text = json.dumps(json.loads(environment), ensure_ascii=False)
    assert "HB-350" in text and "한빛기계" in text, [s["idShort"] for s in json.loads(environment)["submodels"]]
