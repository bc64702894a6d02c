"""Writes about access tokens: creation (the secret is returned once and only its hash is kept) and revocation."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mfgdata.web.accounts.models import User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.api.models import AccessToken, TokenScope
from mfgdata.web.api.permissions import why_not_create_token, why_not_revoke_token
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import record_event

TOKEN_PREFIX = "mfg"
MAX_LIFETIME_DAYS = 365


@dataclass(frozen=True)
class IssuedToken:
    """A new token and its secret text, which exists only here: the caller shows it once."""

    token: AccessToken
    secret: str


def hash_secret(secret: str) -> str:
    """SHA-256 of the whole token text (the text is random and long, so no salt or slow hash is needed)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def split_secret(secret: str) -> str | None:
    """The public prefix of a token text `mfg_<prefix>_<random>`, or None when it does not look like one."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or len(parts[1]) != 8 or not parts[2]:
        return None
    return parts[1]


def _validate(name: str, scopes: list[str], lifetime_days: int) -> tuple[str, list[str]]:
    clean = name.strip()
    if not clean or len(clean) > 100:
        raise SiteError(
            "token-name-invalid",
            "토큰 이름을 1~100자로 입력하세요 (예: 생산분석 파이프라인).",
            "Give the token a name of 1 to 100 characters.",
        )
    unknown = sorted(set(scopes) - set(TokenScope.values))
    if not scopes or unknown:
        raise SiteError(
            "token-scopes-invalid",
            "권한을 하나 이상 고르세요 (상품 조회, 판매, 구매, 다운로드).",
            f"Choose at least one scope ({', '.join(TokenScope.values)}); unknown: {', '.join(unknown) or 'none'}.",
        )
    if not 1 <= lifetime_days <= MAX_LIFETIME_DAYS:
        raise SiteError(
            "token-lifetime-invalid",
            f"유효기간은 1~{MAX_LIFETIME_DAYS}일이어야 합니다.",
            f"The lifetime must be 1 to {MAX_LIFETIME_DAYS} days.",
        )
    return clean, [s for s in TokenScope.values if s in scopes]


@transaction.atomic
def access_token_create(*, user: User, name: str, scopes: list[str], lifetime_days: int = 90) -> IssuedToken:
    """Issue a token for the user in their organisation; the returned secret is never stored."""
    require(why_not_create_token(user=user))
    clean_name, clean_scopes = _validate(name, scopes, lifetime_days)
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = AccessToken.objects.create(
        user=user,
        organisation=organisation_of(user=user),
        name=clean_name,
        scopes=clean_scopes,
        prefix=prefix,
        secret_hash=hash_secret(secret),
        expires_at=timezone.now() + timedelta(days=lifetime_days),
    )
    record_event(target=token, action="token-create", actor=user, to_state="active", comment=",".join(clean_scopes))
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def access_token_revoke(*, user: User, token: AccessToken) -> AccessToken:
    """Revoke a token at once; requests with it are refused from now on."""
    require(why_not_revoke_token(user=user, token=token))
    locked = AccessToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        record_event(target=locked, action="token-revoke", actor=user, from_state="active", to_state="revoked")
    return locked
