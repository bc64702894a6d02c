"""Who may hold and revoke access tokens — small predicates that say why not (None means allowed)."""

from __future__ import annotations

from mfgdata.web.accounts.models import User
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.api.models import AccessToken
from mfgdata.web.core.errors import Refused


def why_not_create_token(*, user: User) -> Refused | None:
    """A token acts for the user within their organisation, so the user must belong to one."""
    if not user.is_authenticated or not user.is_active:
        return Refused("login-required", "로그인이 필요합니다.", "Please sign in.")
    if organisation_of(user=user) is None:
        return Refused(
            "no-organisation",
            "API 토큰을 만들려면 먼저 사업자 정보를 등록하세요.",
            "Register your business before creating an API token.",
        )
    return None


def why_not_revoke_token(*, user: User, token: AccessToken) -> Refused | None:
    """Only the owner revokes a token (an organisation admin cannot revoke a colleague's token silently)."""
    if token.user_id != user.pk:
        return Refused("not-token-owner", "본인의 토큰만 폐기할 수 있습니다.", "You can revoke only your own tokens.")
    return None
