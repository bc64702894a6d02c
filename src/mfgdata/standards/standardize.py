"""`mfgdata standardize DIR`: semantic ids into contract.yaml, unit conversions into recipe.yaml, then a rebuild.

Each column gets one id. An id already in the contract (written by hand or by an earlier run) is checked
and kept; otherwise the best candidate at or above the threshold is taken (or the one a person picks), and a
column nothing fits gets a project-own column IRI. Ids are written twice, as the ODCS
`authoritativeDefinitions` entry of type `semanticId` and as the `semanticId` custom property `init` left
empty. When the chosen id prescribes another unit than the column's (ambient air temperature in °C for a
column in K), a `convert-unit` step is added to recipe.yaml before the first `split` step, so every later
`build` keeps the conversion, and the project is rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mfgdata.dictionary.contract import custom, custom_value
from mfgdata.prep.build import RECIPE_FILE, build_recipe
from mfgdata.standards.errors import standards_error
from mfgdata.standards.ids import InvalidId, id_kind, normalise_id
from mfgdata.standards.project_files import CONTRACT_FILE, read_yaml, rewrite_yaml
from mfgdata.standards.registry import Concept, Registry, load_registry
from mfgdata.standards.suggest import Candidate, ColumnInfo, Suggestion, exclusion, suggest_column
from mfgdata.standards.units import needs_conversion, same_dimension

DEFAULT_THRESHOLD = 0.4


@dataclass(frozen=True)
class Decision:
    """The id chosen for one column and why (`kept`, `accepted`, `picked`, `column-iri`)."""

    column: str
    semantic_id: str
    how: str
    name_en: str
    reason_en: str
    convert_to: str | None = None


@dataclass(frozen=True)
class StandardizeResult:
    """What standardize changed: the decisions, the conversion steps added, whether it rebuilt."""

    decisions: list[Decision]
    conversions: list[tuple[str, str, str]]  # (column, from unit, to unit)
    rebuilt: bool


# A chooser sees a column's suggestion and returns the candidate to take, an id typed by the person, or
# None for "no standard id" (the column IRI). The non-interactive chooser takes the best above the threshold.
Chooser = Callable[[Suggestion], Candidate | str | None]


def automatic(threshold: float) -> Chooser:
    """The chooser of a non-interactive run."""
    return lambda suggestion: suggestion.best(threshold)


def _column_error(code: str, column: str, ko: str, en: str) -> Exception:
    return standards_error(code, CONTRACT_FILE, f"'{column}' 열: {ko}", f"column '{column}': {en}")


def checked_concept(column: ColumnInfo, semantic_id: str, registry: Registry) -> Concept:
    """The registry concept of an id given for a column, refusing malformed, unknown or contradicting ids."""
    text = normalise_id(semantic_id)
    try:
        id_kind(text)
    except InvalidId as error:
        raise _column_error(
            "malformed-semantic-id",
            column.name,
            f"'{semantic_id}'는 올바른 의미 ID가 아닙니다(ECLASS 0173-1#02-…#…, IEC CDD 0112/2///…#…, IRI).",
            f"'{semantic_id}' is not a valid semantic id: {error}.",
        ) from error
    concept = registry.get(text) or _column_concept(column, text, registry)
    if concept is None:
        raise _column_error(
            "unknown-semantic-id",
            column.name,
            f"'{text}'는 등록부에 없는 ID입니다. 사전 CSV(--dictionary)에 추가하거나 다른 ID를 고르세요.",
            f"'{text}' is not in the registry. Add it with a dictionary CSV (--dictionary) or pick another id.",
        )
    _refuse_contradiction(column, concept)
    return concept


def _column_concept(column: ColumnInfo, text: str, registry: Registry) -> Concept | None:
    """A project-own column IRI (under the namespace) is known without a registry line."""
    if not text.startswith(registry.namespace):
        return None
    return Concept(id=text, dictionary="project", kind="property", name_en=column.name, unit=column.unit or "")


def _refuse_contradiction(column: ColumnInfo, concept: Concept) -> None:
    if column.unit and concept.unit and not same_dimension(column.unit, concept.unit):
        raise _column_error(
            "unit-contradicts-semantic-id",
            column.name,
            f"단위 {column.unit}와 '{concept.name_ko or concept.name_en}'({concept.id})의 단위 {concept.unit}는 "
            "서로 다른 양을 잽니다. ID나 열의 단위를 고치세요.",
            f"the unit {column.unit} and the unit {concept.unit} of '{concept.name_en}' ({concept.id}) measure "
            "different quantities. Fix the id or the column's unit.",
        )
    reason = exclusion(column, concept)
    if concept.kind == "rating" and reason:
        raise _column_error(
            "rating-for-measured-column",
            column.name,
            f"'{concept.name_ko}'({concept.id})는 정격값이라 측정값 열의 ID가 될 수 없습니다.",
            f"'{concept.name_en}' ({concept.id}) is {reason}; it cannot be the id of this column.",
        )


def _decide(column: ColumnInfo, product: str, registry: Registry, choose: Chooser) -> Decision:
    if column.semantic_id:
        concept = checked_concept(column, column.semantic_id, registry)
        return Decision(
            column.name, concept.id, "kept", concept.name_en, "already in contract.yaml", _convert(column, concept)
        )
    suggestion = suggest_column(column, registry)
    chosen = choose(suggestion)
    if isinstance(chosen, Candidate):
        how = "accepted" if suggestion.candidates and chosen is suggestion.candidates[0] else "picked"
        return Decision(
            column.name, chosen.concept.id, how, chosen.concept.name_en, chosen.reason_en, chosen.convert_to
        )
    if isinstance(chosen, str):
        concept = checked_concept(column, chosen, registry)
        return Decision(
            column.name, concept.id, "picked", concept.name_en, "typed by a person", _convert(column, concept)
        )
    iri = registry.column_iri(product, column.name)
    return Decision(column.name, iri, "column-iri", column.name, "no standard or project concept fits well enough")


def _convert(column: ColumnInfo, concept: Concept) -> str | None:
    if column.unit and concept.unit and needs_conversion(column.unit, concept.unit):
        return concept.unit
    return None


def _write_ids(prop: dict[str, Any], decision: Decision, registry: Registry) -> None:
    concept = registry.get(decision.semantic_id)
    dictionary = concept.dictionary if concept else "project"
    definitions = [d for d in prop.get("authoritativeDefinitions") or [] if d.get("type") != "semanticId"]
    definitions.append(
        {"type": "semanticId", "url": decision.semantic_id, "description": f"{dictionary}: {decision.name_en}"}
    )
    prop["authoritativeDefinitions"] = definitions
    customs = [c for c in prop.get("customProperties") or [] if c.get("property") != "semanticId"]
    customs.append(custom("semanticId", decision.semantic_id))
    if decision.convert_to:
        customs = [c for c in customs if c.get("property") != "semanticUnit"] + [
            custom("semanticUnit", decision.convert_to)
        ]
    prop["customProperties"] = customs


def _rename_map(steps: list[dict[str, Any]]) -> dict[str, str]:
    names: dict[str, str] = {}
    for step in steps:
        if step.get("type") == "rename":
            for old, new in (step.get("columns") or {}).items():
                names.update({key: new for key, value in names.items() if value == old})
                names.setdefault(old, new)
    return names


def add_conversions(project: Path, conversions: list[tuple[str, str, str]]) -> bool:
    """Insert `convert-unit` steps into recipe.yaml (before the first split); True when the recipe changed."""
    path = project / RECIPE_FILE
    recipe = read_yaml(path)
    steps: list[dict[str, Any]] = list(recipe.get("steps") or [])
    at = next((i for i, step in enumerate(steps) if step.get("type") == "split"), len(steps))
    names = _rename_map(steps[:at])
    present = {(s.get("column"), s.get("to")) for s in steps if s.get("type") == "convert-unit"}
    added = []
    for column, source, target in conversions:
        name = names.get(column, column)
        if (name, target) in present:
            continue
        why = f"의미 ID가 {target} 단위를 정합니다 / the semantic id prescribes {target} (was {source})"
        added.append({"type": "convert-unit", "column": name, "to": target, "why": why})
    if not added:
        return False
    recipe["steps"] = steps[:at] + added + steps[at:]
    rewrite_yaml(path, recipe)
    return True


def standardize_project(
    project: Path,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    choose: Chooser | None = None,
    dictionary: Path | None = None,
    namespace: str | None = None,
    rebuild: bool = True,
) -> StandardizeResult:
    """Choose an id for every contract column, write them, add unit conversions and rebuild when they changed."""
    project = Path(project)
    registry = load_registry(dictionary, namespace)
    contract_file = project / CONTRACT_FILE
    contract = read_yaml(contract_file)
    chooser = choose or automatic(threshold)
    product = str(contract.get("name") or project.name)
    decisions, conversions = [], []
    for table in contract.get("schema") or []:
        for prop in table.get("properties") or []:
            column = ColumnInfo.from_property(prop)
            decision = _decide(column, product, registry, chooser)
            decisions.append((prop, decision))
            if decision.convert_to:
                conversions.append((column.name, column.unit or "", decision.convert_to))
    for prop, decision in decisions:
        _write_ids(prop, decision, registry)
    rewrite_yaml(contract_file, contract)
    changed = add_conversions(project, conversions)
    # build/contract.yaml copies the ids: a build older than new ids is rebuilt too.
    new_ids = any(d.how != "kept" for _, d in decisions) and (project / "build" / "data").is_dir()
    rebuilt = rebuild and (changed or new_ids)
    if rebuilt:
        build_recipe(project)
    return StandardizeResult([d for _, d in decisions], conversions, rebuilt)


def semantic_ids(contract: dict[str, Any]) -> dict[str, str]:
    """Column name → semantic id, as written by standardize (custom property `semanticId`)."""
    return {
        prop["name"]: custom_value(prop, "semanticId")
        for table in contract.get("schema") or []
        for prop in table.get("properties") or []
        if custom_value(prop, "semanticId")
    }
