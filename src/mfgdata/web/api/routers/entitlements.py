"""Entitlements and downloads (scope `download`): what the organisation may download, signed links to each file,
and the download itself. Links are the site's own (`orders.links`): signed, expiring after
`MFGDATA_DOWNLOAD_LINK_SECONDS`, bound to the token's user — a forwarded link fails for anyone else. Every
download, served or refused, is logged by `orders.download_services`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from ninja import Router

from mfgdata.web.accounts.permissions import require
from mfgdata.web.api.auth import TOKEN, require_scope
from mfgdata.web.api.errors import ERROR_STATUSES, ErrorOut, not_found
from mfgdata.web.api.models import TokenScope
from mfgdata.web.api.order_schemas import DownloadLinksOut, EntitlementOut
from mfgdata.web.api.selectors import entitlements_of
from mfgdata.web.orders.delivery import MANIFEST_NAME, delivery_prepare
from mfgdata.web.orders.download_services import download_open
from mfgdata.web.orders.links import link_token
from mfgdata.web.orders.models import Entitlement
from mfgdata.web.orders.permissions import why_not_download
from mfgdata.web.orders.streaming import stream_file

router = Router(tags=["downloads"], auth=TOKEN)
ERRORS = {ERROR_STATUSES: ErrorOut}
BINARY = {
    "responses": {
        200: {
            "description": "the file (Range requests answer 206)",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        },
        206: {"description": "the requested byte range"},
    }
}


def _payload(entitlement: Entitlement) -> dict[str, Any]:
    now = timezone.now()
    usable = entitlement.revoked_at is None and (entitlement.valid_until is None or entitlement.valid_until >= now)
    return {
        "id": entitlement.pk,
        "product": entitlement.listing.slug,
        "product_version": entitlement.product_version,
        "title_ko": entitlement.listing.title_ko,
        "plan_id": entitlement.plan_id,
        "order": entitlement.order.reference,
        "valid_from": entitlement.valid_from,
        "valid_until": entitlement.valid_until,
        "usable": usable,
        "revoked_at": entitlement.revoked_at,
        "first_download_at": entitlement.first_download_at,
    }


@router.get("/entitlements", response={200: list[EntitlementOut], **ERRORS}, summary="What the organisation may use")
def entitlement_list(request: HttpRequest) -> list[dict[str, Any]]:
    token = require_scope(request, TokenScope.DOWNLOAD)
    return [_payload(e) for e in entitlements_of(organisation=token.organisation)[:200]]


@router.post(
    "/entitlements/{entitlement_id}/links", response={200: DownloadLinksOut, **ERRORS}, summary="Signed file links"
)
def entitlement_links(request: HttpRequest, entitlement_id: int) -> dict[str, Any]:
    """One link per delivered file (data with the buyer's fingerprint, README, terms, the signed manifest)."""
    token = require_scope(request, TokenScope.DOWNLOAD)
    entitlement = entitlements_of(organisation=token.organisation).filter(pk=entitlement_id).first()
    if entitlement is None:
        raise not_found("이용권한", "The entitlement")
    require(why_not_download(user=token.user, entitlement=entitlement))
    manifest = delivery_prepare(entitlement=entitlement)
    files = [*manifest["files"], {"path": MANIFEST_NAME, "bytes": None, "sha256": None}]
    base = f"{request.scheme}://{request.get_host()}/api/v1/downloads/"
    return {
        "entitlement_id": entitlement.pk,
        "expires_in_seconds": settings.MFGDATA_DOWNLOAD_LINK_SECONDS,
        "links": [
            {
                "path": f["path"],
                "bytes": f.get("bytes"),
                "sha256": f.get("sha256"),
                "url": base + link_token(entitlement_id=entitlement.pk, user=token.user, path=f["path"]),
            }
            for f in files
        ],
    }


@router.get("/downloads/{link}", response={**ERRORS}, openapi_extra=BINARY, summary="Download one file")
def download(request: HttpRequest, link: str) -> HttpResponseBase:
    token = require_scope(request, TokenScope.DOWNLOAD)
    range_header = request.headers.get("Range", "")
    path, _entitlement = download_open(
        user=token.user, token=link, byte_range=range_header, ip_address=request.META.get("REMOTE_ADDR")
    )
    return stream_file(path, range_header, quote(path.name))
