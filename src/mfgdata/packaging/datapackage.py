"""`datapackage.json`: the Frictionless Data Package v2 descriptor of the package's tables.

One tabular resource per output CSV (UTF-8 with BOM, read by Frictionless as `utf-8-sig`) with its Table
Schema, and the Parquet copy as a plain file resource. Paths are relative to the package root, where
Frictionless tools look for the descriptor; `metadata/datapackage.json` is the same document.
"""

from __future__ import annotations

from typing import Any

from mfgdata.packaging.project import Column, Project, Table
from mfgdata.packaging.types import FRICTIONLESS, kind_of

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"


def _field(column: Column) -> dict[str, Any]:
    kind = kind_of(column.type)
    field: dict[str, Any] = {"name": column.name, "type": FRICTIONLESS[kind]}
    if kind in ("datetime", "date", "time"):
        field["format"] = "any"
    description = " / ".join(text for text in (column.description_ko, column.description_en) if text)
    if description:
        field["description"] = description
    if column.unit:
        field["unit"] = column.unit
    if column.semantic_id:
        field["rdfType"] = str(column.semantic_id)
    field["role"] = column.role
    return field


def _resource_name(table: Table, suffix: str) -> str:
    base = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in table.name.lower())
    return f"{base}{suffix}"


def _resources(table: Table, digests: dict[str, str], sizes: dict[str, int]) -> list[dict[str, Any]]:
    resources = []
    if table.csv:
        resources.append(
            {
                "name": _resource_name(table, ""),
                "type": "table",
                "path": table.csv,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "hash": f"sha256:{digests[table.csv]}",
                "bytes": sizes[table.csv],
                "schema": {"$schema": SCHEMA_PROFILE, "fields": [_field(c) for c in table.columns]},
            }
        )
    resources.append(
        {
            "name": _resource_name(table, "-parquet"),
            "type": "file",
            "path": table.parquet,
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "hash": f"sha256:{digests[table.parquet]}",
            "bytes": sizes[table.parquet],
        }
    )
    return resources


def datapackage(project: Project, built_at: str, digests: dict[str, str], sizes: dict[str, int]) -> dict[str, Any]:
    """The descriptor; `digests`/`sizes` map package paths (data/…) to sha256 and bytes."""
    licence = project.licence
    resources = [resource for table in project.tables for resource in _resources(table, digests, sizes)]
    return {
        "$schema": PROFILE,
        "name": _resource_name(project.tables[0], "") if len(project.tables) == 1 else project.slug.lower(),
        "id": str(project.product.get("id") or project.slug),
        "title": project.text("title", "en"),
        "description": f"{project.text('description', 'ko')}\n\n{project.text('description', 'en')}",
        "version": project.version,
        "created": built_at,
        "keywords": keywords(project),
        "licenses": [{"name": licence.id, "title": licence.name, "path": licence.url}]
        if licence.url.startswith("http")
        else [{"name": licence.id, "title": licence.name}],
        "resources": resources,
    }


def keywords(project: Project) -> list[str]:
    """Category id, process id and any product keywords, without repeats."""
    found = [str((project.product.get("category") or {}).get("id") or "")]
    found.append(str((project.product.get("process") or {}).get("id") or ""))
    found += [str(word) for word in project.product.get("keywords") or []]
    return [word for i, word in enumerate(found) if word and word not in found[:i]]
