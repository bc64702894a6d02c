"""Reads about people and organisations."""

from __future__ import annotations

from django.db.models import QuerySet

from mfgdata.web.accounts.models import Organisation, Role, RoleGrant, Scope, User, Verification


def organisation_of(*, user: User) -> Organisation | None:
    """The organisation the user belongs to, or None."""
    membership = getattr(user, "membership", None) if user.is_authenticated else None
    return membership.organisation if membership else None


def has_role(*, user: User, role: str, scope: str = Scope.MARKETPLACE, programme_id: str = "") -> bool:
    """Whether the user holds `role` in `scope` (a programme role only for that programme)."""
    if not user.is_authenticated:
        return False
    grants = RoleGrant.objects.filter(user=user, role=role, scope=scope)
    if scope == Scope.PROGRAMME:
        grants = grants.filter(programme_id=programme_id)
    return grants.exists()


def is_marketplace_operator(*, user: User) -> bool:
    return has_role(user=user, role=Role.MARKETPLACE_OPERATOR, scope=Scope.MARKETPLACE)


def organisations_awaiting_verification() -> QuerySet[Organisation]:
    return Organisation.objects.filter(verification=Verification.PENDING).order_by("created_at")
