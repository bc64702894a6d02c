"""Mapping suggestions per contract column: names (ko/en, synonyms), unit dimension, role; never a rating."""

from __future__ import annotations

from pathlib import Path

import pytest

from mfgdata.standards.project_files import read_yaml
from mfgdata.standards.registry import load_registry
from mfgdata.standards.suggest import ColumnInfo, suggest_column, suggest_contract

AMBIENT_AIR_TEMPERATURE = "0112/2///62683#ACE440#001"
RATINGS = {"0173-1#02-BAE098#004", "0173-1#02-BAA120#008", "0173-1#02-BAA447#006"}


def column(name: str, unit: str | None = None, role: str = "measurement", original: str | None = None) -> ColumnInfo:
    return ColumnInfo(name, original or name, unit, role, "number")


@pytest.mark.parametrize("name", ["Air temperature", "공기 온도", "ambient_air_temp", "Factory_Temp", "주위온도"])
def test_temperature_names_in_korean_and_english_meet_the_same_property(name: str) -> None:
    suggestion = suggest_column(column(name), load_registry())
    assert suggestion.candidates[0].concept.id == AMBIENT_AIR_TEMPERATURE
    assert "100%" in suggestion.candidates[0].reason_en or suggestion.candidates[0].score > 0.5


def test_each_candidate_has_a_score_and_reasons_in_both_languages() -> None:
    suggestion = suggest_column(column("Air temperature", "K", original="Air temperature [K]"), load_registry())
    best = suggestion.candidates[0]
    assert best.score == pytest.approx(1.0)
    assert "same unit dimension (K ~ degC)" in best.reason_en and "단위 차원 같음" in best.reason_ko
    assert best.convert_to == "degC"
    assert [c.score for c in suggestion.candidates] == sorted((c.score for c in suggestion.candidates), reverse=True)


@pytest.mark.parametrize(
    ("name", "unit", "rating"),
    [("Torque", "N*m", "0173-1#02-BAE098#004"), ("Rotational speed", "rpm", "0173-1#02-BAA120#008"),
     ("Casting_Pressure", None, "0173-1#02-BAA447#006")],
)  # fmt: skip
def test_a_rating_is_never_proposed_for_a_measured_column(name: str, unit: str | None, rating: str) -> None:
    suggestion = suggest_column(column(name, unit), load_registry())
    assert rating not in {c.concept.id for c in suggestion.candidates}
    assert any(concept.id == rating and "rating" in why for concept, why in suggestion.excluded)


def test_a_limit_column_may_get_a_limit_property() -> None:
    suggestion = suggest_column(column("Factory_Temp_Max", role="spec_limit"), load_registry())
    assert suggestion.candidates[0].concept.name_en == "max. ambient temperature"


def test_a_unit_of_another_dimension_excludes_the_concept() -> None:
    suggestion = suggest_column(column("Air pressure temperature", "K"), load_registry())
    assert all("pressure" not in c.concept.name_en for c in suggestion.candidates)
    assert any("measures something else" in why for _, why in suggestion.excluded)


def test_no_public_id_gives_an_own_iri_linked_to_the_closest_standard() -> None:
    registry = load_registry()
    best = suggest_column(column("Clamping_Force"), registry).candidates[0]
    assert best.concept.is_own and best.concept.id.startswith(registry.namespace)
    torque = suggest_column(column("Torque", "N*m"), registry).candidates[0]
    assert torque.concept.closest_id == "0173-1#02-BAE098#004"
    assert torque.concept.closest_relation == "ratingOfSameQuantity"


def test_ai4i_contract_suggestions(built_ai4i: Path) -> None:
    suggestions = {s.column.name: s for s in suggest_contract(read_yaml(built_ai4i / "contract.yaml"), load_registry())}
    assert suggestions["Air temperature"].candidates[0].concept.id == AMBIENT_AIR_TEMPERATURE
    assert suggestions["Tool wear"].candidates[0].concept.name_en == "tool wear (usage time)"
    offered = {c.concept.id for s in suggestions.values() for c in s.candidates}
    assert not offered & RATINGS
