"""`dcat.jsonld`: the product as a DCAT-AP 3 Dataset with one Distribution per data file.

It conforms to the DCAT-AP 3.0.1 SHACL shapes (`shapes/dcat-ap-3.0.1-shapes.ttl`, shipped with
attribution): titles and descriptions in Korean and English, keywords, publisher (foaf:Agent), licence,
version, temporal coverage, and per distribution an access URL, media type, byte size and SHA-256
checksum (spdx). The context is written inline, so no reader needs to fetch anything.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from mfgdata.packaging.croissant import publisher_name
from mfgdata.packaging.datapackage import keywords
from mfgdata.packaging.project import Project
from mfgdata.packaging.types import MEDIA_TYPES

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatap": "http://data.europa.eu/r5r/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "spdx": "http://spdx.org/rdf/terms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "adms": "http://www.w3.org/ns/adms#",
}
_FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
_FORMATS = {".csv": "CSV", ".parquet": "PARQUET", ".json": "JSON", ".pdf": "PDF", ".html": "HTML"}
_IANA = "https://www.iana.org/assignments/media-types/"


def base_iri(project: Project) -> str:
    """Where the package's files are published: product.yaml `landing_page`, else a stable URN."""
    landing = str(project.product.get("landing_page") or "").rstrip("/")
    if landing:
        return f"{landing}/{project.version}/"
    return f"urn:mfgdata:{project.product.get('id') or project.slug}:{project.version}:"


def _literal(text: str, language: str) -> dict[str, str]:
    return {"@value": text, "@language": language}


def _distribution(base: str, path: str, digest: str, size: int, licence: dict[str, str]) -> dict[str, Any]:
    suffix = PurePosixPath(path).suffix.lower()
    entry: dict[str, Any] = {
        "@id": f"{base}{path}",
        "@type": "dcat:Distribution",
        "dct:title": _literal(path, "en"),
        "dcat:accessURL": {"@id": f"{base}{path}"},
        "dcat:downloadURL": {"@id": f"{base}{path}"},
        "dcat:byteSize": {"@value": str(size), "@type": "xsd:nonNegativeInteger"},
        "dcat:mediaType": {"@id": f"{_IANA}{MEDIA_TYPES.get(suffix, 'application/octet-stream')}"},
        "dct:license": licence,
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"},
            "spdx:checksumValue": {"@value": digest, "@type": "xsd:hexBinary"},
        },
    }
    if suffix in _FORMATS:
        entry["dct:format"] = {"@id": f"{_FILE_TYPES}{_FORMATS[suffix]}"}
    return entry


def _temporal(project: Project) -> list[dict[str, Any]]:
    when = project.period()
    if when is None:
        return []
    return [
        {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": when[0], "@type": "xsd:date"},
            "dcat:endDate": {"@value": when[1], "@type": "xsd:date"},
        }
    ]


def dcat(project: Project, built_at: str, files: list[tuple[str, str, int]]) -> dict[str, Any]:
    """The JSON-LD document; `files` are the distributed `(path, sha256, bytes)`, data files first."""
    base = base_iri(project)
    licence = {"@id": project.licence.url if project.licence.url.startswith("http") else f"{base}TERMS.md"}
    distributions = [_distribution(base, path, digest, size, licence) for path, digest, size in files]
    dataset: dict[str, Any] = {
        "@id": f"{base}dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": str(project.product.get("id") or project.slug),
        "dct:title": [_literal(project.text("title", "ko"), "ko"), _literal(project.text("title", "en"), "en")],
        "dct:description": [
            _literal(project.text("description", "ko"), "ko"),
            _literal(project.text("description", "en"), "en"),
        ],
        "dcat:keyword": [_literal(word, "en") for word in keywords(project)],
        "dcat:version": project.version,
        "dct:issued": {"@value": built_at, "@type": "xsd:dateTime"},
        "dct:modified": {"@value": built_at, "@type": "xsd:dateTime"},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": publisher_name(project)},
        "dcat:distribution": [{"@id": item["@id"]} for item in distributions],
    }
    temporal = _temporal(project)
    if temporal:
        dataset["dct:temporal"] = temporal
    return {"@context": CONTEXT, "@graph": [dataset, *distributions]}
