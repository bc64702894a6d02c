"""The one error envelope of the API, `{code, message, fields}`, and the handlers that render every 4xx in it.

Codes are stable (docs/api.md lists them); `message` is Korean unless the request asks for English
(`Accept-Language: en`); `fields` maps a field path (`body.price_plan`, `query.page`) to what is wrong with it.
A `SiteError` raised by a service keeps its code and status (400, or 403 for a refusal).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from mfgdata.web.core.errors import SiteError, message_for
from mfgdata.web.core.models import Refusal

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger("mfgdata.web.api")

ERROR_STATUSES = frozenset({400, 401, 403, 404, 409, 422, 429})


class ErrorOut(Schema):
    """The error envelope."""

    code: str
    message: str
    fields: dict[str, str] = {}


class ApiError(SiteError):
    """A refusal of the API layer with its own HTTP status (401, 404, 429 …)."""

    def __init__(self, code: str, ko: str, en: str, *, status: int = 400, fields: dict[str, str] | None = None):
        super().__init__(code, ko, en)
        self.status = status
        self.fields = fields or {}


class RateLimited(ApiError):
    """Too many requests in the current window; `retry_after` seconds until the next one opens."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            "rate-limited",
            f"요청이 너무 많습니다. {retry_after}초 뒤에 다시 시도하세요.",
            f"Too many requests; try again in {retry_after} s.",
            status=429,
        )
        self.retry_after = retry_after


def not_found(what_ko: str = "요청한 항목", what_en: str = "The requested item") -> ApiError:
    """404 for a missing resource and for another organisation's (so its existence does not leak)."""
    return ApiError("not-found", f"{what_ko}을(를) 찾을 수 없습니다.", f"{what_en} was not found.", status=404)


def _envelope(api: NinjaAPI, request: HttpRequest, error: SiteError, fields: dict[str, str] | None = None) -> Any:
    user = getattr(getattr(request, "auth", None), "user", None)
    logger.info("api refused %s (%s) at %s", error.code, error.status, request.path)
    if error.status != 429:
        Refusal.objects.create(
            code=error.code[:60], status=error.status, user=user, path=request.path[:300], message=error.text.en
        )
    body = {"code": error.code, "message": message_for(error, get_language() or "ko"), "fields": fields or {}}
    response = api.create_response(request, body, status=error.status)
    if isinstance(error, RateLimited):
        response["Retry-After"] = str(error.retry_after)
    return response


def _field_path(loc: list[Any] | tuple[Any, ...]) -> str:
    """`body.<field>` / `query.<name>`: ninja puts the body parameter's own name second; callers never see it."""
    parts = [str(part) for part in loc]
    if len(parts) >= 3 and parts[0] == "body":
        del parts[1]
    return ".".join(parts) or "body"


def _validation(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    fields = {_field_path(e.get("loc", ())): str(e.get("msg", "")) for e in exc.errors}
    error = ApiError(
        "invalid-input",
        "입력값이 올바르지 않습니다. fields 항목을 확인하세요.",
        "The input is invalid; see `fields`.",
        status=422,
    )
    return _envelope(api, request, error, fields)


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    if isinstance(exc, AuthenticationError):
        error = ApiError(
            "auth-required",
            "API 토큰이 필요합니다. Authorization: Bearer <토큰> 헤더를 보내세요.",
            "An API token is required: send `Authorization: Bearer <token>`.",
            status=401,
        )
    elif exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        error = ApiError(
            "malformed-body", "요청 본문이 올바른 JSON이 아닙니다.", "The request body is not valid JSON.", status=400
        )
    else:
        error = ApiError("http-error", str(exc), str(exc), status=exc.status_code)
    return _envelope(api, request, error)


def _site_error(request: HttpRequest, exc: SiteError, api: NinjaAPI) -> HttpResponse:
    return _envelope(api, request, exc, getattr(exc, "fields", None))


def _not_found(request: HttpRequest, exc: Http404, api: NinjaAPI) -> HttpResponse:
    return _envelope(api, request, not_found())


def _unexpected(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    """A defect, not the caller's fault: logged with its traceback, answered 500 in the envelope (no traceback)."""
    logger.exception("api error at %s", request.path, exc_info=exc)
    body = {
        "code": "server-error",
        "message": "서버 오류가 발생했습니다. 잠시 후 다시 시도하고, 계속되면 운영기관에 알려 주세요.",
        "fields": {},
    }
    if (get_language() or "ko").startswith("en"):
        body["message"] = "A server error occurred; try again later and tell the operator if it persists."
    return api.create_response(request, body, status=500)


def install_error_handlers(api: NinjaAPI) -> None:
    """Render every refusal in the envelope; an unexpected exception is logged and answered 500 `server-error`."""
    api.add_exception_handler(Exception, lambda r, e: _unexpected(r, e, api))
    api.add_exception_handler(ValidationError, lambda r, e: _validation(r, e, api))
    api.add_exception_handler(HttpError, lambda r, e: _http_error(r, e, api))
    api.add_exception_handler(SiteError, lambda r, e: _site_error(r, e, api))
    api.add_exception_handler(Http404, lambda r, e: _not_found(r, e, api))
