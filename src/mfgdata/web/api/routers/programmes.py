"""Programme application status of the caller's organisation (any valid token; read-only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from mfgdata.web.api.auth import TOKEN, caller_token
from mfgdata.web.api.errors import ERROR_STATUSES, ErrorOut, not_found
from mfgdata.web.programs.models import Application
from mfgdata.web.programs.selectors import applicant_result, applications_of

router = Router(tags=["programmes"], auth=TOKEN)
ERRORS = {ERROR_STATUSES: ErrorOut}


class ApplicationOut(Schema):
    id: int
    call: str
    programme_id: str
    round_id: str
    status: str
    status_label: str
    version: int
    participation: str
    requested_krw: int
    submitted_at: datetime | None
    updated_at: datetime
    result: dict[str, Any] = {}


def _payload(application: Application) -> dict[str, Any]:
    return {
        "id": application.pk,
        "call": application.call.title,
        "programme_id": application.call.programme_id,
        "round_id": application.round_id,
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "version": application.version,
        "participation": application.participation,
        "requested_krw": application.requested_krw,
        "submitted_at": application.submitted_at,
        "updated_at": application.updated_at,
        "result": applicant_result(application=application),
    }


@router.get(
    "/programmes/applications",
    response={200: list[ApplicationOut], **ERRORS},
    summary="The organisation's applications",
)
def application_list(request: HttpRequest) -> list[dict[str, Any]]:
    token = caller_token(request)
    return [_payload(a) for a in applications_of(user=token.user).order_by("-updated_at", "-pk")[:200]]


@router.get(
    "/programmes/applications/{application_id}", response={200: ApplicationOut, **ERRORS}, summary="One application"
)
def application_detail(request: HttpRequest, application_id: int) -> dict[str, Any]:
    token = caller_token(request)
    application = applications_of(user=token.user).filter(pk=application_id).first()
    if application is None:
        raise not_found("신청", "The application")
    return _payload(application)
