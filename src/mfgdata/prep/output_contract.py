"""The data contract of the built data (`build/contract.yaml`), derived from the project's contract and recipe.

`DIR/contract.yaml` describes the raw columns; a recipe renames, converts, drops and adds columns. The
built data is what is verified, standardized and sold, so the build writes the contract of *its* columns:

- a column carrying an input column (through renames, casts, conversions) keeps that column's role,
  description, sensitivity and semantic id, with its new name, type and unit;
- a column a step made (a label, the split, a limit flag, a count) is described by that step;
- every column says which steps changed its values (`preparedBy`), and pseudonymised columns say so;
- `required` and `unique` are recounted on the built rows; examples are dropped where values changed.

The quality section of the project's contract (which names output columns) is copied over. People edit
`DIR/contract.yaml`, never this file: the next build writes it again.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import yaml

from mfgdata import __version__
from mfgdata.dictionary.contract import API_VERSION, LOGICAL_TYPES, custom, custom_value
from mfgdata.dictionary.contract_check import contract_problems
from mfgdata.prep.binding import BoundRecipe
from mfgdata.prep.engine import one_row
from mfgdata.prep.outputs import OutputFile
from mfgdata.prep.schema import Field, Schema, quote
from mfgdata.prep.steps.base import MadeColumn

CONTRACT = "contract.yaml"  # the project's own, beside recipe.yaml

_HEADER = (
    "# 빌드된 데이터의 ODCS v3 데이터 계약 — mfgdata build가 contract.yaml과 recipe.yaml에서 만듭니다. 고치지 마세요:\n"
    "# 다음 빌드가 다시 씁니다. 고칠 것은 프로젝트의 contract.yaml에 적으세요.\n"
    "# ODCS v3 contract of the built data, written by mfgdata build from contract.yaml and recipe.yaml. Do not edit:\n"
    "# the next build rewrites it. Edit the project's contract.yaml instead.\n"
)


@dataclass
class _Trace:
    """What the steps did to one output column, followed through renames."""

    made: MadeColumn | None = None
    prepared_by: list[str] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)


def _traces(bound: BoundRecipe) -> dict[str, _Trace]:
    """Per output column name: the step that made it, the steps that changed it and their notes."""
    traces: dict[str, _Trace] = {}
    for bound_step in bound.steps:
        step, schema_in, schema_out = bound_step.recipe_step.step, bound_step.schema_in, bound_step.schema_out
        moved = step.renamed_columns()
        traces = {
            moved.get(name, name): trace for name, trace in traces.items() if schema_out.find(moved.get(name, name))
        }
        changed = set(step.changed_columns(schema_in))
        for out in schema_out.fields:
            trace = traces.setdefault(out.name, _Trace())
            before = schema_in.find(out.name)
            new_column = before is None and out.name not in moved.values()
            lost_origin = before is not None and before.origin is not None
            if out.origin is None and (new_column or lost_origin or out.name in changed):
                trace.made, trace.prepared_by = step.made_column(out.name), []
            elif out.name in changed:
                trace.prepared_by.append(step.type)
        for name, notes in step.column_notes(schema_out).items():
            if name in traces:
                traces[name].notes.update(notes)
                if step.type not in traces[name].prepared_by and traces[name].made is None:
                    traces[name].prepared_by.append(step.type)
    return traces


def _set_custom(prop: dict[str, Any], name: str, value: Any) -> None:
    customs = prop.setdefault("customProperties", [])
    for entry in customs:
        if entry.get("property") == name:
            entry["value"] = value
            return
    customs.append(custom(name, value))


def _made_property(out: Field, made: MadeColumn | None) -> dict[str, Any]:
    made = made or MadeColumn("feature", "전처리 단계가 만든 열입니다.", "Made by a preparation step.")
    return {
        "name": out.name,
        "description": made.description_ko,
        "classification": "internal",
        "customProperties": [
            custom("descriptionEn", made.description_en),
            custom("role", made.role),
            custom("madeByRecipe", True),
            custom("semanticId", None),
        ],
    }


def _column_property(out: Field, raw: dict[str, Any] | None, trace: _Trace) -> dict[str, Any]:
    if out.origin is not None and raw is not None:
        prop = copy.deepcopy(raw)
        prop["name"] = out.name
        if trace.prepared_by or trace.notes:
            prop.pop("examples", None)  # they show the raw values
    else:
        prop = _made_property(out, trace.made)
    prop["logicalType"] = LOGICAL_TYPES.get(out.kind, "string")
    prop["physicalType"] = out.type
    _set_custom(prop, "unit", out.unit)
    if out.origin is not None and out.origin != out.name:
        _set_custom(prop, "inputName", out.origin)
    if trace.prepared_by:
        _set_custom(prop, "preparedBy", trace.prepared_by)
    for name, value in trace.notes.items():
        _set_custom(prop, name, value)
    return prop


def _recount(con: duckdb.DuckDBPyConnection, table: str, properties: list[dict[str, Any]], rows: int) -> None:
    """`required` from the built rows; `unique`/`primaryKey` kept only where the built rows still have them."""
    if not properties:
        return
    parts = [f"count({quote(p['name'])})" for p in properties]
    claimed = [p for p in properties if p.get("unique") or p.get("primaryKey")]
    parts += [f"count(DISTINCT {quote(p['name'])})" for p in claimed]
    counts = one_row(con, f"SELECT {', '.join(parts)} FROM {table}")
    for prop, present in zip(properties, counts[: len(properties)], strict=True):
        prop["required"] = int(present) == rows
    for prop, distinct in zip(claimed, counts[len(properties) :], strict=True):
        still = int(distinct) == rows and prop["required"]
        prop["unique"] = still
        if not still:
            prop.pop("primaryKey", None)


def _sha256_text(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _raw_contract(project_dir: Path) -> dict[str, Any]:
    path = project_dir / CONTRACT
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    if isinstance(data, dict) and isinstance(data.get("schema"), list) and data["schema"]:
        return data
    name = project_dir.name
    return {
        "apiVersion": API_VERSION,
        "kind": "DataContract",
        "id": name,
        "name": name,
        "version": "0.1.0",
        "status": "draft",
        "schema": [{"name": name, "physicalType": "table", "logicalType": "object", "properties": []}],
    }


def _table(
    raw_table: dict[str, Any], slug: str, outputs: Sequence[OutputFile], rows: int, properties: list[dict[str, Any]]
) -> dict[str, Any]:
    table = {key: copy.deepcopy(value) for key, value in raw_table.items() if key not in ("properties", "quality")}
    table["name"] = slug
    table["physicalName"] = next((o.path for o in outputs if o.format == "parquet"), f"data/{slug}.parquet")
    raw_rows = custom_value(raw_table, "rows")
    columns = len(properties)
    table["description"] = f"{raw_table.get('description') or ''} 전처리 후 {rows:,}행 × {columns}열.".strip()
    _set_custom(
        table,
        "descriptionEn",
        f"{custom_value(raw_table, 'descriptionEn') or ''} Prepared: {rows:,} rows × {columns} columns.".strip(),
    )
    _set_custom(table, "rows", rows)
    _set_custom(table, "inputRows", raw_rows)
    _set_custom(table, "files", [{"path": o.path, "format": o.format, "sha256": o.sha256} for o in outputs])
    return table


def output_contract(
    *,
    con: duckdb.DuckDBPyConnection,
    table: str,
    project_dir: Path,
    bound: BoundRecipe,
    schema: Schema,
    outputs: Sequence[OutputFile],
    rows: int,
) -> dict[str, Any]:
    """The ODCS contract of the built table `table` (columns `schema`), written to `outputs`."""
    raw = _raw_contract(project_dir)
    raw_table = raw["schema"][0]
    raw_properties = {p.get("name"): p for p in raw_table.get("properties") or []}
    traces = _traces(bound)
    properties = [
        _column_property(out, raw_properties.get(out.origin or ""), traces.get(out.name, _Trace()))
        for out in schema.fields
    ]
    _recount(con, table, properties, rows)
    built = _table(raw_table, project_dir.name, outputs, rows, properties)
    built["properties"] = properties
    if raw_table.get("quality"):
        built["quality"] = copy.deepcopy(raw_table["quality"])
    contract = {key: copy.deepcopy(value) for key, value in raw.items() if key != "schema"}
    contract["schema"] = [built]
    customs = [c for c in contract.get("customProperties") or [] if c.get("property") != "builtFrom"]
    customs.append(
        custom(
            "builtFrom",
            {
                "contractSha256": _sha256_text(project_dir / CONTRACT),
                "recipeSha256": _sha256_text(project_dir / "recipe.yaml"),
                "tool": f"mfgdata {__version__}",
            },
        )
    )
    contract["customProperties"] = customs
    return contract


def write_output_contract(path: Path, contract: dict[str, Any]) -> None:
    """Write the built contract as YAML, refusing (as a bug) a document the ODCS package would not accept."""
    problems = contract_problems(contract)
    if problems:
        raise ValueError(f"mfgdata built an invalid output contract: {problems[0][1]}")
    body = yaml.safe_dump(contract, sort_keys=False, allow_unicode=True, width=120)
    path.write_text(_HEADER + body, encoding="utf-8")
