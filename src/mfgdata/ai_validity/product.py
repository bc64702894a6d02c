"""The built product as the AI validity check sees it: its contract, its data table and its lineage.

Reads `build/contract.yaml` (the contract of the built columns) when present, else the project's
`contract.yaml`; the data is `build/data/<slug>.parquet` (the schema's `physicalName`); the split step is
found in `build/lineage.json`. Nothing is written here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from mfgdata.ai_validity.errors import refusal
from mfgdata.hashing import sha256_of

BUILD = "build"


@dataclass(frozen=True)
class Column:
    """One built column: its name, role, logical and physical type, unit, and its descriptions."""

    name: str
    role: str
    logical_type: str
    physical_type: str
    description: str = ""
    made_by_recipe: bool = False
    unit: str | None = None
    description_ko: str = ""


@dataclass
class BuiltProduct:
    """What a validity check needs from `DIR/build/`: columns with roles, the table and how it was split."""

    project: Path
    slug: str
    kind: str
    contract_path: Path
    data_path: Path
    columns: list[Column]
    table: pa.Table
    split_step: dict[str, Any] | None
    lineage: dict[str, Any] = field(default_factory=dict)

    def roles(self, *roles: str) -> list[Column]:
        """The columns with one of these roles, in table order."""
        return [column for column in self.columns if column.role in roles]

    def column(self, name: str) -> Column | None:
        return next((column for column in self.columns if column.name == name), None)

    def values(self, name: str) -> np.ndarray:
        """A column as a numpy array (objects for text, NaN/None for missing)."""
        return self.table.column(name).to_numpy(zero_copy_only=False)

    @property
    def is_images(self) -> bool:
        return self.kind == "images"

    @property
    def is_time_series(self) -> bool:
        """Rows ordered in time or belonging to entities (engines, machines, lots): not independent rows."""
        return bool(self.roles("timestamp", "entity", "lot"))


def _customs(prop: dict[str, Any]) -> dict[str, Any]:
    return {entry.get("property"): entry.get("value") for entry in prop.get("customProperties") or []}


def _column(prop: dict[str, Any]) -> Column:
    customs = _customs(prop)
    return Column(
        name=str(prop["name"]),
        role=str(customs.get("role") or "feature"),
        logical_type=str(prop.get("logicalType") or "string"),
        physical_type=str(prop.get("physicalType") or ""),
        description=str(customs.get("descriptionEn") or prop.get("description") or ""),
        made_by_recipe=bool(customs.get("madeByRecipe")),
        unit=str(customs["unit"]) if customs.get("unit") else None,
        description_ko=str(prop.get("description") or ""),
    )


def _contract(project: Path) -> tuple[Path, dict[str, Any]]:
    for path in (project / BUILD / "contract.yaml", project / "contract.yaml"):
        if path.is_file():
            return path, yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    raise refusal(
        "not-built",
        project,
        "빌드된 상품이 없습니다. 먼저 `mfgdata build DIR`을 실행하세요.",
        "There is no built product here. Run `mfgdata build DIR` first.",
    )


def _data_path(project: Path, schema: dict[str, Any]) -> Path:
    customs = _customs(schema)
    relative = schema.get("physicalName") or customs.get("path") or f"data/{project.name}.parquet"
    path = project / BUILD / str(relative)
    if path.suffix != ".parquet" or not path.is_file():
        raise refusal(
            "not-built",
            path,
            "빌드된 데이터(Parquet)가 없습니다. `mfgdata build DIR`을 다시 실행하세요.",
            "The built data (Parquet) is missing. Run `mfgdata build DIR` again.",
        )
    return path


def _split_step(lineage: dict[str, Any]) -> dict[str, Any] | None:
    steps = [step for step in lineage.get("steps", []) if step.get("type") == "split"]
    return steps[-1] if steps else None


def load_product(project: Path) -> BuiltProduct:
    """Read the built product of a project folder, or refuse when it has not been built."""
    contract_path, contract = _contract(project)
    schemas = contract.get("schema") or []
    if not schemas:
        raise refusal(
            "no-schema",
            contract_path,
            "데이터 계약에 스키마가 없습니다. `mfgdata init`으로 만든 프로젝트인지 확인하세요.",
            "The data contract has no schema. Check that the project was made by `mfgdata init`.",
        )
    schema = schemas[0]
    data_path = _data_path(project, schema)
    lineage_path = project / BUILD / "lineage.json"
    lineage = json.loads(lineage_path.read_text(encoding="utf-8")) if lineage_path.is_file() else {}
    table = pq.read_table(data_path)
    columns = [_column(prop) for prop in schema.get("properties") or [] if prop.get("name") in table.column_names]
    return BuiltProduct(
        project=project,
        slug=data_path.stem,
        kind=str(_customs(schema).get("kind") or "table"),
        contract_path=contract_path,
        data_path=data_path,
        columns=columns,
        table=table,
        split_step=_split_step(lineage),
        lineage=lineage,
    )


def file_digest(path: Path) -> str:
    """sha256 of a file, for the report's provenance."""
    return sha256_of(path)
