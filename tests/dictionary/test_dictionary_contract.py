"""contract.yaml is ODCS v3: it round-trips through the open-data-contract-standard package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from open_data_contract_standard.model import OpenDataContractStandard, SchemaProperty

from mfgdata.dictionary import load_contract, write_contract
from mfgdata.dictionary.contract_check import supported_api_versions
from mfgdata.errors import InputError
from mfgdata.profiling import profile_paths

OPEN_DATA = Path(__file__).resolve().parents[2] / "data" / "open"


@pytest.fixture(scope="module")
def ai4i_profile() -> dict[str, Any]:
    return profile_paths([OPEN_DATA / "ai4i-2020"])


@pytest.fixture(scope="module")
def ai4i_contract(ai4i_profile: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_contract(ai4i_profile, tmp_path_factory.mktemp("contract") / "contract.yaml")


def _custom(prop: SchemaProperty, name: str) -> Any:
    return next(entry.value for entry in prop.customProperties or [] if entry.property == name)


def test_contract_loads_back_as_odcs_with_every_column(ai4i_contract: Path, ai4i_profile: dict[str, Any]) -> None:
    contract = load_contract(ai4i_contract)
    assert isinstance(contract, OpenDataContractStandard)
    assert (contract.kind, contract.version, contract.status) == ("DataContract", "0.1.0", "draft")
    assert contract.apiVersion in supported_api_versions()
    (table,) = contract.schema_ or []
    assert [prop.name for prop in table.properties or []] == [c["name"] for c in ai4i_profile["columns"]]
    assert table.quality == []


def test_package_reads_and_rewrites_the_same_contract(ai4i_contract: Path) -> None:
    by_package = OpenDataContractStandard.from_file(str(ai4i_contract))
    again = OpenDataContractStandard.from_string(by_package.to_yaml())
    assert again == by_package
    assert again == load_contract(ai4i_contract)


def test_columns_carry_types_role_unit_sensitivity_and_both_descriptions(ai4i_contract: Path) -> None:
    (table,) = load_contract(ai4i_contract).schema_ or []
    props = {prop.name: prop for prop in table.properties or []}
    torque = props["Torque"]
    assert (torque.logicalType, torque.physicalType) == ("number", "DOUBLE")
    assert _custom(torque, "role") == "measurement"
    assert (_custom(torque, "unit"), _custom(torque, "unitLabel")) == ("N*m", "Nm")
    assert _custom(torque, "originalName") == "Torque [Nm]"
    assert "토크" in (torque.description or "")
    assert "measurement" in _custom(torque, "descriptionEn")
    assert torque.classification == "internal"
    assert _custom(torque, "semanticId") is None
    assert (props["UDI"].logicalType, props["UDI"].unique, props["UDI"].primaryKey) == ("integer", True, True)
    assert props["Type"].unique is False and props["Type"].required is True
    assert _custom(props["Machine failure"], "role") == "label"


def _rewrite(source: Path, target: Path, change: Any) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    change(data)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _set_logical_type(data: dict[str, Any]) -> None:
    data["schema"][0]["properties"][0]["logicalType"] = "float64"


def _add_unknown_key(data: dict[str, Any]) -> None:
    data["schema"][0]["properties"][0]["units"] = "K"


def _drop_id(data: dict[str, Any]) -> None:
    del data["id"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [(_set_logical_type, "float64"), (_add_unknown_key, "units"), (_drop_id, "'id'")],
)
def test_invalid_contracts_are_refused_in_both_languages(
    ai4i_contract: Path, tmp_path: Path, change: Any, expected: str
) -> None:
    broken = _rewrite(ai4i_contract, tmp_path / "contract.yaml", change)
    with pytest.raises(InputError) as caught:
        load_contract(broken)
    assert caught.value.code == "contract-invalid"
    assert expected in caught.value.text.en
    assert "ODCS 데이터 계약" in caught.value.text.ko


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        load_contract(tmp_path / "contract.yaml")
    assert missing.value.code == "contract-missing"
    bad = tmp_path / "bad.yaml"
    bad.write_text("apiVersion: v3.0.2\nschema: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as unreadable:
        load_contract(bad)
    assert unreadable.value.code == "contract-yaml"


def test_image_collection_is_described_as_its_manifest(shared_data: Path, tmp_path: Path) -> None:
    profile = profile_paths([shared_data / "casting-product-images"])
    (table,) = load_contract(write_contract(profile, tmp_path / "contract.yaml")).schema_ or []
    props = {prop.name: prop for prop in table.properties or []}
    assert list(props) == ["path", "label", "split", "width", "height"]
    assert "def_front" in (props["label"].description or "")
    assert _custom(props["label"], "role") == "label"
