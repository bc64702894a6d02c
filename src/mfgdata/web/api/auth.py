"""Who is calling: a personal access token (`Authorization: Bearer mfg_…`) or, on public catalog reads, nobody.

`TokenAuth` finds the token by its public prefix, compares the hash in constant time, refuses expired and
revoked tokens with their own codes, counts the request against the token's rate limit and notes when the
token was last used. `PUBLIC` lets anonymous callers through (rate-limited per address) — but a request that
sends a bad token is refused, never silently treated as anonymous. Endpoints call `require_scope(request, …)`.
"""

from __future__ import annotations

import hmac
from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from mfgdata.web.api.errors import ApiError
from mfgdata.web.api.models import AccessToken, TokenScope
from mfgdata.web.api.ratelimit import limit_anonymous, limit_token
from mfgdata.web.api.selectors import token_by_prefix
from mfgdata.web.api.services import hash_secret, split_secret

LAST_USED_RESOLUTION = timedelta(minutes=1)


class Anonymous:
    """The caller of a public endpoint without a token."""

    user = None
    organisation = None
    scopes: tuple[str, ...] = ()

    def __bool__(self) -> bool:  # ninja treats a falsy result as "not authenticated"
        return True


ANONYMOUS = Anonymous()


def _token_error(code: str, ko: str, en: str) -> ApiError:
    return ApiError(code, ko, en, status=401)


def _check(token: AccessToken | None, secret: str) -> AccessToken:
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
        raise _token_error(
            "token-invalid", "API 토큰이 올바르지 않습니다.", "The API token is not valid; check it was copied whole."
        )
    if token.revoked_at is not None:
        raise _token_error(
            "token-revoked", "폐기된 토큰입니다. 새 토큰을 만드세요.", "This token was revoked; create a new one."
        )
    if token.expires_at <= timezone.now():
        raise _token_error(
            "token-expired",
            "유효기간이 지난 토큰입니다. 새 토큰을 만드세요.",
            "This token has expired; create a new one.",
        )
    membership = getattr(token.user, "membership", None)
    if not token.user.is_active or membership is None or membership.organisation_id != token.organisation_id:
        raise _token_error(
            "token-invalid",
            "토큰의 사용자 또는 소속 기관이 바뀌어 더 이상 쓸 수 없습니다.",
            "The token's user or organisation has changed; create a new token.",
        )
    return token


class TokenAuth(HttpBearer):
    """Bearer personal access tokens."""

    def __call__(self, request: HttpRequest) -> AccessToken | None:
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise _token_error(
                "token-invalid",
                "Authorization 헤더는 'Bearer <토큰>' 형식이어야 합니다.",
                "The Authorization header must be 'Bearer <token>'.",
            )
        return self.authenticate(request, value.strip())

    def authenticate(self, request: HttpRequest, token: str) -> AccessToken:
        prefix = split_secret(token)
        found = _check(token_by_prefix(prefix=prefix) if prefix else None, token)
        limit_token(found.pk)
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
            AccessToken.objects.filter(pk=found.pk).update(last_used_at=now)
            found.last_used_at = now
        return found


def anonymous(request: HttpRequest) -> Anonymous | None:
    """Let a caller without an Authorization header through (after `TokenAuth` found none)."""
    if request.headers.get("Authorization"):
        return None
    limit_anonymous(request.META.get("REMOTE_ADDR", "unknown"))
    return ANONYMOUS


TOKEN = [TokenAuth()]
PUBLIC = [TokenAuth(), anonymous]


def caller_token(request: HttpRequest) -> AccessToken | None:
    """The token of the request, or None for an anonymous caller."""
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, AccessToken) else None


def require_scope(request: HttpRequest, scope: TokenScope | str) -> AccessToken:
    """The request's token when it holds `scope`; 401 without a token, 403 `scope-missing` without the scope."""
    token = caller_token(request)
    if token is None:
        raise ApiError(
            "auth-required",
            "API 토큰이 필요합니다. Authorization: Bearer <토큰> 헤더를 보내세요.",
            "An API token is required: send `Authorization: Bearer <token>`.",
            status=401,
        )
    if str(scope) not in token.scopes:
        label = TokenScope(scope).label
        raise ApiError(
            "scope-missing",
            f"이 토큰에는 '{label}' 권한이 없습니다. 해당 권한이 있는 토큰을 만드세요.",
            f"This token lacks the '{scope}' scope; create a token that has it.",
            status=403,
        )
    return token
