"""Our own AAS checks, each finding naming where it is: values against their XSD type, duplicate idShorts
and ids, IEC 61360 content (English name and definition, a unit for measures), whitespace in semanticIds,
and the cardinalities of the IDTA templates (see :mod:`cardinality`) — which aas-test-engines does not
check for Nameplate 3, Technical Data or Time Series.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mfgdata.standards.aas.cardinality import cardinality_findings, children_of, semantic_id_of, template_rules
from mfgdata.standards.aas.packages import aasx_json_part
from mfgdata.standards.errors import standards_error

_MEASURES = {"INTEGER_MEASURE", "REAL_MEASURE", "RATIONAL_MEASURE", "INTEGER_CURRENCY", "REAL_CURRENCY"}
_INTEGER = re.compile(r"^[+-]?\d+$")


@dataclass(frozen=True)
class Finding:
    """One problem: a stable code, where it is, and what it is in Korean and English."""

    code: str
    where: str
    message_ko: str
    message_en: str


def _value_ok(value_type: str, value: str) -> bool:
    kind = value_type.removeprefix("xs:")
    try:
        if kind in ("double", "float", "decimal"):
            float(value)
        elif kind in ("int", "integer", "long", "short", "byte", "unsignedInt", "unsignedLong", "nonNegativeInteger"):
            return bool(_INTEGER.match(value))
        elif kind == "boolean":
            return value in ("true", "false", "1", "0")
        elif kind == "dateTime":
            datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif kind == "date":
            date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _element_findings(element: dict[str, Any], where: str) -> list[Finding]:
    found = []
    value, value_type = element.get("value"), element.get("valueType")
    if (
        element.get("modelType") == "Property"
        and isinstance(value, str)
        and value_type
        and not _value_ok(value_type, value)
    ):
        found.append(Finding("bad-value", where, f"값 '{value}'는 {value_type}이(가) 아닙니다",
                             f"value '{value}' is not a valid {value_type}"))  # fmt: skip
    keys = (element.get("semanticId") or {}).get("keys") or []
    if keys and re.search(r"\s", keys[0].get("value") or ""):
        found.append(
            Finding("semantic-id-space", where, "semanticId에 공백이 있습니다", "the semanticId contains whitespace")
        )
    seen: set[str] = set()
    for child in children_of(element):
        id_short = child.get("idShort")
        if id_short and id_short in seen:
            found.append(Finding("duplicate-id-short", f"{where}/{id_short}", f"idShort '{id_short}'가 중복됩니다",
                                 f"duplicate idShort '{id_short}' among siblings"))  # fmt: skip
        seen.add(id_short or "")
        found.extend(_element_findings(child, f"{where}/{id_short or semantic_id_of(child)}"))
    return found


def _concept_findings(concept: dict[str, Any]) -> list[Finding]:
    found = []
    where = f"ConceptDescription {concept.get('id')}"
    for specification in concept.get("embeddedDataSpecifications") or []:
        content = specification.get("dataSpecificationContent") or {}
        names = {entry.get("language", "").split("-")[0] for entry in content.get("preferredName") or []}
        definitions = {entry.get("language", "").split("-")[0] for entry in content.get("definition") or []}
        if "en" not in names:
            found.append(Finding("no-english-name", where, "영문 preferredName이 없습니다(AASc-3a-002)",
                                 "no English preferredName (AASc-3a-002)"))  # fmt: skip
        if "en" not in definitions:
            found.append(Finding("no-english-definition", where, "영문 definition이 없습니다(AASc-3a-008)",
                                 "no English definition (AASc-3a-008)"))  # fmt: skip
        if content.get("dataType") in _MEASURES and not (content.get("unit") or content.get("unitId")):
            kind = content["dataType"]
            found.append(Finding("measure-without-unit", where, f"{kind}인데 unit과 unitId가 없습니다(AASc-3a-009)",
                                 f"{kind} without unit or unitId (AASc-3a-009)"))  # fmt: skip
    return found


def check_environment(environment: dict[str, Any]) -> list[Finding]:
    """All findings of an AAS environment (the JSON serialisation, as a dict)."""
    found: list[Finding] = []
    ids: set[str] = set()
    for kind in ("assetAdministrationShells", "submodels", "conceptDescriptions"):
        for identifiable in environment.get(kind) or []:
            identifier = identifiable.get("id")
            if identifier in ids:
                found.append(Finding("duplicate-id", f"{kind} {identifier}", "id가 중복됩니다", "duplicate id"))
            ids.add(identifier)
    rules = template_rules()
    for submodel in environment.get("submodels") or []:
        where = f"Submodel {submodel.get('idShort')}"
        found.extend(_element_findings(submodel, where))
        rule = rules.get(semantic_id_of(submodel))
        if rule is not None:
            found.extend(Finding("cardinality", w, ko, en) for w, ko, en in cardinality_findings(rule, submodel, where))
    for concept in environment.get("conceptDescriptions") or []:
        found.extend(_concept_findings(concept))
    return found


def load_environment(path: Path) -> dict[str, Any]:
    """The JSON environment of a .json file or of an AASX's JSON part."""
    try:
        if zipfile.is_zipfile(path):
            return json.loads(aasx_json_part(path))
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise standards_error(
            "aas-unreadable", path, "AAS 파일을 읽을 수 없습니다.", f"Cannot read the AAS: {error}"
        ) from error


def check_file(path: Path) -> list[Finding]:
    """Findings of an .aasx (JSON part) or .json AAS file."""
    return check_environment(load_environment(Path(path)))
