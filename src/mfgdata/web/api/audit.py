"""Every write through the API leaves an audit event on the token that made it (method, path and outcome).

The services record their own domain events (an order placed, a listing submitted); this adds which token
made the call, also for refused writes, so an organisation can trace what a script did.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase

from mfgdata.web.api.auth import caller_token
from mfgdata.web.core.statemachine import record_event

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def audit_writes(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A ninja view decorator: after an unsafe request made with a token, record `api-write` on that token."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = run(request, *args, **kwargs)
        token = caller_token(request)
        if request.method not in SAFE_METHODS and token is not None:
            record_event(
                target=token,
                action="api-write",
                actor=token.user,
                comment=f"{request.method} {request.path} → {response.status_code}",
            )
        return response

    return wrapper
