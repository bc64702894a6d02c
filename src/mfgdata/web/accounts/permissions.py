"""Who may do what with organisations — small predicates that say why not (None means allowed)."""

from __future__ import annotations

from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.selectors import is_marketplace_operator, organisation_of
from mfgdata.web.core.errors import Refused


def why_not_verify_organisation(*, user: User, organisation: Organisation) -> Refused | None:
    """Only a marketplace operator verifies, and never their own organisation."""
    if not is_marketplace_operator(user=user):
        return Refused(
            "not-marketplace-operator",
            "거래소 운영기관만 기관을 확인할 수 있습니다.",
            "Only a marketplace operator can verify organisations.",
        )
    if organisation_of(user=user) == organisation:
        return Refused(
            "own-organisation", "자신이 속한 기관은 확인할 수 없습니다.", "You cannot verify your own organisation."
        )
    return None


def why_not_sell(*, organisation: Organisation | None) -> Refused | None:
    """An organisation sells only once a marketplace operator has verified it."""
    if organisation is None:
        return Refused("no-organisation", "먼저 사업자 정보를 등록하세요.", "Register your business first.")
    if not organisation.is_verified:
        return Refused(
            "organisation-not-verified",
            "운영기관의 기관 확인 후 상품을 등록할 수 있습니다.",
            "Your organisation must be verified by the operator before it can sell.",
        )
    return None


def require(refusal: Refused | None) -> None:
    """Raise the refusal, if any (services call this first: authorize before anything else)."""
    if refusal is not None:
        raise refusal
