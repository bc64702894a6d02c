"""Shapes of the catalog endpoints (query parameters and answers)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

SortName = Literal["newest", "price_asc", "price_desc", "grade", "title"]
PriceRange = Literal["lt1m", "1m-5m", "5m-20m", "gte20m"]


class SearchQuery(Schema):
    """The same filters as the MARKET PLACE page: a text query, facet values, a price range, sorting, a page."""

    q: str = Field("", max_length=200, description="words to find (Korean parts of words work)")
    category: str = Field("", max_length=40)
    process: str = Field("", max_length=40)
    grade: str = Field("", max_length=5)
    licence: str = Field("", max_length=60)
    data_type: str = Field("", max_length=20)
    data_format: str = Field("", max_length=20)
    equipment: str = Field("", max_length=300)
    period_start_year: int | None = Field(None, ge=1900, le=2200)
    price: PriceRange | None = None
    sort: SortName = "newest"
    page: int = Field(1, ge=1, le=100_000)


class FacetValue(Schema):
    value: str
    label_ko: str
    label_en: str
    count: int


class ProductSummary(Schema):
    slug: str
    version: str
    title_ko: str
    title_en: str
    category: str
    process: str
    seller: str
    grade: str
    licence: str
    lowest_price_krw: int | None = Field(description="supply value of the cheapest plan, VAT excluded (원)")
    for_sale: bool
    listed_at: datetime | None
    page_url: str


class SearchOut(Schema):
    total: int
    page: int
    pages: int
    page_size: int
    items: list[ProductSummary]
    facets: dict[str, list[FacetValue]]


class PlanOut(Schema):
    id: str
    kind: str
    period: str | None = None
    supply_krw: int
    vat_krw: int
    total_krw: int


class ColumnOut(Schema):
    table: str | None = None
    name: str | None = None
    type: str | None = None
    unit: str | None = None
    description: str | None = None
    description_en: str | None = None
    semantic_id: str | None = None
    classification: str | None = None


class QualitySummary(Schema):
    valid: bool | None
    grade: str
    conformance_rate: float | None


class FileOut(Schema):
    path: str
    bytes: int
    sha256: str


class VersionOut(Schema):
    slug: str
    version: str
    listed_at: datetime | None


class ProductOut(ProductSummary):
    description_ko: str
    description_en: str
    keywords: list[str]
    licence_name: str
    equipment: str
    data_period_start: date | None
    data_period_end: date | None
    programme_funded: bool
    price_plans: list[PlanOut]
    columns: list[ColumnOut]
    quality: QualitySummary
    files: list[FileOut]
    versions: list[VersionOut]
    links: dict[str, str]


class SampleOut(Schema):
    path: str
    header: list[str]
    rows: list[list[str]]
    files: list[str]


class TermsOut(Schema):
    text: str
    sha256: str = Field(description="send this as `accept_terms_sha256` when you check out")


JsonDocument = dict[str, Any]
