"""What the IDTA submodel templates require, read from the templates themselves, checked against an AAS.

The templates spell the cardinality qualifier three ways — `SMT/Cardinality` (Nameplate 3.0, Technical
Data 2.0), `Cardinality` (Time Series 1.1) and `Multiplicity` (Contact Information 1.0) — so all three
are read; a checker reading one of them would check nothing on the others. Template semanticIds are
normalised first (a space inside `…/1/0/ ContactInformations/…`, a trailing space after `EndTime`).
Children are matched by semanticId, or by idShort where the template allows its own (`Time`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from mfgdata.standards.aas.refs import canonical_id

CARDINALITY_TYPES = ("SMT/Cardinality", "Cardinality", "Multiplicity")
TEMPLATES = (
    "IDTA_02006-3-0-1_Template_DigitalNameplate.json",
    "IDTA_02003-2-0-1_Template_TechnicalData.json",
    "IDTA_02008-1-1-1_Template_TimeSeriesData.json",
    "IDTA_02002-1-0-1_Template_ContactInformation.json",
)


@dataclass(frozen=True)
class Rule:
    """One template element: how to recognise it, how often it may occur, and its own children."""

    id_short: str
    semantic_id: str
    cardinality: str  # One | ZeroToOne | ZeroToMany | OneToMany
    children: tuple[Rule, ...] = field(default=())


def semantic_id_of(element: dict[str, Any]) -> str:
    """The first key of an element's semanticId, normalised ('' when it has none)."""
    keys = (element.get("semanticId") or {}).get("keys") or []
    return canonical_id(keys[0].get("value") or "") if keys else ""


def cardinality_of(element: dict[str, Any]) -> str:
    """The element's cardinality qualifier in any of the three spellings; `One` when it has none."""
    for qualifier in element.get("qualifiers") or []:
        if qualifier.get("type") in CARDINALITY_TYPES and qualifier.get("value"):
            return str(qualifier["value"]).strip()
    return "One"


def children_of(element: dict[str, Any]) -> list[dict[str, Any]]:
    """The child elements of a submodel, collection or list."""
    if "submodelElements" in element:
        return list(element.get("submodelElements") or [])
    if element.get("modelType") in ("SubmodelElementCollection", "SubmodelElementList"):
        return [child for child in element.get("value") or [] if isinstance(child, dict)]
    return []


def rule_of(element: dict[str, Any]) -> Rule:
    """The rule tree of a template element."""
    return Rule(
        id_short=str(element.get("idShort") or ""),
        semantic_id=semantic_id_of(element),
        cardinality=cardinality_of(element),
        children=tuple(rule_of(child) for child in children_of(element)),
    )


@cache
def template_rules() -> dict[str, Rule]:
    """Submodel semanticId → rule tree, for each shipped template."""
    rules = {}
    folder = resources.files("mfgdata.standards").joinpath("data").joinpath("templates")
    for name in TEMPLATES:
        environment = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
        for submodel in environment.get("submodels") or []:
            rule = rule_of(submodel)
            rules[rule.semantic_id] = rule
    return rules


def _matches(rule: Rule, element: dict[str, Any]) -> bool:
    if rule.semantic_id and semantic_id_of(element) == rule.semantic_id:
        return True
    return bool(rule.id_short) and element.get("idShort") == rule.id_short


def cardinality_findings(rule: Rule, element: dict[str, Any], where: str) -> list[tuple[str, str, str]]:
    """(where, ko, en) for every child count the template does not allow, recursively."""
    found = []
    children = children_of(element)
    for child_rule in rule.children:
        matching = [child for child in children if _matches(child_rule, child)]
        name = child_rule.id_short or child_rule.semantic_id
        if child_rule.cardinality in ("One", "OneToMany") and not matching:
            found.append((where, f"필수 요소 {name}이(가) 없습니다({child_rule.cardinality})",
                          f"required element {name} is missing (cardinality {child_rule.cardinality})"))  # fmt: skip
        if child_rule.cardinality in ("One", "ZeroToOne") and len(matching) > 1:
            found.append((where, f"{name}은(는) 한 번만 올 수 있는데 {len(matching)}번 있습니다",
                          f"{name} may occur once but occurs {len(matching)} times"))  # fmt: skip
        for child in matching:
            found.extend(cardinality_findings(child_rule, child, f"{where}/{child.get('idShort') or name}"))
    return found
