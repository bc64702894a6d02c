"""Response and request shapes shared by several routers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import field_validator


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


class TextIn(Schema):
    """A request body whose text is stored: a NUL character (which PostgreSQL cannot store in text or JSON)
    is refused with a 422 that says so, instead of failing in the database."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_characters(cls, value: Any) -> Any:
        if _has_nul(value):
            raise ValueError("text must not contain NUL characters (\\u0000); remove them and send again")
        return value


class OrganisationOut(Schema):
    id: int
    name: str
    business_number: str
    verified: bool
    size_class: str
    is_manufacturer: bool
    is_processor: bool
    is_nonprofit: bool


class TokenOut(Schema):
    name: str
    prefix: str
    scopes: list[str]
    expires_at: datetime


class MeOut(Schema):
    """The caller: the token's user, their organisation and the token itself."""

    email: str
    name: str
    organisation: OrganisationOut
    token: TokenOut
