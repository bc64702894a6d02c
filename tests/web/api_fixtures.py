"""Helpers for the open API tests (also usable by other API routers' tests): tokens and an authorised client."""

from __future__ import annotations

from typing import Any

from django.test import Client

from mfgdata.web.accounts.models import User
from mfgdata.web.api.services import access_token_create

ALL_SCOPES = ["read_catalog", "sell", "buy", "download"]


def token_for(user: User, scopes: list[str] | None = None, **kwargs: Any) -> str:
    """A new token's secret text for `user` (all scopes unless given)."""
    return access_token_create(user=user, name="test", scopes=scopes or ALL_SCOPES, **kwargs).secret


def api_client(secret: str | None = None) -> Client:
    """A test client that sends the token on every request (anonymous without one)."""
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return Client(headers=headers)
