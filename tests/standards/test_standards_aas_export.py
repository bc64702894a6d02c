"""`mfgdata aas export`: AASX (JSON part) + JSON that pass aas-test-engines and our own checks."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from aas_test_engines import file as test_engines

from mfgdata.standards.aas.check import check_file
from mfgdata.standards.aas.export import export_aas
from mfgdata.standards.errors import StandardsError
from mfgdata.standards.project_files import read_yaml
from mfgdata.standards.standardize import semantic_ids, standardize_project

from .conftest import fill_equipment

AMBIENT_AIR_TEMPERATURE = "0112/2///62683#ACE440#001"


def assert_conformant(project: Path) -> dict:
    """Both files pass IDTA's test engine and our checker; returns the JSON environment."""
    folder = project / "build" / "metadata"
    with (folder / "equipment.aas.json").open(encoding="utf-8") as handle:
        result = test_engines.check_json_file(handle)
    assert result.ok(), "\n".join(result.to_lines())
    with (folder / "equipment.aasx").open("rb") as handle:
        packaged = test_engines.check_aasx_file(handle)
    assert packaged.ok(), "\n".join(packaged.to_lines())
    for name in ("equipment.aas.json", "equipment.aasx"):
        assert check_file(folder / name) == []
    return json.loads((folder / "equipment.aas.json").read_text(encoding="utf-8"))


def _submodel(environment: dict, id_short: str) -> dict:
    return next(s for s in environment["submodels"] if s["idShort"] == id_short)


def _child(element: dict, id_short: str) -> dict:
    return next(c for c in element.get("submodelElements") or element["value"] if c.get("idShort") == id_short)


def test_export_holds_nameplate_technical_data_time_series_and_concepts(exported_project: Path) -> None:
    environment = assert_conformant(exported_project)
    assert {s["idShort"] for s in environment["submodels"]} == {"Nameplate", "TechnicalData", "TimeSeries"}
    nameplate = _submodel(environment, "Nameplate")
    assert _child(nameplate, "ManufacturerName")["value"] == [{"language": "en", "text": "한빛기계"}]
    assert _child(nameplate, "SerialNumber")["value"] == "SN-2019-0042"
    area = _child(_submodel(environment, "TechnicalData"), "TechnicalPropertyAreas")["value"][0]["value"]
    pressure = next(p for p in area if p["idShort"] == "max_pressure")
    assert pressure["semanticId"]["keys"][0]["value"] == "0173-1#02-BAA447#006" and float(pressure["value"]) == 25e6


def test_record_variables_are_the_output_columns_with_their_ids(exported_project: Path) -> None:
    environment = json.loads((exported_project / "build" / "metadata" / "equipment.aas.json").read_text("utf-8"))
    series = _submodel(environment, "TimeSeries")
    record = _child(_child(series, "Metadata"), "Record")
    by_name = {
        v["displayName"][0]["text"]: v["semanticId"]["keys"][0]["value"]
        for v in record["value"]
        if v.get("displayName")
    }
    ids = semantic_ids(read_yaml(exported_project / "contract.yaml"))
    for column, semantic_id in ids.items():
        assert by_name[column] == semantic_id
    assert "split" in by_name or len(by_name) == len(ids)  # derived output columns are variables too
    segments = _child(series, "Segments")["value"]
    assert [s["idShort"] for s in segments] == ["ExternalSegment"]  # never inline records
    file = _child(segments[0], "File")
    assert file["value"] == "../data/machining.parquet" and file["contentType"] == "application/vnd.apache.parquet"
    assert _child(segments[0], "RecordCount")["value"] == "120"


def test_concept_descriptions_carry_iec61360_in_korean_and_english(exported_project: Path) -> None:
    environment = json.loads((exported_project / "build" / "metadata" / "equipment.aas.json").read_text("utf-8"))
    concepts = {
        c["id"]: c["embeddedDataSpecifications"][0]["dataSpecificationContent"]
        for c in environment["conceptDescriptions"]
    }
    air = concepts[AMBIENT_AIR_TEMPERATURE]
    assert {e["language"] for e in air["preferredName"]} == {"en", "ko"}
    assert {e["language"] for e in air["definition"]} == {"en", "ko"}
    assert air["unit"] == "°C" and air["unitId"]["keys"][0]["value"] == "0112/2///62720#UAA033#001"
    assert air["dataType"] == "REAL_MEASURE"
    torque = next(v for k, v in concepts.items() if k.endswith("measured-torque"))
    assert "0173-1#02-BAE098#004" in torque["sourceOfDefinition"]  # linked to the closest standard property


def test_export_is_byte_identical_when_repeated(exported_project: Path) -> None:
    folder = exported_project / "build" / "metadata"
    first = [(folder / n).read_bytes() for n in ("equipment.aasx", "equipment.aas.json")]
    export_aas(exported_project)
    assert [(folder / n).read_bytes() for n in ("equipment.aasx", "equipment.aas.json")] == first


def test_an_empty_manufacturer_is_refused_naming_the_line(small_project: Path) -> None:
    with pytest.raises(StandardsError) as caught:
        export_aas(small_project)
    assert caught.value.code == "equipment-incomplete"
    assert "line 11: 'manufacturer'" in caught.value.text.en or "'manufacturer' of equipment" in caught.value.text.en
    assert "번째 줄" in caught.value.text.ko


def test_cli_aas_export_and_check(exported_project: Path) -> None:
    run = [sys.executable, "-m", "mfgdata"]
    done = subprocess.run([*run, "aas", "export", str(exported_project)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "equipment.aasx" in done.stderr
    checked = subprocess.run([*run, "aas", "check", str(exported_project / "build/metadata/equipment.aasx")],
                             capture_output=True, text=True, timeout=300)  # fmt: skip
    assert checked.returncode == 0 and "no findings" in checked.stderr


def test_real_ai4i_product_standardized_and_exported(built_ai4i: Path, copy_project: Callable[[Path], Path]) -> None:
    project = copy_project(built_ai4i)
    standardize_project(project)
    fill_equipment(project)
    export_aas(project)
    environment = assert_conformant(project)
    record = _child(_child(_submodel(environment, "TimeSeries"), "Metadata"), "Record")
    torque = _child(record, "Torque")
    assert torque["semanticId"]["keys"][0]["value"].endswith("measured-torque")


@pytest.mark.shared_data
def test_real_diecasting_product_standardized_and_exported(
    built_diecasting: Path, copy_project: Callable[[Path], Path]
) -> None:
    project = copy_project(built_diecasting)
    standardize_project(project)
    fill_equipment(project, "{max_pressure: 80 MPa}")
    export_aas(project)
    environment = assert_conformant(project)
    ids = semantic_ids(read_yaml(project / "contract.yaml"))
    assert ids["Factory_Temp"] == AMBIENT_AIR_TEMPERATURE
    assert ids["Clamping_Force"].endswith("clamping-force")  # no public id: an own IRI, never an invented IRDI
    assert len(environment["conceptDescriptions"]) > 60
