"""`mfgdata aas export DIR`: the equipment and the product as an AAS environment in build/metadata/.

One Asset Administration Shell per machine of equipment.yaml, each with its Digital Nameplate and Technical
Data; one Time Series Data submodel for the product (shared by the shells); ConceptDescriptions for every
semantic id used that mfgdata can describe. Columns come from the built Parquet files; their ids, units and
descriptions from the built contract (build/contract.yaml, else contract.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from basyx.aas import model

from mfgdata.dictionary.contract import custom_value
from mfgdata.standards.aas.concepts import ConceptText, concept_description, data_type_for, from_concept, unit_id_for
from mfgdata.standards.aas.equipment import Equipment, read_equipment
from mfgdata.standards.aas.nameplate import nameplate, product_uri, ratings, technical_data
from mfgdata.standards.aas.timeseries import DataFile, RecordVariable, time_series
from mfgdata.standards.aas.writer import write_environment
from mfgdata.standards.errors import standards_error
from mfgdata.standards.project_files import CONTRACT_FILE, contract_path, read_yaml
from mfgdata.standards.registry import Registry, load_registry

AASX_NAME, JSON_NAME = "equipment.aasx", "equipment.aas.json"
_LOGICAL = {"int": "integer", "uint": "integer", "double": "number", "float": "number", "bool": "boolean",
            "timestamp": "timestamp", "date32": "date", "string": "string", "large_string": "string"}  # fmt: skip


@dataclass(frozen=True)
class AasFiles:
    """Where the AAS was written and how many objects it holds."""

    aasx: Path
    json: Path
    objects: int


def _logical(arrow_type: Any) -> str:
    text = str(arrow_type)
    return next((value for key, value in _LOGICAL.items() if text.startswith(key)), "string")


def _data_files(project: Path) -> list[Path]:
    files = sorted((project / "build" / "data").glob("*.parquet"))
    if not files:
        raise standards_error(
            "not-built", project, "build/data에 Parquet 파일이 없습니다. 먼저 mfgdata build를 실행하세요.",
            "build/data holds no Parquet file. Run mfgdata build first.",
        )  # fmt: skip
    return files


def _data_file(path: Path, time_column: str | None) -> DataFile:
    rows = pq.ParquetFile(path).metadata.num_rows
    if not time_column or rows == 0:
        return DataFile(f"../data/{path.name}", rows)
    values = pq.read_table(path, columns=[time_column]).column(0).drop_null()
    if len(values) == 0:
        return DataFile(f"../data/{path.name}", rows)
    import pyarrow.compute as pc

    low, high = pc.min_max(values).values()
    return DataFile(f"../data/{path.name}", rows, low.as_py().isoformat(), high.as_py().isoformat())


def _properties(contract: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for table in contract.get("schema") or [] for p in table.get("properties") or []}


def _variables(schema: Any, props: dict[str, dict[str, Any]], registry: Registry, product: str) -> list[RecordVariable]:
    variables = []
    for field in schema:
        prop = props.get(field.name, {})
        logical = _logical(field.type)
        variables.append(
            RecordVariable(
                name=field.name,
                semantic_id=custom_value(prop, "semanticId") or registry.column_iri(product, field.name),
                logical_type=logical,
                description_ko=prop.get("description") or "",
                description_en=custom_value(prop, "descriptionEn") or "",
                is_time=logical == "timestamp" and not any(v.is_time for v in variables),
            )
        )
    return variables


def _column_unit(prop: dict[str, Any]) -> str:
    return custom_value(prop, "semanticUnit") or custom_value(prop, "unit") or ""


def _column_text(variable: RecordVariable, prop: dict[str, Any], registry: Registry) -> ConceptText:
    unit = _column_unit(prop)
    return ConceptText(
        semantic_id=variable.semantic_id,
        name_en=variable.name,
        name_ko=variable.name,
        definition_en=variable.description_en or f"Column '{variable.name}' of the data product",
        definition_ko=variable.description_ko,
        unit=unit,
        unit_id=unit_id_for(unit, registry),
        data_type=data_type_for(variable.logical_type, unit),
    )


def _concepts(ids: dict[str, ConceptText | None], registry: Registry) -> list[model.ConceptDescription]:
    texts: dict[str, ConceptText] = {}
    for semantic_id, fallback in ids.items():
        concept = registry.get(semantic_id)
        text = from_concept(concept, registry) if concept else fallback
        if text is not None:
            texts[text.semantic_id] = text
    return [concept_description(text) for text in texts.values()]


def _shell(
    machine: Equipment, registry: Registry, product: str, submodels: list[model.Submodel]
) -> model.AssetAdministrationShell:
    asset = model.AssetInformation(model.AssetKind.INSTANCE, global_asset_id=product_uri(machine, registry, product))
    return model.AssetAdministrationShell(
        asset,
        id_=f"{registry.namespace}aas/{product}/{machine.id}",
        id_short=f"AAS_{machine.id.replace('-', '_')}",
        submodel={model.ModelReference.from_referable(s) for s in submodels},
    )


def _used_ids(submodels: list[model.Submodel]) -> list[str]:
    from basyx.aas.util import traversal

    found: list[str] = []
    for submodel in submodels:
        for element in traversal.walk_submodel(submodel):
            if element.semantic_id is not None:
                found.append(element.semantic_id.key[0].value)
    return found


def _contract_properties(project: Path) -> tuple[str, dict[str, dict[str, Any]]]:
    """Product name and column properties of the built contract, with ids edited since the build filled in."""
    built = read_yaml(contract_path(project))
    props = _properties(built)
    edited = _properties(read_yaml(project / CONTRACT_FILE))
    for name, prop in props.items():
        if not custom_value(prop, "semanticId") and custom_value(edited.get(name, {}), "semanticId"):
            prop.setdefault("customProperties", []).append(
                {"property": "semanticId", "value": custom_value(edited[name], "semanticId")}
            )
    return str(built.get("name") or project.name), props


def build_environment(project: Path, registry: Registry) -> model.DictIdentifiableStore:
    """All AAS objects of a built project."""
    product, props = _contract_properties(project)
    machines = read_equipment(project)
    files = _data_files(project)
    variables = _variables(pq.read_schema(files[0]), props, registry, product)
    time_column = next((v.name for v in variables if v.is_time), None)
    title = (read_yaml(project / "product.yaml").get("title") or {}) if (project / "product.yaml").is_file() else {}
    series = time_series(
        f"{registry.namespace}sm/{product}/timeseries", variables, [_data_file(f, time_column) for f in files],
        str(title.get("ko") or product), str(title.get("en") or product),
    )  # fmt: skip
    objects: list[model.Identifiable] = [series]
    for machine in machines:
        base = f"{registry.namespace}sm/{product}/{machine.id}"
        plate = nameplate(machine, registry, product, f"{base}/nameplate")
        technical = technical_data(machine, ratings(machine, registry, product), f"{base}/technical-data")
        objects.extend([_shell(machine, registry, product, [plate, technical, series]), plate, technical])
    fallbacks: dict[str, ConceptText | None] = {
        v.semantic_id: _column_text(v, props.get(v.name, {}), registry) for v in variables
    }
    used = {i: fallbacks.get(i) for i in _used_ids([o for o in objects if isinstance(o, model.Submodel)])}
    objects.extend(_concepts(used, registry))
    return model.DictIdentifiableStore(objects)


def export_aas(project: Path, *, namespace: str | None = None) -> AasFiles:
    """Write build/metadata/equipment.aasx and equipment.aas.json for a built project."""
    project = Path(project)
    registry = load_registry(namespace=namespace)
    objects = build_environment(project, registry)
    folder = project / "build" / "metadata"
    count = write_environment(objects, folder / AASX_NAME, folder / JSON_NAME)
    return AasFiles(folder / AASX_NAME, folder / JSON_NAME, count)
