"""The model service as a per-call plan: the seller offers it, a buyer applies, each served call is metered.

A per-call plan is a price plan of kind `api` (price per call, integer 원, VAT apart). Applying costs nothing up
front: the order moves `created → fulfilled` (`activate_usage`) and the organisation gets an entitlement; the
calls of each month are billed afterwards (`usage_billing.py`) at the price the buyer accepted. A call is
metered only when it was served: refused requests (not entitled, bad input) leave no `ModelCall`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from mfgdata.ai_validity.serving import Prediction, predict_csv, predict_images, predict_rows
from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import record_event, transition
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.amounts import plan_of
from mfgdata.web.orders.model_service import listing_model, model_card_of, no_model
from mfgdata.web.orders.models import (
    Entitlement,
    ModelCall,
    Order,
    PaymentMethod,
    PlanKind,
    Status,
    TermsAcceptance,
)
from mfgdata.web.orders.permissions import why_not_buy
from mfgdata.web.orders.services import terms_of
from mfgdata.web.orders.states import TRANSITIONS
from mfgdata.web.orders.usage_permissions import why_not_call_model, why_not_offer_model_plan

MODEL_PLAN_ID = "model-api"
MAX_ROWS_PER_CALL = 1000
MAX_PRICE_PER_CALL_KRW = 1_000_000


def month_of(moment: Any = None) -> date:
    """The first day of the month (Asia/Seoul) of `moment` (now by default)."""
    return timezone.localtime(moment or timezone.now()).date().replace(day=1)


def model_plan_of(listing: Listing) -> dict[str, Any] | None:
    """The listing's per-call plan when it also publishes a model; otherwise no model plan is on offer."""
    if model_card_of(listing) is None:
        return None
    return next((plan for plan in listing.price_plans if plan.get("kind") == PlanKind.API), None)


def _check_price(price: object) -> int:
    if not isinstance(price, int) or isinstance(price, bool) or not 1 <= price <= MAX_PRICE_PER_CALL_KRW:
        raise SiteError(
            "bad-price-per-call",
            f"호출당 가격은 1원 이상 {MAX_PRICE_PER_CALL_KRW:,}원 이하의 정수(원, 부가세 별도)여야 합니다.",
            f"The price per call must be whole won from 1 to {MAX_PRICE_PER_CALL_KRW:,} (VAT excluded).",
        )
    return price


@transaction.atomic
def model_plan_offer(*, user: User, listing: Listing, price_per_call_krw: int | None) -> Listing:
    """The seller offers the model at a price per call, changes the price, or withdraws it (`None`).

    A new price applies to organisations that apply afterwards; those already using the API keep theirs.
    """
    require(why_not_offer_model_plan(user=user, listing=listing))
    if price_per_call_krw is not None:
        _check_price(price_per_call_krw)
        if model_card_of(listing) is None:
            raise no_model()
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    plans = [plan for plan in locked.price_plans if plan.get("kind") != PlanKind.API]
    if price_per_call_krw is not None:
        use = "commercial" if all(p.get("use", "commercial") == "commercial" for p in plans) else "non_commercial"
        plans.append(
            {"id": MODEL_PLAN_ID, "kind": PlanKind.API.value, "price_krw": price_per_call_krw, "period": None,
             "unit": "call", "use": use}
        )  # fmt: skip
    locked.price_plans = plans
    locked.save(update_fields=["price_plans", "updated_at"])
    comment = f"{price_per_call_krw} KRW per call" if price_per_call_krw is not None else "withdrawn"
    record_event(target=locked, action="offer_model_plan", actor=user, comment=comment)
    return locked


def model_entitlement_of(*, organisation: Organisation | None, listing: Listing) -> Entitlement | None:
    """The organisation's per-call entitlement of this product that is not revoked (the newest)."""
    if organisation is None:
        return None
    return (
        Entitlement.objects.filter(
            organisation=organisation, listing=listing, order__plan_kind=PlanKind.API, revoked_at__isnull=True
        )
        .select_related("order")
        .order_by("-id")
        .first()
    )


def _per_call_plan(listing: Listing, plan_id: str) -> dict[str, Any]:
    plan = plan_of(listing.price_plans, plan_id)
    if plan.get("kind") != PlanKind.API:
        raise SiteError(
            "not-a-per-call-plan", "호출당 요금제가 아닙니다.", "This is not a per-call plan; use checkout."
        )
    if model_card_of(listing) is None:
        raise no_model()
    return plan


