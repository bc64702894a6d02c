"""`GET /me`: who the token belongs to (scripts call it first to check their token works)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from mfgdata.web.api.auth import TOKEN, caller_token
from mfgdata.web.api.errors import ERROR_STATUSES, ErrorOut
from mfgdata.web.api.schemas import MeOut

router = Router(tags=["me"], auth=TOKEN)


@router.get("/me", response={200: MeOut, ERROR_STATUSES: ErrorOut}, summary="The caller and their organisation")
def me(request: HttpRequest) -> dict:
    token = caller_token(request)
    org = token.organisation
    return {
        "email": token.user.email,
        "name": token.user.name,
        "organisation": {
            "id": org.pk,
            "name": org.name,
            "business_number": org.business_number,
            "verified": org.is_verified,
            "size_class": org.size_class,
            "is_manufacturer": org.is_manufacturer,
            "is_processor": org.is_processor,
            "is_nonprofit": org.is_nonprofit,
        },
        "token": {"name": token.name, "prefix": token.prefix, "scopes": token.scopes, "expires_at": token.expires_at},
    }
