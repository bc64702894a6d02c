"""Column roles and sensitivity from real profiles: what a person reviewing contract.yaml would check."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from mfgdata.dictionary import LEVELS, ROLES, ColumnRole, assign_roles
from mfgdata.profiling import profile_paths

OPEN_DATA = Path(__file__).resolve().parents[2] / "data" / "open"


@functools.cache
def _profile(path: str) -> dict[str, Any]:
    return profile_paths([Path(path)])


def _roles(path: Path) -> dict[str, ColumnRole]:
    return {role.name: role for role in assign_roles(_profile(str(path)))}


@pytest.fixture(scope="module")
def ai4i() -> dict[str, ColumnRole]:
    return _roles(OPEN_DATA / "ai4i-2020")


def test_ai4i_identifiers_measurements_and_label(ai4i: dict[str, ColumnRole]) -> None:
    assert ai4i["UDI"].role == "identifier"
    assert ai4i["Product ID"].role == "identifier"
    assert ai4i["Type"].role in ("feature", "lot")
    assert ai4i["Machine failure"].role == "label"
    for unit_column in ("Air temperature", "Process temperature", "Rotational speed", "Torque", "Tool wear"):
        assert ai4i[unit_column].role == "measurement"
        assert "unit" in ai4i[unit_column].reason_en


def test_ai4i_failure_mode_flags_belong_to_the_label(ai4i: dict[str, ColumnRole]) -> None:
    for flag in ("TWF", "HDF", "PWF", "OSF", "RNF"):
        assert ai4i[flag].role == "label"
        assert "Machine failure" in ai4i[flag].reason_en
        assert "Machine failure" in ai4i[flag].reason_ko


def test_every_role_has_a_reason_in_both_languages_and_a_known_sensitivity(ai4i: dict[str, ColumnRole]) -> None:
    for role in ai4i.values():
        assert role.role in ROLES
        assert role.sensitivity in LEVELS
        assert role.reason_en and role.sensitivity_reason_en
        assert any("가" <= char <= "힣" for char in role.reason_ko + role.sensitivity_reason_ko)


def test_cmapss_headerless_axis_columns() -> None:
    roles = _roles(OPEN_DATA / "nasa-cmapss-fd001")
    assert roles["column_1"].role == "entity"
    assert roles["column_2"].role == "timestamp"
    assert "sequence" in roles["column_2"].reason_en
    assert roles["source_file"].role == "identifier"
    assert roles["column_7"].role == "measurement"


def test_steel_minimum_maximum_coordinates_are_not_spec_limits() -> None:
    roles = _roles(OPEN_DATA / "uci-steel-plates-faults")
    assert roles["X_Minimum"].role != "spec_limit"
    assert roles["Y_Maximum"].role != "spec_limit"
    assert {roles[name].role for name in ("Pastry", "Z_Scratch", "Other_Faults")} == {"label"}


def test_diecasting_spec_limits_and_defect_labels(shared_data: Path) -> None:
    roles = _roles(shared_data / "kamp-diecasting-quality")
    for base in ("Air_Pressure", "Coolant_Temp", "Factory_Temp", "Factory_Humidity"):
        assert roles[base].role == "measurement"
        assert roles[f"{base}_Min"].role == "spec_limit"
        assert roles[f"{base}_Max"].role == "spec_limit"
        assert f"'{base}'" in roles[f"{base}_Min"].reason_en
    assert "lower" in roles["Coolant_Temp_Min"].reason_en
    assert "upper" in roles["Coolant_Temp_Max"].reason_en
    assert {roles[name].role for name in ("Short_Shot_1", "Crack_2", "Inclusions_1")} == {"label"}
    assert "Defects" in roles["Short_Shot_1"].reason_en
    assert roles["Product_Type"].role == "feature"


def test_chromate_plating_time_lot_and_sensors(shared_data: Path) -> None:
    roles = _roles(shared_data / "kamp-chromate-plating")
    assert roles["Time"].role == "timestamp"
    assert roles["Lot"].role == "lot"
    assert roles["Index"].role == "identifier"
    assert {roles[name].role for name in ("pH", "Temp", "Current", "Voltage")} == {"measurement"}


def test_injection_orders_are_business_features_and_weekday_is_public(shared_data: Path) -> None:
    roles = _roles(shared_data / "kamp-injection-supply-chain")
    assert roles["T+1일 예정 수주량"].role == "feature"
    assert "order" in roles["T+1일 예정 수주량"].reason_en
    assert roles["DateTime"].role == "timestamp"
    assert roles["Product_Number"].role == "identifier"
    assert roles["DoW"].sensitivity == "public"
    assert roles["Temperature"].sensitivity == "internal"
