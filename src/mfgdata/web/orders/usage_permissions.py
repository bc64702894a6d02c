"""Who may offer a listing's model per call, and who may call it — predicates that return the refusal."""

from __future__ import annotations

from django.utils import timezone

from mfgdata.web.accounts.models import User
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.core.errors import Refused
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import Entitlement


def why_not_offer_model_plan(*, user: User, listing: Listing) -> Refused | None:
    """The seller (or the processor that registered the listing) sets the per-call price."""
    organisation = organisation_of(user=user)
    if organisation is None or organisation.pk not in (listing.seller_id, listing.registered_by_org_id):
        return Refused(
            "not-your-listing",
            "자신의 기관이 판매하거나 등록한 상품만 요금제를 정할 수 있습니다.",
            "Only the organisation that sells or registered this product sets its plans.",
        )
    return None


def why_not_call_model(*, user: User, entitlement: Entitlement | None) -> Refused | None:
    """A member of the organisation holding a valid per-call entitlement of this product."""
    organisation = organisation_of(user=user)
    if entitlement is None or organisation is None or organisation.pk != entitlement.organisation_id:
        return Refused(
            "not-entitled",
            "이 모델 API를 쓸 권한이 없습니다. 상품 페이지에서 모델 API 이용을 신청하세요.",
            "You are not entitled to this model API; apply for it on the product page.",
        )
    if entitlement.revoked_at is not None:
        return Refused("entitlement-revoked", "이용이 해지된 모델 API입니다.", "This model API plan was revoked.")
    if entitlement.valid_until is not None and entitlement.valid_until < timezone.now():
        return Refused("entitlement-expired", "모델 API 이용 기간이 끝났습니다.", "The model API plan has ended.")
    return None
