"""`mfgdata aas import FILE DIR`: a vendor's AAS prefills equipment.yaml.

Values are looked up by semanticId (any version of the IRDI), so the IEC CDD ids of Nameplate 3.0 and
the ECLASS ids of Nameplate 2.0 and Technical Data both work. Only fields still empty in equipment.yaml
are filled; a different non-empty value is kept and reported. An official template (all values empty)
imports and says it found no values — the result is never silently empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from basyx.aas import model
from basyx.aas.util import traversal

from mfgdata.standards.aas.equipment import EQUIPMENT_FILE
from mfgdata.standards.aas.reader import read_aas
from mfgdata.standards.project_files import read_yaml, rewrite_yaml
from mfgdata.standards.registry import Registry, load_registry

# equipment.yaml field -> IRDIs without their version (#NNN)
FIELDS = {
    "manufacturer": ("0112/2///61987#ABA565", "0173-1#02-AAO677"),
    "name": ("0112/2///61987#ABA567", "0173-1#02-AAW338"),
    "model": ("0112/2///61987#ABA300", "0173-1#02-AAO057"),
    "serial": ("0112/2///61987#ABA951", "0173-1#02-AAM556"),
    "year": ("0112/2///61987#ABP000", "0173-1#02-AAP906"),
    "order_code": ("0112/2///61987#ABA950", "0173-1#02-AAO227"),
    "article_number": ("0112/2///61987#ABA581", "0173-1#02-AAO676"),
    "country": ("0112/2///61987#ABP462", "0173-1#02-AAO259"),
    "product_uri": ("0112/2///61987#ABN590", "0173-1#02-ABH173"),
    "hardware_version": ("0112/2///61987#ABA926",),
    "firmware_version": ("0112/2///61987#ABA302",),
    "software_version": ("0112/2///61987#ABA601",),
}
_BY_ID = {irdi: name for name, irdis in FIELDS.items() for irdi in irdis}


@dataclass(frozen=True)
class ImportResult:
    """What the import did: the file written, the fields filled, what it read and any notes."""

    path: Path
    filled: list[str]
    version: str
    submodels: list[str]
    notes: list[str]


def _text(element: model.SubmodelElement) -> str:
    if isinstance(element, model.Property):
        return "" if element.value is None else str(element.value)
    if isinstance(element, model.MultiLanguageProperty) and element.value:
        values = dict(element.value)
        return values.get("ko") or values.get("en") or next(iter(values.values()), "")
    return ""


def found_values(objects: model.DictIdentifiableStore) -> dict[str, str]:
    """equipment.yaml field → the first non-empty value of an element with one of its ids."""
    values: dict[str, str] = {}
    for submodel in (o for o in objects if isinstance(o, model.Submodel)):
        for element in traversal.walk_submodel(submodel):
            if element.semantic_id is None:
                continue
            base = element.semantic_id.key[0].value.strip().rpartition("#")
            name = _BY_ID.get(base[0]) or _BY_ID.get(element.semantic_id.key[0].value.strip())
            text = _text(element).strip()
            if name and text and name not in values:
                values[name] = text
    return values


def found_ratings(objects: model.DictIdentifiableStore, registry: Registry) -> dict[str, str]:
    """Ratings of Technical Data property areas whose ids the registry knows as ratings: idShort → '25 MPa'."""
    ratings: dict[str, str] = {}
    for submodel in (o for o in objects if isinstance(o, model.Submodel)):
        for element in traversal.walk_submodel(submodel):
            if not isinstance(element, model.Property) or element.semantic_id is None or element.value is None:
                continue
            concept = registry.get(element.semantic_id.key[0].value)
            if concept is not None and concept.kind == "rating" and element.id_short:
                ratings[element.id_short] = f"{element.value} {concept.unit}".strip()
    return ratings


def _merge(entry: dict[str, Any], values: dict[str, str], notes: list[str]) -> list[str]:
    filled = []
    for name, value in values.items():
        current = entry.get(name)
        if current in (None, "", {}):
            entry[name] = int(value) if name == "year" and value.isdigit() else value
            filled.append(name)
        elif str(current) != value:
            notes.append(f"{name}: equipment.yaml의 '{current}'를 유지 / kept '{current}' (AAS has '{value}')")
    return filled


def import_equipment(file: Path, project: Path) -> ImportResult:
    """Prefill the first machine of DIR/equipment.yaml from an AAS file."""
    read = read_aas(Path(file))
    path = Path(project) / EQUIPMENT_FILE
    document = read_yaml(path)
    machines = document.setdefault("equipment", [])
    if not machines:
        machines.append({"id": "equipment-1"})
    notes = list(read.notes)
    values = found_values(read.objects)
    submodels = [
        f"{s.id_short} ({s.semantic_id.key[0].value if s.semantic_id else '-'})"
        for s in read.objects
        if isinstance(s, model.Submodel)
    ]
    if not values:
        notes.append("명판 값이 없습니다(템플릿인가요?) / no nameplate values found (a template?)")
    filled = _merge(machines[0], values, notes)
    ratings = found_ratings(read.objects, load_registry())
    if ratings and not machines[0].get("ratings"):
        machines[0]["ratings"] = ratings
        filled.append("ratings")
    if filled:
        rewrite_yaml(path, document)
    return ImportResult(path, filled, read.version, submodels, notes)
