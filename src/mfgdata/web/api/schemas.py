"""Response and request shapes shared by several routers."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema


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
