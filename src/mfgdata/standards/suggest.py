"""Ranked semantic id candidates for each contract column, each with a score and the reason for it.

The score (0–1) adds three parts: the words of the name (Korean or English, synonyms included; 0.7), the
dimension of the unit (pint; 0.2) and the fit of the concept's kind to the column's role (0.1). Some
candidates are never offered, and the reason is kept so a person can see why:
- a **rating** (max. torque, max. rotation speed …) for anything but a limit column — ai4i's `Torque` is a
  measured torque, not the torque the motor is rated for;
- a concept whose unit measures something else than the column's unit (a temperature in K is no pressure);
- equipment identification (serial number, manufacturer …) for columns that are not identifiers.
Project-own concepts score a little lower than a standard property with the same words, so a standard id
wins a tie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mfgdata.dictionary.contract import custom_value
from mfgdata.standards.registry import Concept, Registry
from mfgdata.standards.units import needs_conversion, same_dimension
from mfgdata.standards.words import tokens

NAME_WEIGHT, UNIT_WEIGHT, ROLE_WEIGHT, OWN_PENALTY = 0.7, 0.2, 0.1, 0.03
_SKIPPED_KINDS = ("unit", "template")
# Words naming what is measured, and where: two names naming different ones are different concepts.
QUANTITY_WORDS = frozenset(
    {"temperature", "pressure", "speed", "torque", "humidity", "time", "force", "thickness", "length", "width",
     "height", "diameter", "mass", "voltage", "current", "power", "acceleration", "flow", "distance"}
)  # fmt: skip
MEDIUM_WORDS = frozenset({"air", "coolant", "melt", "mould"})
LIMIT_WORDS = frozenset({"min", "max"})
_UNIT_IN_NAME = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_ROLE_KINDS = {
    "measurement": ("property",),
    "feature": ("property",),
    "setpoint": ("property",),
    "spec_limit": ("rating", "property"),
    "time": ("time",),
    "identifier": ("identification",),
}


@dataclass(frozen=True)
class ColumnInfo:
    """What the contract says about a column that matters for matching."""

    name: str
    original_name: str
    unit: str | None
    role: str
    logical_type: str
    semantic_id: str | None = None

    @classmethod
    def from_property(cls, prop: dict[str, Any]) -> ColumnInfo:
        """From one ODCS property of contract.yaml."""
        return cls(
            name=prop["name"],
            original_name=custom_value(prop, "originalName") or prop["name"],
            unit=custom_value(prop, "unit"),
            role=custom_value(prop, "role") or "feature",
            logical_type=prop.get("logicalType") or "string",
            semantic_id=custom_value(prop, "semanticId"),
        )


@dataclass(frozen=True)
class Candidate:
    """One proposed id: score, reason (ko, en) and the unit values must be converted to, if any."""

    concept: Concept
    score: float
    reason_ko: str
    reason_en: str
    convert_to: str | None = None


@dataclass(frozen=True)
class Suggestion:
    """The candidates for one column, best first, and the concepts left out with the reason."""

    column: ColumnInfo
    candidates: list[Candidate]
    excluded: list[tuple[Concept, str]] = field(default_factory=list)

    def best(self, threshold: float) -> Candidate | None:
        """The top candidate when its score reaches `threshold`."""
        return self.candidates[0] if self.candidates and self.candidates[0].score >= threshold else None


def _name_score(column: ColumnInfo, concept: Concept) -> float:
    words = column_words(column)
    if column.role == "time" and concept.kind == "time":
        return max(0.6, _overlap(words, concept.words))
    return _overlap(words, concept.words)


def column_words(column: ColumnInfo) -> frozenset[str]:
    """The canonical words of a column's names, without the unit written in the header (`Tool wear [min]`)."""
    return tokens(column.name) | tokens(_UNIT_IN_NAME.sub(" ", column.original_name))


def _conflict(first: frozenset[str], second: frozenset[str], kind: frozenset[str]) -> bool:
    return bool(first & kind) and bool(second & kind) and not (first & second & kind)


