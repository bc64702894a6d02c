"""Machine-readable descriptions: the DCAT-AP catalog of all listed products, and each product's Croissant."""

from __future__ import annotations

from typing import Any

from mfgdata.dictionary.category import CATEGORIES
from mfgdata.web.listings.models import Listing

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}


def _lang(value: str, language: str) -> dict[str, str]:
    return {"@value": value, "@language": language}


def dcat_dataset(listing: Listing, base_url: str) -> dict[str, Any]:
    url = f"{base_url}/market/{listing.slug}/"
    dataset: dict[str, Any] = {
        "@id": url,
        "@type": "dcat:Dataset",
        "dct:identifier": listing.slug,
        "dct:title": [_lang(listing.title_ko, "ko")] + ([_lang(listing.title_en, "en")] if listing.title_en else []),
        "dct:description": [_lang(listing.description_ko or listing.title_ko, "ko")]
        + ([_lang(listing.description_en, "en")] if listing.description_en else []),
        "dcat:keyword": listing.keywords,
        "dcat:theme": {"@id": f"{base_url}/market/?category={listing.category}"},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": listing.seller.name},
        "dcat:landingPage": {"@id": url},
        "dct:issued": {"@value": listing.listed_at.isoformat() if listing.listed_at else "", "@type": "xsd:dateTime"},
        "dcat:version": listing.version,
        "dcat:distribution": [
            {
                "@id": f"{url}#package",
                "@type": "dcat:Distribution",
                "dcat:accessURL": {"@id": url},
                "dct:format": "application/zip",
                "dct:license": {"@id": f"{base_url}/licences/{listing.licence_id}"},
            }
        ],
    }
    if listing.data_period_start and listing.data_period_end:
        dataset["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": listing.data_period_start.isoformat(), "@type": "xsd:date"},
            "dcat:endDate": {"@value": listing.data_period_end.isoformat(), "@type": "xsd:date"},
        }
    return dataset


def dcat_catalog(listings: list[Listing], base_url: str) -> dict[str, Any]:
    """A DCAT-AP catalog other portals can harvest (JSON-LD)."""
    return {
        "@context": DCAT_CONTEXT,
        "@id": f"{base_url}/catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": [_lang("제조데이터 거래소", "ko"), _lang("Manufacturing data marketplace", "en")],
        "dct:description": [_lang("제조데이터 상품 목록", "ko"), _lang("Catalog of manufacturing data products", "en")],
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "제조데이터 거래소 운영기관"},
        "dcat:dataset": [dcat_dataset(x, base_url) for x in listings],
    }


def croissant(listing: Listing, contents: dict[str, Any], base_url: str) -> dict[str, Any]:
    """The package's own Croissant when it has one (with the marketplace URL), else a minimal one."""
    url = f"{base_url}/market/{listing.slug}/"
    packaged = contents.get("croissant")
    if isinstance(packaged, dict):
        return {**packaged, "url": url}
    return {
        "@context": {"@vocab": "https://schema.org/", "cr": "http://mlcommons.org/croissant/"},
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": listing.title_en or listing.title_ko,
        "description": listing.description_en or listing.description_ko,
        "url": url,
        "license": listing.licence_id,
        "version": listing.version,
        "keywords": listing.keywords,
        "inLanguage": ["ko", "en"],
        "isPartOf": CATEGORIES.get(listing.category, ("", ""))[1],
        "distribution": [
            {
                "@type": "cr:FileObject",
                "name": f["path"],
                "contentSize": f"{f.get('bytes', 0)} B",
                "sha256": f.get("sha256"),
            }
            for f in contents.get("files", [])
            if f["path"].startswith("data/")
        ],
    }
