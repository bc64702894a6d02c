"""Our AAS checker: broken inputs reported precisely; template cardinalities in all three qualifier spellings."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mfgdata.standards.aas.cardinality import CARDINALITY_TYPES, Rule, cardinality_of, template_rules
from mfgdata.standards.aas.check import check_environment
from mfgdata.standards.aas.refs import RELATIVE_POINT_IN_TIME, canonical_id

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "mfgdata" / "standards" / "data" / "templates"


def _template(name: str) -> dict[str, Any]:
    return json.loads(next(TEMPLATES.glob(f"*{name}*.json")).read_text(encoding="utf-8"))


def _exported(project: Path) -> dict[str, Any]:
    return json.loads((project / "build" / "metadata" / "equipment.aas.json").read_text(encoding="utf-8"))


def _find(element: dict[str, Any], id_short: str) -> dict[str, Any]:
    """The first element with that idShort anywhere below `element`."""
    for child in element.get("submodelElements") or element.get("value") or []:
        if not isinstance(child, dict):
            continue
        if child.get("idShort") == id_short:
            return child
        try:
            return _find(child, id_short)
        except KeyError:
            continue
    raise KeyError(id_short)


def _parent_list(environment: dict[str, Any], id_short: str) -> list[dict[str, Any]]:
    """The sibling list holding the element `id_short` (to delete or duplicate it)."""

    def walk(element: dict[str, Any]) -> list[dict[str, Any]] | None:
        children = element.get("submodelElements") or element.get("value")
        if not isinstance(children, list):
            return None
        if any(isinstance(c, dict) and c.get("idShort") == id_short for c in children):
            return children
        return next((found for c in children if isinstance(c, dict) and (found := walk(c)) is not None), None)

    return next(found for s in environment["submodels"] if (found := walk(s)) is not None)


def _codes(environment: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f.code, f.where) for f in check_environment(environment)]


def test_the_written_aas_has_no_findings(exported_project: Path) -> None:
    assert check_environment(_exported(exported_project)) == []


def test_a_double_value_abc_is_reported_where_it_is(exported_project: Path) -> None:
    environment = _exported(exported_project)
    _find(next(s for s in environment["submodels"] if s["idShort"] == "TechnicalData"), "max_pressure")["value"] = "abc"
    findings = check_environment(environment)
    assert [(f.code, f.message_en) for f in findings] == [("bad-value", "value 'abc' is not a valid xs:double")]
    assert findings[0].where.startswith("Submodel TechnicalData/TechnicalPropertyAreas/") and findings[
        0
    ].where.endswith("/max_pressure")


def test_a_duplicate_id_short_is_reported(exported_project: Path) -> None:
    environment = _exported(exported_project)
    siblings = _parent_list(environment, "SerialNumber")
    siblings.append(copy.deepcopy(next(c for c in siblings if c.get("idShort") == "SerialNumber")))
    codes = _codes(environment)
    assert ("duplicate-id-short", "Submodel Nameplate/SerialNumber") in codes


def test_a_real_measure_without_unit_is_reported(exported_project: Path) -> None:
    environment = _exported(exported_project)
    concept = next(c for c in environment["conceptDescriptions"] if c["id"] == "0112/2///62683#ACE440#001")
    content = concept["embeddedDataSpecifications"][0]["dataSpecificationContent"]
    del content["unit"], content["unitId"]
    assert _codes(environment) == [("measure-without-unit", "ConceptDescription 0112/2///62683#ACE440#001")]


def test_a_concept_description_without_english_name_is_reported(exported_project: Path) -> None:
    environment = _exported(exported_project)
    concept = environment["conceptDescriptions"][0]
    content = concept["embeddedDataSpecifications"][0]["dataSpecificationContent"]
    content["preferredName"] = [e for e in content["preferredName"] if e["language"] != "en"] or [
        {"language": "ko", "text": "이름"}
    ]
    findings = check_environment(environment)
    assert [(f.code, f.where) for f in findings] == [("no-english-name", f"ConceptDescription {concept['id']}")]
    assert "AASc-3a-002" in findings[0].message_en


@pytest.mark.parametrize(
    ("template", "spelling"),
    [
        ("DigitalNameplate", "SMT/Cardinality"),
        ("TimeSeriesData", "Cardinality"),
        ("ContactInformation", "Multiplicity"),
    ],
)
def test_each_template_uses_its_own_qualifier_spelling(template: str, spelling: str) -> None:
    submodel = _template(template)["submodels"][0]
    first = (submodel["submodelElements"])[0]
    assert first["qualifiers"][0]["type"] == spelling and spelling in CARDINALITY_TYPES
    assert cardinality_of(first) != "One" or first["qualifiers"][0]["value"] == "One"


@pytest.mark.parametrize(
    ("template", "remove", "missing"),
    [
        ("DigitalNameplate", "ManufacturerName", "ManufacturerName"),  # SMT/Cardinality = One
        ("TimeSeriesData", "Time", "Time"),  # Cardinality = OneToMany (inside Record)
        ("ContactInformation", "TelephoneNumber", "TelephoneNumber"),  # Multiplicity = One (inside Phone)
    ],
)
def test_a_missing_required_element_is_found_in_each_spelling(template: str, remove: str, missing: str) -> None:
    environment = _template(template)
    assert [f for f in check_environment(environment) if f.code == "cardinality"] == []
    siblings = _parent_list(environment, remove)
    siblings[:] = [c for c in siblings if c.get("idShort") != remove]
    findings = [f for f in check_environment(environment) if f.code == "cardinality"]
    assert findings and all(f"required element {missing} is missing" in f.message_en for f in findings)


def test_a_repeated_zero_to_one_element_is_found() -> None:
    environment = _template("DigitalNameplate")
    siblings = _parent_list(environment, "SerialNumber")
    siblings.append(copy.deepcopy(next(c for c in siblings if c.get("idShort") == "SerialNumber")))
    messages = [f.message_en for f in check_environment(environment) if f.code == "cardinality"]
    assert "SerialNumber may occur once but occurs 2 times" in messages


def test_template_quirks_are_normalised_not_copied() -> None:
    rules = template_rules()
    assert "https://admin-shell.io/zvei/nameplate/1/0/ContactInformations" in rules

    def ids(rule: Rule) -> list[str]:
        return [rule.semantic_id, *(i for child in rule.children for i in ids(child))]

    every = [i for rule in rules.values() for i in ids(rule)]
    assert len(every) > 100 and not [i for i in every if " " in i]
    assert canonical_id("https://admin-shell.io/idta/TimeSeries/RelativeTimePoint/1/1") == RELATIVE_POINT_IN_TIME
    assert canonical_id("https://admin-shell.io/idta/TimeSeries/Segment/EndTime/1/1 ").endswith("EndTime/1/1")


def test_a_time_variable_spelled_relative_time_point_still_counts() -> None:
    environment = _template("TimeSeriesData")
    for siblings_holder in ("Time",):
        for time in [c for c in _parent_list(environment, siblings_holder) if c.get("idShort") == "Time"]:
            time["idShort"] = "Time01"
            time["semanticId"]["keys"][0]["value"] = "https://admin-shell.io/idta/TimeSeries/RelativeTimePoint/1/1"
    assert [f for f in check_environment(environment) if f.code == "cardinality"] == []


def test_cli_check_reports_findings_with_exit_1(exported_project: Path, tmp_path: Path) -> None:
    environment = _exported(exported_project)
    _find(environment["submodels"][0], "RecordCount")["value"] = "many"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(environment), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mfgdata", "aas", "check", str(broken)], capture_output=True, text=True
    )
    assert done.returncode == 1 and "value 'many' is not a valid xs:long" in done.stdout
