"""`croissant.json`: MLCommons Croissant 1.0 metadata, one RecordSet per output table.

Each table's Parquet file is a `cr:FileObject` (with its sha256) and the source of the RecordSet's fields;
the CSV copy and, for image products, the image files (`cr:FileSet`) are listed as distributions too. The
file sits in `metadata/`, so content URLs point one folder up (`../data/…`), as Croissant resolves them
from the file's own folder.
"""

from __future__ import annotations

import re
from typing import Any

from mfgdata.packaging.project import Project, Table
from mfgdata.packaging.types import CROISSANT, kind_of

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
    "equivalentProperty": "cr:equivalentProperty",
}
_UNSAFE_ID = re.compile(r"[^0-9A-Za-z가-힣_.-]+")


def _id(text: str) -> str:
    return _UNSAFE_ID.sub("_", text).strip("_") or "x"


def _file_object(path: str, digest: str, media: str) -> dict[str, Any]:
    return {
        "@type": "cr:FileObject",
        "@id": _id(path),
        "name": _id(path),
        "contentUrl": f"../{path}",
        "encodingFormat": media,
        "sha256": digest,
    }


def _record_set(table: Table) -> dict[str, Any]:
    source = _id(table.parquet)
    fields, seen = [], set()
    for column in table.columns:
        field_id = f"{_id(table.name)}/{_id(column.name)}"
        while field_id in seen:
            field_id += "_"
        seen.add(field_id)
        description = column.description_en or column.description_ko or column.name
        fields.append(
            {
                "@type": "cr:Field",
                "@id": field_id,
                "name": column.name,
                "description": description,
                "dataType": CROISSANT[kind_of(column.type)],
                "source": {"fileObject": {"@id": source}, "extract": {"column": column.name}},
            }
        )
    return {
        "@type": "cr:RecordSet",
        "@id": _id(table.name),
        "name": _id(table.name),
        "description": f"{table.rows:,} rows of {table.name}",
        "field": fields,
    }


def _distribution(project: Project, digests: dict[str, str]) -> list[dict[str, Any]]:
    files = []
    for table in project.tables:
        files.append(_file_object(table.parquet, digests[table.parquet], "application/x-parquet"))
        if table.csv:
            files.append(_file_object(table.csv, digests[table.csv], "text/csv"))
    if project.kind == "images":
        files.append(
            {
                "@type": "cr:FileSet",
                "@id": "images",
                "name": "images",
                "description": "Images, one folder per split and class: data/images/<split>/<class>/",
                "encodingFormat": "image/jpeg",
                "includes": "../data/images/*/*/*",
            }
        )
    return files


def croissant(project: Project, built_at: str, digests: dict[str, str], citation: str) -> dict[str, Any]:
    """The Croissant document; `digests` maps package paths to sha256."""
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": project.slug,
        "description": f"{project.text('description', 'en')}\n\n{project.text('description', 'ko')}",
        "conformsTo": CONFORMS_TO,
        "citeAs": citation,
        "datePublished": built_at[:10],
        "license": project.licence.url if project.licence.url.startswith("http") else project.licence.id,
        "url": str(project.product.get("landing_page") or f"urn:mfgdata:{project.product.get('id')}"),
        "version": project.version,
        "keywords": [str(k) for k in (project.product.get("keywords") or [])]
        + [str((project.product.get("category") or {}).get("id") or "")],
        "creator": {"@type": "sc:Organization", "name": publisher_name(project)},
        "distribution": _distribution(project, digests),
        "recordSet": [_record_set(table) for table in project.tables],
    }


def publisher_name(project: Project) -> str:
    """The seller's organisation, else a placeholder that says it is missing."""
    seller = project.product.get("seller") or {}
    return str(seller.get("organisation") or "판매기업 미기재 (seller not given)")
