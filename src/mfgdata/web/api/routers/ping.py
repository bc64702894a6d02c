"""`GET /ping`: the trivial endpoint (same authentication and rate limiting as the catalog, no other work) —
a health check for scripts and the floor the API benchmark measures the catalog against."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from mfgdata.web.api.auth import PUBLIC
from mfgdata.web.api.errors import ERROR_STATUSES, ErrorOut

router = Router(tags=["health"], auth=PUBLIC)


class PingOut(Schema):
    status: str


@router.get(
    "/ping",
    response={200: PingOut, ERROR_STATUSES: ErrorOut},
    openapi_extra={"security": [{"TokenAuth": []}, {}]},
    summary="Health check",
)
def ping(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok"}