def _overlap(first: frozenset[str], second: frozenset[str]) -> float:
    shared = len(first & second)
    return 0.5 * shared / max(len(first), 1) + 0.5 * shared / max(len(second), 1) if shared else 0.0


def exclusion(column: ColumnInfo, concept: Concept) -> str | None:
    """Why `concept` must not be the id of `column` (English), or None when it may be."""
    if concept.kind == "rating" and column.role != "spec_limit":
        return "a rating (permissible/rated value), not a measured value"
    if column.role == "spec_limit" and concept.kind != "rating":
        return "a limit column needs a limit or rating property, not a measured one"
    if concept.kind == "identification" and (column.role != "identifier" or _name_score(column, concept) < 0.75):
        return "identifies the equipment itself, not a column of records"
    if concept.kind == "time" and column.role != "time" and column.logical_type not in ("timestamp", "date"):
        return "a point in time, but the column is not a time column"
    if column.unit and concept.unit and not same_dimension(column.unit, concept.unit):
        return f"its unit {concept.unit} measures something else than {column.unit}"
    words = column_words(column)
    if _conflict(words, concept.words, QUANTITY_WORDS):
        return "its name names another quantity"
    if _conflict(words, concept.words, MEDIUM_WORDS):
        return "its name is about another medium (air, coolant, melt, mould)"
    if _conflict(words, concept.words, LIMIT_WORDS):
        return "a maximum and a minimum are different limits"
    return None


def _candidate(column: ColumnInfo, concept: Concept, name: float) -> Candidate:
    unit_fit = bool(column.unit and concept.unit)
    role_fit = concept.kind in _ROLE_KINDS.get(column.role, ("property",))
    score = NAME_WEIGHT * name + UNIT_WEIGHT * unit_fit + ROLE_WEIGHT * role_fit - OWN_PENALTY * concept.is_own
    convert = concept.unit if unit_fit and needs_conversion(column.unit or "", concept.unit) else None
    where_ko = "프로젝트 자체 개념" if concept.is_own else concept.dictionary.upper()
    reason_ko = f"{where_ko} '{concept.name_ko or concept.name_en}': 이름 일치 {name:.0%}"
    reason_en = f"{'project concept' if concept.is_own else concept.dictionary} '{concept.name_en}': name {name:.0%}"
    if unit_fit:
        reason_ko += f", 단위 차원 같음({column.unit} ↔ {concept.unit})"
        reason_en += f", same unit dimension ({column.unit} ~ {concept.unit})"
    if role_fit:
        reason_ko += f", 역할 {column.role}에 맞음"
        reason_en += f", fits role {column.role}"
    if convert:
        reason_ko += f"; {column.unit} → {convert} 변환 단계 추가"
        reason_en += f"; adds a {column.unit} → {convert} conversion step"
    return Candidate(concept, round(max(score, 0.0), 3), reason_ko, reason_en, convert)


def suggest_column(column: ColumnInfo, registry: Registry, limit: int = 5) -> Suggestion:
    """Ranked candidates for one column (at most `limit`), and the matching concepts that were left out."""
    candidates: list[Candidate] = []
    excluded: list[tuple[Concept, str]] = []
    for concept in registry.concepts.values():
        if concept.kind in _SKIPPED_KINDS or concept.id in registry.superseded:
            continue
        name = _name_score(column, concept)
        if name <= 0:
            continue
        reason = exclusion(column, concept)
        if reason:
            excluded.append((concept, reason))
        else:
            candidates.append(_candidate(column, concept, name))
    candidates.sort(key=lambda c: (-c.score, c.concept.is_own, c.concept.id))
    return Suggestion(column, candidates[:limit], excluded)


def suggest_contract(contract: dict[str, Any], registry: Registry) -> list[Suggestion]:
    """Suggestions for every column of every table of a contract, in contract order."""
    return [
        suggest_column(ColumnInfo.from_property(prop), registry)
        for table in contract.get("schema") or []
        for prop in table.get("properties") or []
    ]
