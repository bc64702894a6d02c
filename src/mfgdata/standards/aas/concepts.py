"""ConceptDescriptions with IEC 61360 content for every semantic id the AAS uses that mfgdata can describe.

Preferred names and definitions are given in English (constraints AASc-3a-002 and AASc-3a-008 require it)
and Korean; the unit symbol, the unit's own id (an ECLASS or IEC 62720 unit IRDI, when the registry has one)
and the IEC 61360 data type come from the registry, or for a project-own column IRI from the contract.
"""

from __future__ import annotations

from dataclasses import dataclass

from basyx.aas import model

from mfgdata.prep.units import parse_unit
from mfgdata.standards.aas.refs import IEC61360_SPEC, global_ref, id_short_of, texts
from mfgdata.standards.registry import Concept, Registry

_MEASURED = {"integer": "INTEGER_MEASURE", "number": "REAL_MEASURE"}
_COUNTED = {"integer": "INTEGER_COUNT", "number": "REAL_COUNT", "boolean": "BOOLEAN", "timestamp": "TIMESTAMP",
            "date": "DATE", "time": "TIME"}  # fmt: skip


@dataclass(frozen=True)
class ConceptText:
    """What a ConceptDescription says about one id."""

    semantic_id: str
    name_en: str
    name_ko: str
    definition_en: str
    definition_ko: str
    unit: str = ""
    unit_id: str = ""
    data_type: str = "STRING"
    is_case_of: str = ""
    source_of_definition: str = ""


def data_type_for(logical_type: str, unit: str | None) -> str:
    """The IEC 61360 data type of a column: a measure when it has a unit, a count when it has none."""
    if unit and logical_type in _MEASURED:
        return _MEASURED[logical_type]
    return _COUNTED.get(logical_type, "STRING")


def unit_id_for(unit: str, registry: Registry) -> str:
    """The id of a unit (degC → the IEC 62720 or ECLASS unit IRDI), when the registry has one."""
    if not unit:
        return ""
    for concept in registry.concepts.values():
        if concept.kind == "unit" and concept.unit == unit and concept.id not in registry.superseded:
            return concept.id
    return ""


def from_concept(concept: Concept, registry: Registry) -> ConceptText:
    """The text of a registry concept (standard or project-own)."""
    closest = ""
    if concept.closest_id and concept.closest_relation != "isCaseOf":
        closest = f"closest standard property: {concept.closest_id} ({concept.closest_relation})"
    data_type = concept.data_type or ("REAL_MEASURE" if concept.unit else "STRING")
    return ConceptText(
        semantic_id=concept.id,
        name_en=concept.name_en,
        name_ko=concept.name_ko,
        definition_en=concept.definition_en or concept.name_en,
        definition_ko=concept.definition_ko,
        unit=concept.unit,
        unit_id=concept.unit_id or unit_id_for(concept.unit, registry),
        data_type=data_type,
        is_case_of=concept.closest_id if concept.closest_relation == "isCaseOf" else "",
        source_of_definition=closest or concept.source,
    )


_SYMBOLS = {"degC": "°C", "N*m": "N·m", "rpm": "1/min", "percent": "%", "minute": "min", "year": "a"}


def _symbol(unit: str) -> str:
    """The unit as people write it (°C, N·m, 1/min as ECLASS does), else pint's short form."""
    if not unit:
        return ""
    return _SYMBOLS.get(unit) or f"{parse_unit(unit):~P}"


def concept_description(text: ConceptText) -> model.ConceptDescription:
    """The BaSyx ConceptDescription of one id."""
    content = model.DataSpecificationIEC61360(
        preferred_name=model.PreferredNameTypeIEC61360(texts(text.name_ko, text.name_en[:255])),
        data_type=model.DataTypeIEC61360[text.data_type],
        definition=model.DefinitionTypeIEC61360(texts(text.definition_ko, text.definition_en)),
        unit=_symbol(text.unit) or None,
        unit_id=global_ref(text.unit_id) if text.unit_id else None,
        source_of_definition=text.source_of_definition[:1023] or None,
    )
    specification = model.EmbeddedDataSpecification(global_ref(IEC61360_SPEC), content)
    return model.ConceptDescription(
        text.semantic_id,
        id_short=id_short_of(text.name_en.title().replace(" ", ""), "Concept")[:128],
        is_case_of={global_ref(text.is_case_of)} if text.is_case_of else (),
        embedded_data_specifications=[specification],
    )
