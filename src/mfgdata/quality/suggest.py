"""Suggest a suite from what the profile found and what the contract says (roles, units, limits).

Each suggestion is an ODCS quality item with an `id`, a `severity` and its reason (Korean in
`description`, English in the custom property `reasonEn`), so a person can read why and edit
contract.yaml. Facts the data shows today are suggested as `warn` findings rather than as reasons to
refuse it — exact duplicate rows, out-of-order times, missing values, and spec limits (measurements
outside their own specification limits are process facts; on environment readings such as factory
temperature they say nothing about the product).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from mfgdata.dictionary.contract import custom_value
from mfgdata.dictionary.facts import spec_pairs, table_facts
from mfgdata.quality.checks.physical import quantity_of
from mfgdata.quality.errors import quality_error
from mfgdata.quality.inputs import is_project
from mfgdata.quality.suggest_rules import Suggested, column_rules, image_rules, table_rules


def _properties(contract: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    tables = (contract or {}).get("schema") or []
    return {str(prop.get("name")): prop for prop in (tables[0].get("properties") or [])} if tables else {}


def suggest(profile: dict[str, Any], contract: dict[str, Any] | None = None) -> list[Suggested]:
    """Suggestions for the single table of a profile, table-level first, then per column in file order."""
    if profile.get("kind") == "images":
        return [*table_rules(profile)[:1], *image_rules(profile.get("images") or {})]
    properties = _properties(contract)
    facts = table_facts(profile)
    found = table_rules(profile)
    limited = {column: (low, high) for column, low, high in spec_pairs(facts)}
    for column in profile.get("columns") or []:
        prop = properties.get(column["name"], {})
        role = custom_value(prop, "role") or ""
        stated = custom_value(prop, "unit")
        rule = quantity_of(stated or column.get("unit"), column["name"], str(prop.get("description") or ""))
        quantity = (rule, None if stated else column.get("unit")) if rule else None
        found.extend(column_rules(column, role, quantity, limited.get(column["name"]), profile))
    return found


def apply_to_contract(contract: dict[str, Any], suggestions: list[Suggested], replace: bool = False) -> dict[str, Any]:
    """The contract with the suggestions in its quality sections (kept as they are unless `replace`)."""
    table = (contract.get("schema") or [{}])[0]
    if table.get("quality") and not replace:
        return contract
    table["quality"] = [s.item for s in suggestions if s.column is None]
    by_column: dict[str, list[dict[str, Any]]] = {}
    for suggestion in suggestions:
        if suggestion.column is not None:
            by_column.setdefault(suggestion.column, []).append(suggestion.item)
    for prop in table.get("properties") or []:
        items = by_column.get(str(prop.get("name")))
        if items and (replace or not prop.get("quality")):
            prop["quality"] = items
    return contract


def as_contract(table: str, suggestions: list[Suggested], columns: set[str]) -> dict[str, Any]:
    """A minimal contract holding the suggestions whose columns the table has (for verify without one)."""
    kept = [s for s in suggestions if all(name in columns for name in s.columns)]
    properties = [
        {"name": name, "quality": [s.item for s in kept if s.column == name]}
        for name in dict.fromkeys(s.column for s in kept if s.column)
    ]
    return {"schema": [{"name": table, "properties": properties, "quality": [s.item for s in kept if not s.column]}]}


def suggest_for_path(target: Path) -> tuple[list[Suggested], Path | None]:
    """Suggestions for a project (its profile.json and contract.yaml) or a raw file (profiled now).

    Returns the suggestions and the project's contract path (None for a raw file).
    """
    if is_project(target):
        profile_path = target / "profile.json"
        if not profile_path.is_file():
            raise quality_error(
                "no-profile",
                "프로젝트에 profile.json이 없습니다. 'mfgdata init'으로 프로젝트를 다시 만드세요.",
                "The project has no profile.json. Create the project again with 'mfgdata init'.",
                profile_path,
            )
        profile = json.loads(profile_path.read_text(encoding="utf-8"))
        contract_path = target / "contract.yaml"
        contract = yaml.safe_load(contract_path.read_text(encoding="utf-8")) if contract_path.is_file() else None
        return suggest(profile, contract), contract_path if contract_path.is_file() else None
    from mfgdata.dictionary.contract import build_contract
    from mfgdata.profiling import profile_paths

    profile = profile_paths([target])
    return suggest(profile, build_contract(profile)), None


def fill_contract(contract_path: Path, suggestions: list[Suggested], replace: bool = False) -> Path:
    """Write the suggestions into contract.yaml's quality sections (refusing a result that is not ODCS)."""
    from mfgdata.dictionary.contract import contract_yaml, load_contract

    contract = yaml.safe_load(contract_path.read_text(encoding="utf-8"))
    filled = apply_to_contract(contract, suggestions, replace=replace)
    contract_path.write_text(contract_yaml(filled), encoding="utf-8")
    load_contract(contract_path)
    return contract_path
