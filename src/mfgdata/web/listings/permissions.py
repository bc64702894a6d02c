"""Who may do what with a listing — predicates returning the refusal (None means allowed)."""

from __future__ import annotations

from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import why_not_sell
from mfgdata.web.accounts.selectors import is_marketplace_operator, organisation_of
from mfgdata.web.core.errors import Refused
from mfgdata.web.listings.models import Listing
from mfgdata.web.listings.states import EDITABLE, OPERATOR_ACTIONS, SELLER_ACTIONS
from mfgdata.web.training.selectors import training_status


def _is_party(user: User, listing: Listing) -> bool:
    organisation = organisation_of(user=user)
    return organisation is not None and organisation.pk in (listing.seller_id, listing.registered_by_org_id)


def _not_yours() -> Refused:
    return Refused(
        "not-your-listing", "다른 기관의 상품은 다룰 수 없습니다.", "You cannot act on another organisation's listing."
    )


def why_not_create_listing(*, user: User, seller: Organisation) -> Refused | None:
    """A verified organisation with current training registers its own product, or a processor on a
    verified manufacturer's behalf."""
    own = organisation_of(user=user)
    refusal = why_not_sell(organisation=own)
    if refusal:
        return refusal
    if not training_status(organisation=own).is_current:
        return Refused(
            "training-not-current",
            "현재 버전의 기본교육을 이수해야 상품을 등록할 수 있습니다.",
            "Complete the current basic training before registering a product.",
        )
    if seller != own:
        if not (own and own.is_processor):
            return Refused(
                "not-processor",
                "다른 기업을 대신해 등록하려면 가공기업이어야 합니다.",
                "Only a processor can register on another company's behalf.",
            )
        if not seller.is_verified or not seller.is_manufacturer:
            return Refused(
                "seller-not-verified-manufacturer",
                "판매 기업이 확인된 제조기업이어야 합니다.",
                "The seller must be a verified manufacturer.",
            )
    return None


def why_not_edit_listing(*, user: User, listing: Listing) -> Refused | None:
    if not _is_party(user, listing):
        return _not_yours()
    if listing.status not in EDITABLE:
        return Refused(
            "listing-not-editable",
            "작성 중이거나 보완 요청된 상품만 고칠 수 있습니다.",
            "Only a draft or a listing with requested changes can be edited.",
        )
    return None


def why_not_view_listing(*, user: User, listing: Listing) -> Refused | None:
    if _is_party(user, listing) or is_marketplace_operator(user=user):
        return None
    return _not_yours()


def why_not_act(*, user: User, listing: Listing, action: str) -> Refused | None:
    """Sellers submit, resubmit and delist their own; marketplace operators review others' listings."""
    if action in SELLER_ACTIONS and _is_party(user, listing):
        return None
    if action in OPERATOR_ACTIONS and is_marketplace_operator(user=user):
        if _is_party(user, listing):
            return Refused(
                "own-organisation-listing",
                "자신이 속한 기관의 상품은 검토하거나 승인할 수 없습니다.",
                "You cannot review or approve your own organisation's product.",
            )
        return None
    if action in OPERATOR_ACTIONS:
        return Refused(
            "not-marketplace-operator",
            "거래소 운영기관만 할 수 있는 작업입니다.",
            "Only a marketplace operator can do this.",
        )
    return _not_yours()
