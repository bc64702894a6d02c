"""Factories for the programme tests (importable: `tests/web` is on the test path): constants, files, facts."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from mfgdata.rules import get_programme

SEOUL = ZoneInfo("Asia/Seoul")
PRODUCTIZATION = "productization-2026"
PURCHASE = "purchase-2023"
ON_TIME = datetime(2026, 2, 10, 10, 0, tzinfo=SEOUL)
PURCHASE_ON_TIME = datetime(2023, 7, 10, 10, 0, tzinfo=SEOUL)


def pdf(name: str = "file.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def clean_facts(programme_id: str, kind: str = "sme") -> dict[str, Any]:
    """Declared facts of a company no exclusion applies to: the applicant's requirements true, others false."""
    programme = get_programme(programme_id)
    assert programme is not None
    required = set(programme.applicant_class(kind).requires)  # type: ignore[union-attr]
    facts: dict[str, Any] = {}
    for fact in programme.facts:
        if fact.type == "bool":
            facts[fact.id] = fact.id in required
        elif fact.type == "choice":
            facts[fact.id] = (fact.choices or [""])[0]
        else:
            facts[fact.id] = "2015-01-01"
    return facts
