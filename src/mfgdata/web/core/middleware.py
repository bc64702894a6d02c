"""Renders every `SiteError` in one place: a page (or HTMX fragment) with the message, and a logged refusal."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language

from mfgdata.web.core.errors import SiteError, message_for
from mfgdata.web.core.models import Refusal

logger = logging.getLogger("mfgdata.web.refusals")


class RefusalMiddleware:
    """Turns a `SiteError` raised by a view into a 400/403 response and a `Refusal` row plus a log line."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, SiteError):
            return None
        user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
        logger.warning("refused %s (%s) for %s at %s", exception.code, exception.text.en, user, request.path)
        Refusal.objects.create(
            code=exception.code, status=exception.status, user=user, path=request.path[:300], message=exception.text.en
        )
        message = message_for(exception, get_language() or "ko")
        if "application/json" in request.headers.get("Accept", "") or request.content_type == "application/json":
            return JsonResponse({"code": exception.code, "message": message}, status=exception.status)
        return render(
            request, "core/refused.html", {"code": exception.code, "message": message}, status=exception.status
        )
