"""`mfgdata standardize DIR`: ids into contract.yaml, unit steps into recipe.yaml, rebuild; bad ids refused."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml
from open_data_contract_standard.model import OpenDataContractStandard

from mfgdata.dictionary.contract import custom_value
from mfgdata.standards.errors import StandardsError
from mfgdata.standards.standardize import semantic_ids, standardize_project

AMBIENT_AIR_TEMPERATURE = "0112/2///62683#ACE440#001"


def _run(*args: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mfgdata", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, input=stdin)


def _contract(project: Path) -> dict:
    return yaml.safe_load((project / "contract.yaml").read_text(encoding="utf-8"))


def _steps(project: Path) -> list[dict]:
    return yaml.safe_load((project / "recipe.yaml").read_text(encoding="utf-8"))["steps"]


def _set_id(project: Path, column: str, semantic_id: str) -> None:
    contract = _contract(project)
    for prop in contract["schema"][0]["properties"]:
        if prop["name"] == column:
            for entry in prop["customProperties"]:
                if entry["property"] == "semanticId":
                    entry["value"] = semantic_id
    (project / "contract.yaml").write_text(yaml.safe_dump(contract, allow_unicode=True), encoding="utf-8")


def test_every_column_gets_an_id_in_both_contract_places(small_project: Path) -> None:
    result = standardize_project(small_project)
    contract = _contract(small_project)
    OpenDataContractStandard.model_validate(contract)  # still a valid ODCS v3 contract
    props = contract["schema"][0]["properties"]
    ids = semantic_ids(contract)
    assert set(ids) == {p["name"] for p in props}
    air = next(p for p in props if p["name"] == "Air temperature")
    assert custom_value(air, "semanticId") == AMBIENT_AIR_TEMPERATURE
    assert {"type": "semanticId", "url": AMBIENT_AIR_TEMPERATURE}.items() <= air["authoritativeDefinitions"][0].items()
    assert ids["Torque"].endswith("measured-torque")
    assert {d.how for d in result.decisions} >= {"accepted", "column-iri"}
    assert contract["name"] in ids["UDI"] or "machining" in ids["UDI"]
    assert (small_project / "contract.yaml").read_text(encoding="utf-8").startswith("# ODCS v3")


def test_a_prescribed_unit_adds_a_conversion_step_and_rebuilds(small_project: Path) -> None:
    before = pq.read_table(next((small_project / "build" / "data").glob("*.parquet"))).column("Air temperature")
    result = standardize_project(small_project)
    assert result.rebuilt and ("Air temperature", "K", "degC") in result.conversions
    conversions = [s for s in _steps(small_project) if s["type"] == "convert-unit"]
    assert conversions == [
        {"type": "convert-unit", "column": "Air temperature", "to": "degC", "why": conversions[0]["why"]}
    ]
    after = pq.read_table(next((small_project / "build" / "data").glob("*.parquet"))).column("Air temperature")
    assert after[0].as_py() == pytest.approx(before[0].as_py() - 273.15)
    # a second run keeps the ids and does not add the step again
    again = standardize_project(small_project)
    assert {d.how for d in again.decisions} == {"kept"} and not again.rebuilt
    built = yaml.safe_load((small_project / "build" / "contract.yaml").read_text(encoding="utf-8"))
    assert semantic_ids(built)["Air temperature"] == AMBIENT_AIR_TEMPERATURE  # the build contract has the ids
    assert [s["type"] for s in _steps(small_project)].count("convert-unit") == 1


def test_the_conversion_goes_before_the_split(small_project: Path) -> None:
    standardize_project(small_project)
    types = [s["type"] for s in _steps(small_project)]
    if "split" in types:
        assert types.index("convert-unit") < types.index("split")


@pytest.mark.parametrize(
    ("semantic_id", "code", "message"),
    [
        ("0173-1#02-AAO677", "malformed-semantic-id", "column 'Air temperature': '0173-1#02-AAO677' is not a valid"),
        ("0173-1#02-ZZZ999#001", "unknown-semantic-id", "column 'Air temperature': '0173-1#02-ZZZ999#001' is not in"),
        ("urn:mfgdata:concept:measured-pressure", "unit-contradicts-semantic-id", "the unit K and the unit MPa"),
        ("0173-1#02-BAA447#006", "unit-contradicts-semantic-id", "measure different quantities"),
    ],
)
def test_bad_ids_are_refused_naming_the_column(small_project: Path, semantic_id: str, code: str, message: str) -> None:
    _set_id(small_project, "Air temperature", semantic_id)
    with pytest.raises(StandardsError) as caught:
        standardize_project(small_project)
    assert caught.value.code == code
    assert message in caught.value.text.en and "'Air temperature' 열" in caught.value.text.ko


def test_a_rating_written_by_hand_on_a_measured_column_is_refused(small_project: Path) -> None:
    _set_id(small_project, "Torque", "0173-1#02-BAE098#004")
    with pytest.raises(StandardsError, match="rating") as caught:
        standardize_project(small_project)
    assert caught.value.code == "rating-for-measured-column" and "'Torque'" in caught.value.text.en


def test_cli_standardize_and_its_errors(small_project: Path) -> None:
    done = _run("standardize", small_project, "--no-aas")
    assert done.returncode == 0, done.stderr
    assert AMBIENT_AIR_TEMPERATURE in done.stdout and "convert-unit Air temperature K → degC" in done.stderr
    _set_id(small_project, "Torque", "not-an-id")
    refused = _run("standardize", small_project, "--no-aas")
    assert refused.returncode == 2 and "malformed-semantic-id" in refused.stderr and "'Torque'" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_interactive_picks_from_the_keyboard(small_project: Path) -> None:
    # columns in order: UDI, Air temperature, Torque, Rotational speed, Tool wear, Machine failure
    answers = "s\n2\nbogus\n\n\nurn:mfgdata:concept:shot-count\n\n"
    done = _run("standardize", small_project, "--interactive", "--no-aas", stdin=answers)
    assert done.returncode == 0, done.stderr
    assert "ratings left out" in done.stdout and "max. torque" in done.stdout
    assert "unclear" in done.stdout
    ids = semantic_ids(_contract(small_project))
    assert ids["UDI"].endswith("/udi")  # s: the column IRI
    assert ids["Air temperature"] != AMBIENT_AIR_TEMPERATURE  # 2: the second candidate
    assert ids["Torque"].endswith("measured-torque")  # 'bogus' asked again, then Enter: the first
    assert ids["Tool wear"] == "urn:mfgdata:concept:shot-count"  # typed


def test_interactive_quit_writes_nothing(small_project: Path) -> None:
    before = (small_project / "contract.yaml").read_bytes()
    done = _run("standardize", small_project, "--interactive", "--no-aas", stdin="q\n")
    assert done.returncode == 2 and "aborted" in done.stderr.lower()
    assert (small_project / "contract.yaml").read_bytes() == before


def test_real_ai4i_standardized(built_ai4i: Path, copy_project: Callable[[Path], Path]) -> None:
    project = copy_project(built_ai4i)
    result = standardize_project(project)
    ids = semantic_ids(_contract(project))
    assert ids["Air temperature"] == AMBIENT_AIR_TEMPERATURE
    assert ids["Torque"].endswith("measured-torque")  # a measured torque, not the rating max. torque
    assert ("Process temperature", "K", "degC") in result.conversions and result.rebuilt
    table = pq.read_table(next((project / "build" / "data").glob("*.parquet")))
    assert 20 < table.column("Air temperature")[0].as_py() < 35  # °C now, was about 300 K
