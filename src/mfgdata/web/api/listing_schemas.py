"""Request and response shapes of the listing endpoints, and how a listing or an upload is shown."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Schema
from pydantic import field_validator, model_validator

from mfgdata.dictionary.category import CATEGORIES
from mfgdata.dictionary.process import PROCESSES
from mfgdata.web.api.schemas import TextIn
from mfgdata.web.listings import upload_services
from mfgdata.web.listings.models import Listing, PackageUpload
from mfgdata.web.listings.selectors import latest_upload

CategoryId = Literal[tuple(CATEGORIES)]  # type: ignore[valid-type]
ProcessId = Literal[tuple(p.id for p in PROCESSES)]  # type: ignore[valid-type]
BASIC_FIELDS = (
    "title_ko",
    "title_en",
    "description_ko",
    "description_en",
    "category",
    "process",
    "keywords",
    "data_period_start",
    "data_period_end",
    "equipment",
    "licence_id",
)


class ListingIn(TextIn):
    """The basic information of a registration request, as on the site's form; the rest comes from the package."""

    title_ko: str = Field(..., min_length=1, max_length=200, pattern=r"\S")
    category: CategoryId = Field(..., description="product category (notice 000's seven kinds)")
    title_en: str = Field("", max_length=200)
    description_ko: str = Field("", max_length=20_000)
    description_en: str = Field("", max_length=20_000)
    process: ProcessId | Literal[""] = ""
    keywords: list[str] = Field(default_factory=list, max_length=30)
    data_period_start: date | None = None
    data_period_end: date | None = None
    equipment: str = Field("", max_length=300)
    licence_id: str = Field("", max_length=60)
    price_krw: int | None = Field(None, ge=0, description="one-off price in whole won, VAT excluded")
    seller_business_number: str = Field(
        "", pattern=r"^$|^\d{3}-?\d{2}-?\d{5}$", description="the manufacturer, when a processor registers"
    )
    manufacturer_share_percent: int = Field(100, ge=0, le=100)
    programme_funded: bool = False

    @model_validator(mode="after")
    def _period_in_order(self) -> ListingIn:
        start, end = self.data_period_start, self.data_period_end
        if start and end and start > end:
            raise ValueError("data_period_start is after data_period_end")
        return self

    def basics(self) -> dict[str, Any]:
        """The fields as `listing_create` takes them (empty ones left out, so the package can fill them)."""
        data = {name: getattr(self, name) for name in BASIC_FIELDS}
        data["keywords"] = [k.strip() for k in self.keywords if k.strip()]
        if self.price_krw is not None:
            plan = {"id": "one-off", "kind": "one_off", "price_krw": self.price_krw, "period": None, "unit": None}
            data["price_plans"] = [plan]
        filled = {k: v for k, v in data.items() if v not in (None, "", [])}
        return {**filled, "title_ko": self.title_ko.strip(), "category": self.category}


ZIP_NAME = r"\.[Zz][Ii][Pp]$"  # as the document states it (ECMA: `$` is the end of the string)
_ZIP_END = re.compile(r"\.[Zz][Ii][Pp]\Z")  # the same in Python, whose `$` also allows a final newline


class UploadIn(TextIn):
    filename: str = Field(
        ...,
        min_length=1,
        max_length=255,
        description="the package's file name, ending in .zip",
        json_schema_extra={"pattern": ZIP_NAME},  # stated in the document; checked below with a clear message
    )
    size: int = Field(..., ge=1, description="the whole file's size in bytes")

    @field_validator("filename")
    @classmethod
    def _a_zip_file(cls, value: str) -> str:
        if not _ZIP_END.search(value):
            raise ValueError("a product package must be a .zip file; send the name of a file ending in .zip")
        return value


class CompleteIn(TextIn):
    sha256: str = Field("", max_length=64, description="the whole file's sha256; a different arrival is refused")


class UploadOut(Schema):
    id: int
    filename: str
    state: str
    total_bytes: int
    chunk_bytes: int
    chunk_count: int
    received: list[int]
    next_chunk: int | None
    sha256: str
    error_code: str
    error: str


class ChunkOut(Schema):
    index: int
    next_chunk: int | None


class ReviewCommentOut(Schema):
    decision: str
    comment: str
    decided_at: datetime


class EventOut(Schema):
    action: str
    from_state: str
    to_state: str
    comment: str
    at: datetime


class ListingOut(Schema):
    id: int
    slug: str
    version: str
    status: str
    status_label: str
    title_ko: str
    category: str
    seller: str
    registered_as: str
    review_url: str = Field(..., description="the listing's page on the site, with its review progress")
    upload: UploadOut | None
    review_comments: list[ReviewCommentOut] = []
    events: list[EventOut] = []


def upload_out(upload: PackageUpload) -> dict[str, Any]:
    return {
        "id": upload.pk,
        "filename": upload.filename,
        "state": upload.state,
        "total_bytes": upload.total_bytes,
        "chunk_bytes": upload.chunk_bytes,
        "chunk_count": upload.chunk_count,
        "received": upload_services.received_chunks(upload),
        "next_chunk": upload_services.next_missing_chunk(upload),
        "sha256": upload.sha256,
        "error_code": upload.error_code,
        "error": upload.error_message,
    }


def listing_out(request: HttpRequest, listing: Listing, *, with_comments: bool = False) -> dict[str, Any]:
    """A listing as the API shows it to its seller; `with_comments` adds review decisions and the audit trail."""
    from mfgdata.web.core.statemachine import events_of

    upload = latest_upload(listing=listing)
    out: dict[str, Any] = {
        "id": listing.pk,
        "slug": listing.slug,
        "version": listing.version,
        "status": listing.status,
        "status_label": str(listing.get_status_display()),
        "title_ko": listing.title_ko,
        "category": listing.category,
        "seller": listing.seller.name,
        "registered_as": listing.registered_as,
        "review_url": request.build_absolute_uri(reverse("listings:detail", args=[listing.pk])),
        "upload": upload_out(upload) if upload else None,
    }
    if with_comments:
        decisions = listing.review_decisions.order_by("decided_at", "id")
        out["review_comments"] = [
            {"decision": d.decision, "comment": d.comment, "decided_at": d.decided_at} for d in decisions
        ]
        out["events"] = [
            {
                "action": e.action,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "comment": e.comment,
                "at": e.created_at,
            }
            for e in events_of(listing)
        ]
    return out
