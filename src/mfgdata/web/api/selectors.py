"""Reads about access tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.api.models import AccessToken
from mfgdata.web.orders.models import Entitlement


def tokens_of(*, user: User) -> QuerySet[AccessToken]:
    """The user's tokens, newest first (active, expired and revoked alike)."""
    return AccessToken.objects.filter(user=user)


def token_by_prefix(*, prefix: str) -> AccessToken | None:
    """The token with that public prefix, with its user and organisation loaded for the request."""
    return AccessToken.objects.select_related("user", "organisation", "user__membership").filter(prefix=prefix).first()


def entitlements_of(*, organisation: Organisation) -> QuerySet[Entitlement]:
    """The organisation's entitlements, newest first, with their product and order."""
    return (
        Entitlement.objects.filter(organisation=organisation).select_related("listing", "order").order_by("-valid_from")
    )
