"""Who may buy, see, refund and download — predicates that return the refusal (None means allowed)."""

from __future__ import annotations

from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.selectors import is_marketplace_operator, organisation_of
from mfgdata.web.core.errors import Refused
from mfgdata.web.listings.models import Listing, Status
from mfgdata.web.orders.models import Order


def why_not_buy(*, user: User, listing: Listing) -> Refused | None:
    """A verified organisation buys a listed, sellable product that is not its own."""
    buyer = organisation_of(user=user)
    if buyer is None:
        return Refused("no-organisation", "먼저 사업자 정보를 등록하세요.", "Register your business first.")
    if not buyer.is_verified:
        return Refused(
            "organisation-not-verified",
            "운영기관의 기관 확인 후 구매할 수 있습니다 (세금계산서 발행에 필요).",
            "Your organisation must be verified before it can buy (tax invoices need it).",
        )
    if listing.status != Status.LISTED or listing.not_for_sale:
        return Refused("not-for-sale", "판매 중인 상품이 아닙니다.", "This product is not for sale.")
    if buyer.pk in (listing.seller_id, listing.registered_by_org_id):
        return Refused(
            "own-product",
            "자신의 기관이 판매하거나 등록한 상품은 구매할 수 없습니다.",
            "You cannot buy a product your own organisation sells or registered.",
        )
    return None


def _is_buyer(user: User, order: Order) -> bool:
    organisation = organisation_of(user=user)
    return organisation is not None and organisation.pk == order.buyer_id


def _is_seller(organisation: Organisation | None, order: Order) -> bool:
    return organisation is not None and organisation.pk in (order.listing.seller_id, order.listing.registered_by_org_id)


def why_not_view_order(*, user: User, order: Order) -> Refused | None:
    if _is_buyer(user, order) or _is_seller(organisation_of(user=user), order) or is_marketplace_operator(user=user):
        return None
    return Refused("not-your-order", "다른 기관의 주문입니다.", "This order belongs to another organisation.")


def why_not_pay(*, user: User, order: Order) -> Refused | None:
    if not _is_buyer(user, order):
        return Refused("not-your-order", "다른 기관의 주문입니다.", "This order belongs to another organisation.")
    return None


def why_not_request_refund(*, user: User, order: Order) -> Refused | None:
    return why_not_pay(user=user, order=order)


def why_not_confirm_defect(*, user: User, order: Order) -> Refused | None:
    """Only a marketplace operator outside both parties confirms a defect."""
    if not is_marketplace_operator(user=user):
        return Refused(
            "not-marketplace-operator",
            "상품 결함은 거래소 운영기관만 확인할 수 있습니다.",
            "Only a marketplace operator can confirm a defect.",
        )
    own = organisation_of(user=user)
    if (own is not None and own.pk == order.buyer_id) or _is_seller(own, order):
        return Refused(
            "own-organisation-order",
            "자신이 속한 기관의 거래는 판단할 수 없습니다.",
            "You cannot decide on your own organisation's order.",
        )
    return None


def why_not_settle(*, user: User) -> Refused | None:
    if not is_marketplace_operator(user=user):
        return Refused(
            "not-marketplace-operator",
            "정산은 거래소 운영기관만 할 수 있습니다.",
            "Only a marketplace operator settles.",
        )
    return None


def why_not_download(*, user: User, entitlement: object) -> Refused | None:
    """Only members of the entitled organisation, while the entitlement is valid and not revoked."""
    from django.utils import timezone

    organisation = organisation_of(user=user)
    if organisation is None or organisation.pk != entitlement.organisation_id:  # type: ignore[attr-defined]
        return Refused(
            "not-entitled",
            "이 상품을 내려받을 권한이 없습니다 (다른 기관이 구매한 상품입니다).",
            "You are not entitled to download this product (another organisation bought it).",
        )
    if entitlement.order.plan_kind == "api":  # type: ignore[attr-defined]
        return Refused(
            "per-call-plan-no-download",
            "모델 API 호출당 요금제로는 데이터를 내려받을 수 없습니다. 데이터는 1회 구매나 구독으로 사세요.",
            "A per-call model plan does not include the data; buy it one-off or by subscription to download.",
        )
    if entitlement.revoked_at is not None:  # type: ignore[attr-defined]
        return Refused("entitlement-revoked", "환불된 주문이라 내려받을 수 없습니다.", "The order was refunded.")
    until = entitlement.valid_until  # type: ignore[attr-defined]
    if until is not None and until < timezone.now():
        return Refused(
            "entitlement-expired", "이용 기간이 끝났습니다. 구독을 갱신하세요.", "The subscription has ended."
        )
    return None