@transaction.atomic
def usage_plan_activate(
    *, user: User, listing: Listing, plan_id: str, accepted_terms_sha256: str, ip_address: str | None = None
) -> Entitlement:
    """A buyer applies for the per-call model plan: terms accepted, nothing paid now, entitlement granted."""
    require(why_not_buy(user=user, listing=listing))
    plan = _per_call_plan(listing, plan_id)
    if accepted_terms_sha256 != terms_of(listing)[1]:
        raise SiteError(
            "terms-not-accepted",
            "이용약관(현재 버전)에 동의해야 신청할 수 있습니다.",
            "Accept the product's current terms to apply.",
        )
    buyer = Organisation.objects.select_for_update().get(pk=organisation_of(user=user).pk)  # type: ignore[union-attr]
    existing = model_entitlement_of(organisation=buyer, listing=listing)
    if existing is not None:
        return existing
    terms = TermsAcceptance.objects.create(
        organisation=buyer, user=user, listing=listing, product_version=listing.version,
        terms_sha256=accepted_terms_sha256, ip_address=ip_address,
    )  # fmt: skip
    order = Order.objects.create(
        buyer=buyer, placed_by=user, listing=listing, product_version=listing.version, plan_id=plan_id,
        plan_kind=PlanKind.API, plan=plan, supply_krw=0, vat_krw=0, total_krw=0, method=PaymentMethod.TRANSFER,
        terms=terms, idempotency_key=f"usage-{uuid.uuid4().hex}",
    )  # fmt: skip
    record_event(target=order, action="create", actor=user, to_state=Status.CREATED, comment=f"terms {terms.pk}")
    transition(instance=order, action="activate_usage", table=TRANSITIONS, actor=user, comment="per-call plan")
    return Entitlement.objects.create(
        order=order, organisation=buyer, listing=listing, product_version=listing.version, plan_id=plan_id,
        valid_from=timezone.now(), valid_until=None, includes_new_versions=True,
    )  # fmt: skip


def _too_many_rows(count: int) -> SiteError:
    return SiteError(
        "too-many-rows",
        f"한 번의 호출에는 {MAX_ROWS_PER_CALL:,}행까지 보낼 수 있습니다({count:,}행을 보냄). 나누어 보내세요.",
        f"A call takes at most {MAX_ROWS_PER_CALL:,} rows ({count:,} sent); split the request.",
    )


@transaction.atomic
def model_call_record(*, entitlement: Entitlement, user: User, rows: int) -> ModelCall:
    """Meter one served call. The month is read under the entitlement's row lock, which the monthly bill also
    takes: a call is either in a month's bill or recorded in the next month, never left out of both."""
    locked = Entitlement.objects.select_for_update().get(pk=entitlement.pk)
    return ModelCall.objects.create(entitlement=locked, user=user, rows=rows, month=month_of())


@transaction.atomic
def usage_plan_end(*, user: User, listing: Listing) -> Entitlement:
    """The buyer ends the per-call plan: no calls from now on; the calls made so far are still billed."""
    entitlement = model_entitlement_of(organisation=organisation_of(user=user), listing=listing)
    require(why_not_call_model(user=user, entitlement=entitlement))
    locked = Entitlement.objects.select_for_update().get(pk=entitlement.pk)  # type: ignore[union-attr]
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    record_event(target=locked.order, action="end_usage", actor=user, comment="per-call plan ended by the buyer")
    return locked


def usage_this_month(entitlement: Entitlement) -> dict[str, int]:
    """Calls of the current month not yet billed, and what they will cost (supply value, VAT excluded)."""
    calls = ModelCall.objects.filter(entitlement=entitlement, month=month_of()).count()
    return {"calls": calls, "supply_krw": calls * int(entitlement.order.plan["price_krw"])}


def model_predict(
    *,
    user: User,
    listing: Listing,
    rows: Sequence[Mapping[str, Any]] | None = None,
    csv_data: bytes | None = None,
    images: Sequence[bytes] | None = None,
) -> tuple[Prediction, ModelCall]:
    """Authorize → check and predict the input → meter the served call; a refused call is not metered.

    Raises `Refused` (not entitled), `SiteError` (no model, too many rows) or the library's
    `PredictionInputError` (a cell that does not fit the model's schema, naming its row and column).
    """
    entitlement = model_entitlement_of(organisation=organisation_of(user=user), listing=listing)
    require(why_not_call_model(user=user, entitlement=entitlement))
    model = listing_model(listing)
    if rows is not None:
        if len(rows) > MAX_ROWS_PER_CALL:
            raise _too_many_rows(len(rows))
        prediction = predict_rows(model, rows)
    elif images is not None:
        if len(images) > MAX_ROWS_PER_CALL:
            raise _too_many_rows(len(images))
        prediction = predict_images(model, images)
    else:
        prediction = predict_csv(model, csv_data or b"")
        if len(prediction.scores) > MAX_ROWS_PER_CALL:
            raise _too_many_rows(len(prediction.scores))
    call = model_call_record(entitlement=entitlement, user=user, rows=len(prediction.scores))  # type: ignore[arg-type]
    return prediction, call
