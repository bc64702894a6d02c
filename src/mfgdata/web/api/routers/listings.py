"""Listings through the API: a registration request, its package uploaded in checksummed chunks, submit, status.

The upload protocol (docs/api.md): `POST …/uploads` opens an upload and says the chunk size; the client sends
chunk `i` with `PUT …/chunks/{i}` (headers `X-Chunk-Sha256`, `X-Chunk-Offset`), in order; `GET …/uploads/{id}`
lists the chunks the server holds, so an interrupted client resumes after the last one; `POST …/complete`
closes it and queues the re-verification job. `POST …/submit` refuses until that job has found the package
valid — a listing is never submitted half uploaded. All of it needs a token with the `sell` scope.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.http import HttpRequest
from ninja import Header, Router, Status

from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.api.auth import TOKEN, require_scope
from mfgdata.web.api.errors import ERROR_STATUSES, ApiError, ErrorOut, not_found
from mfgdata.web.api.listing_schemas import (
    ChunkOut,
    CompleteIn,
    ListingIn,
    ListingOut,
    UploadIn,
    UploadOut,
    listing_out,
    upload_out,
)
from mfgdata.web.api.models import TokenScope
from mfgdata.web.core.errors import SiteError
from mfgdata.web.listings import services, upload_services
from mfgdata.web.listings.models import Listing, PackageUpload, UploadState
from mfgdata.web.listings.permissions import why_not_view_listing
from mfgdata.web.listings.selectors import latest_upload, listings_of_organisation, seller_for_business_number

router = Router(tags=["listings"], auth=TOKEN)
STATUSES = ERROR_STATUSES | {411, 413}
CHUNK_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}
# Codes of the upload services whose HTTP status is not the plain 400 of bad input.
CODE_STATUS = {
    "chunk-out-of-order": 409,
    "upload-incomplete": 409,
    "upload-closed": 409,
    "transition-not-allowed": 409,
    "listing-not-editable": 409,
    "upload-too-large": 413,
    "chunk-differs": 409,
    "seller-not-found": 404,
}


@contextmanager
def _statuses() -> Iterator[None]:
    """Give the service refusals of the upload protocol their own HTTP status (409 conflict, 413 too large)."""
    try:
        yield
    except SiteError as error:
        if error.code in CODE_STATUS and not isinstance(error, ApiError):
            error.status = CODE_STATUS[error.code]
        raise


def _listing(request: HttpRequest, listing_id: int) -> Listing:
    """The caller's listing (seller or registrant); another organisation's is not found, so it does not leak."""
    token = require_scope(request, TokenScope.SELL)
    listing = Listing.objects.select_related("seller", "registered_by_org").filter(pk=listing_id).first()
    if listing is None or why_not_view_listing(user=token.user, listing=listing):
        raise not_found("상품 등록 요청", "The registration request")
    return listing


def _upload(request: HttpRequest, listing_id: int, upload_id: int) -> PackageUpload:
    listing = _listing(request, listing_id)
    upload = PackageUpload.objects.filter(pk=upload_id, listing=listing).first()
    if upload is None:
        raise not_found("업로드", "The upload")
    upload.listing = listing
    return upload


@router.post("/listings", response={201: ListingOut, STATUSES: ErrorOut}, summary="Create a registration request")
def listing_create(request: HttpRequest, body: ListingIn) -> Status:
    token = require_scope(request, TokenScope.SELL)
    with _statuses():
        seller = seller_for_business_number(token.user, body.seller_business_number)
        listing = services.listing_create(
            user=token.user,
            seller=seller,
            manufacturer_share_percent=body.manufacturer_share_percent,
            programme_funded=body.programme_funded,
            **body.basics(),
        )
    return Status(201, listing_out(request, listing))


@router.get("/listings", response={200: list[ListingOut], STATUSES: ErrorOut}, summary="The caller's listings")
def listing_list(request: HttpRequest) -> list[dict]:
    token = require_scope(request, TokenScope.SELL)
    organisation = organisation_of(user=token.user)
    listings = listings_of_organisation(organisation=organisation).select_related("seller")[:200]
    return [listing_out(request, listing) for listing in listings]


@router.get("/listings/{listing_id}", response={200: ListingOut, STATUSES: ErrorOut}, summary="Listing status")
def listing_status(request: HttpRequest, listing_id: int) -> dict:
    return listing_out(request, _listing(request, listing_id), with_comments=True)


@router.post(
    "/listings/{listing_id}/uploads", response={201: UploadOut, STATUSES: ErrorOut}, summary="Open a package upload"
)
def upload_open(request: HttpRequest, listing_id: int, body: UploadIn) -> Status:
    listing = _listing(request, listing_id)
    with _statuses():
        upload = upload_services.upload_start(
            user=request.auth.user,
            listing=listing,
            filename=body.filename,
            total_bytes=body.size,
            chunk_bytes=settings.MFGDATA_API_UPLOAD_CHUNK_BYTES,
        )
    return Status(201, upload_out(upload))


@router.get(
    "/listings/{listing_id}/uploads/{upload_id}",
    response={200: UploadOut, STATUSES: ErrorOut},
    summary="Upload state and the chunks the server holds",
)
def upload_state(request: HttpRequest, listing_id: int, upload_id: int) -> dict:
    return upload_out(_upload(request, listing_id, upload_id))


def _chunk_too_large(limit: int) -> ApiError:
    return ApiError(
        "chunk-too-large",
        f"조각은 {limit:,}바이트를 넘을 수 없습니다.",
        f"A chunk cannot exceed {limit:,} bytes.",
        status=413,
    )


@router.put(
    "/listings/{listing_id}/uploads/{upload_id}/chunks/{index}",
    response={200: ChunkOut, STATUSES: ErrorOut},
    summary="Send one chunk (raw bytes; headers X-Chunk-Sha256 and X-Chunk-Offset)",
    openapi_extra=CHUNK_BODY,
)
def upload_chunk(
    request: HttpRequest,
    listing_id: int,
    upload_id: int,
    index: int,
    x_chunk_sha256: str = Header(..., alias="X-Chunk-Sha256", min_length=64, max_length=64),
    x_chunk_offset: int = Header(..., alias="X-Chunk-Offset", ge=0),
) -> dict:
    upload = _upload(request, listing_id, upload_id)
    declared = request.headers.get("Content-Length", "")
    if not declared.isdigit():
        raise ApiError(
            "chunk-length-required",
            "조각에는 Content-Length 헤더가 있어야 합니다.",
            "A chunk needs a Content-Length header.",
            status=411,
        )
    if int(declared) > upload.chunk_bytes:
        raise _chunk_too_large(upload.chunk_bytes)
    with _statuses():
        upload_services.upload_chunk_stream(
            user=request.auth.user,
            upload=upload,
            index=index,
            offset=x_chunk_offset,
            size=int(declared),
            stream=request,
            sha256=x_chunk_sha256,
        )
    return {"index": index, "next_chunk": upload_services.next_missing_chunk(upload)}


@router.post(
    "/listings/{listing_id}/uploads/{upload_id}/complete",
    response={200: UploadOut, STATUSES: ErrorOut},
    summary="Close the upload and queue the package's re-verification",
)
def upload_finish(request: HttpRequest, listing_id: int, upload_id: int, body: CompleteIn) -> dict:
    upload = _upload(request, listing_id, upload_id)
    with _statuses():
        done = upload_services.upload_complete(user=request.auth.user, upload=upload, expected_sha256=body.sha256)
    done.refresh_from_db()
    return upload_out(done)


def _not_verified(state: str | None) -> ApiError:
    return ApiError(
        "upload-not-verified",
        "패키지 업로드가 끝나고 서버 검증을 통과해야 제출할 수 있습니다"
        + (f" (현재 상태: {state})." if state else " (올린 패키지가 없습니다)."),
        "Submit after the package upload is complete and the server has verified it"
        + (f" (now: {state})." if state else " (no package uploaded)."),
        status=409,
    )


@router.post(
    "/listings/{listing_id}/submit",
    response={200: ListingOut, STATUSES: ErrorOut},
    summary="Submit (or resubmit) for the operator's review",
)
def listing_submit(request: HttpRequest, listing_id: int) -> dict:
    listing = _listing(request, listing_id)
    upload = latest_upload(listing=listing)
    if upload is None or upload.state != UploadState.VALID:
        raise _not_verified(upload.state if upload else None)
    action = "resubmit" if listing.status == "changes_requested" else "submit"
    with _statuses():
        moved = services.listing_act(user=request.auth.user, listing=listing, action=action)
    return listing_out(request, moved, with_comments=True)
