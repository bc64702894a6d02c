"""The contract of the built data (`build/contract.yaml`): columns as built, described and traced to the input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from mfgdata.dictionary.contract import custom_value, load_contract
from mfgdata.dictionary.init import init_project
from mfgdata.prep.build import build_recipe

RECIPE = """\
version: 1
inputs: [{source}]
steps:
  - type: rename
    columns: {{Torque: torque}}
  - type: convert-unit
    column: Air temperature
    to: degC
  - type: pseudonymise
    columns: [Product ID]
  - type: drop
    columns: [UDI]
  - type: derive
    column: failed
    expression: '"Machine failure" = 1'
    role: label
    description: {{ko: 고장 여부, en: Failed or not}}
  - type: limits
    column: torque
    max: 60
  - type: split
    by: stratified
    column: Machine failure
"""


@pytest.fixture
def built(open_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MFGDATA_PSEUDONYM_KEY", "a test key that is long enough")
    project = init_project([open_data / "ai4i-2020"], tmp_path / "ai4i")
    raw = yaml.safe_load((project / "contract.yaml").read_text(encoding="utf-8"))
    raw["schema"][0]["quality"] = [{"type": "library", "metric": "rowCount", "mustBeGreaterThan": 0}]
    (project / "contract.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    source = (open_data / "ai4i-2020" / "ai4i2020.csv").as_posix()
    (project / "recipe.yaml").write_text(RECIPE.format(source=source), encoding="utf-8")
    build_recipe(project)
    return project


def _columns(project: Path) -> dict[str, dict[str, Any]]:
    contract = yaml.safe_load((project / "build" / "contract.yaml").read_text(encoding="utf-8"))
    return {prop["name"]: prop for prop in contract["schema"][0]["properties"]}


def test_the_built_contract_is_valid_odcs_with_the_built_columns_in_order(built: Path) -> None:
    contract = load_contract(built / "build" / "contract.yaml")
    table = contract.schema_[0]
    assert table.name == "ai4i"
    assert table.physicalName == "data/ai4i.parquet"
    names = [prop.name for prop in table.properties]
    assert names[:3] == ["Product ID", "Type", "Air temperature"]
    assert "UDI" not in names
    assert names.index("torque_out_of_limits") == names.index("torque") + 1
    assert names[-1] == "split"


def test_a_renamed_column_keeps_what_the_project_contract_says_of_it(built: Path) -> None:
    torque = _columns(built)["torque"]
    assert custom_value(torque, "role") == "measurement"
    assert custom_value(torque, "inputName") == "Torque"
    assert custom_value(torque, "unit") == "N*m"
    assert "토크" in torque["description"] or "Torque" in torque["description"]


def test_a_converted_column_carries_its_new_unit_and_the_step_that_changed_it(built: Path) -> None:
    air = _columns(built)["Air temperature"]
    assert custom_value(air, "unit") == "degC"
    assert custom_value(air, "preparedBy") == ["convert-unit"]
    assert "examples" not in air  # the examples were kelvin


def test_a_pseudonymised_identifier_says_so_and_shows_no_raw_examples(built: Path) -> None:
    product_id = _columns(built)["Product ID"]
    assert custom_value(product_id, "pseudonymised") == "hmac-sha256-16"
    assert "examples" not in product_id
    assert product_id["physicalType"] == "VARCHAR"


def test_columns_the_recipe_made_are_described_by_their_steps(built: Path) -> None:
    columns = _columns(built)
    assert custom_value(columns["failed"], "role") == "label"
    assert columns["failed"]["description"] == "고장 여부"
    assert custom_value(columns["failed"], "descriptionEn") == "Failed or not"
    assert columns["failed"]["logicalType"] == "boolean"
    assert custom_value(columns["split"], "role") == "split"
    assert "stratified" in custom_value(columns["split"], "descriptionEn")
    flag = columns["torque_out_of_limits"]
    assert "torque" in flag["description"] and "60" in flag["description"]
    assert custom_value(flag, "madeByRecipe") is True


def test_required_and_unique_are_recounted_on_the_built_rows(built: Path) -> None:
    columns = _columns(built)
    assert columns["Product ID"]["required"] is True
    assert columns["Product ID"]["unique"] is True  # pseudonyms of distinct ids stay distinct
    assert columns["split"]["required"] is True


def test_the_quality_section_and_the_sources_of_the_contract_are_carried(built: Path) -> None:
    contract = yaml.safe_load((built / "build" / "contract.yaml").read_text(encoding="utf-8"))
    assert contract["schema"][0]["quality"] == [{"type": "library", "metric": "rowCount", "mustBeGreaterThan": 0}]
    origin = custom_value(contract, "builtFrom")
    assert len(origin["contractSha256"]) == 64 and len(origin["recipeSha256"]) == 64
    assert custom_value(contract["schema"][0], "rows") == 10_000


def test_the_drafted_remaining_life_is_a_label_in_the_built_contract(open_data: Path, tmp_path: Path) -> None:
    project = init_project([open_data / "nasa-cmapss-fd001" / "train_FD001.txt"], tmp_path / "cmapss")
    build_recipe(project)
    rul = _columns(project)["RUL"]
    assert custom_value(rul, "role") == "label"
    assert "잔여수명" in rul["description"]
    assert rul["logicalType"] == "integer"
