"""Writes about orders: checkout, cancel, refund and the operator's defect decision.

Each service: authorize → validate → lock → change → record an event → side effects after commit.
"""

from __future__ import annotations

import hashlib
import re
import zipfile

from django.db import transaction

from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import record_event, transition
from mfgdata.web.listings.models import Listing
from mfgdata.web.listings.package_reader import PackageError, read_member
from mfgdata.web.listings.upload_services import upload_file_path
from mfgdata.web.orders.amounts import amount_for_supply, plan_of
from mfgdata.web.orders.models import Order, PaymentMethod, PlanKind, Status, TermsAcceptance
from mfgdata.web.orders.permissions import why_not_buy, why_not_confirm_defect, why_not_request_refund
from mfgdata.web.orders.refunds import refund_apply
from mfgdata.web.orders.states import OPEN, TRANSITIONS

IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def terms_of(listing: Listing) -> tuple[str, str]:
    """The product's TERMS.md text and its sha256 (the version a buyer accepts)."""
    upload = listing.current_package
    data = b""
    if upload is not None:
        try:
            data = read_member(upload_file_path(upload), "TERMS.md")
        except (KeyError, OSError, PackageError, zipfile.BadZipFile):
            data = b""  # a package without TERMS.md has empty terms (their hash is still what is accepted)
    return data.decode("utf-8", "replace"), hashlib.sha256(data).hexdigest()


def _validate_checkout(
    *, listing: Listing, plan_id: str, method: str, accepted_terms_sha256: str, claimed_total_krw: int | None, key: str
) -> tuple[dict, int]:
    plan = plan_of(listing.price_plans, plan_id)
    if plan.get("kind") == PlanKind.API:
        raise SiteError(
            "per-call-plan",
            "모델 API는 호출당 요금제입니다. 상품 페이지의 'AI 모델'에서 이용 신청하면 매월 사용량만큼 청구됩니다.",
            "The model API is billed per call: apply in the product page's 'AI model' section; billed monthly.",
        )
    if method not in PaymentMethod.values:
        raise SiteError(
            "unknown-method", "카드결제 또는 실시간 계좌이체를 고르세요.", "Choose card or real-time transfer."
        )
    if not IDEMPOTENCY_KEY.match(key):
        raise SiteError("bad-idempotency-key", "주문 화면을 새로 열어 주세요.", "Reload the checkout page.")
    if accepted_terms_sha256 != terms_of(listing)[1]:
        raise SiteError(
            "terms-not-accepted",
            "이용약관(현재 버전)에 동의해야 구매할 수 있습니다. 약관을 확인하고 동의해 주세요.",
            "Accept the product's current terms to buy it.",
        )
    amount = amount_for_supply(int(plan["price_krw"]))
    if claimed_total_krw is not None and claimed_total_krw != amount.total_krw:
        raise SiteError(
            "amount-mismatch",
            f"결제 금액이 맞지 않습니다. 결제할 금액은 {amount.total_krw:,}원(부가세 포함)입니다. 다시 시도하세요.",
            f"The amount does not match; the server's total is {amount.total_krw:,} KRW (VAT included).",
        )
    return plan, amount.supply_krw


def _existing(buyer: Organisation, listing: Listing, plan_id: str, key: str) -> Order | None:
    same_key = Order.objects.filter(buyer=buyer, idempotency_key=key).first()
    if same_key is not None:
        if same_key.listing_id != listing.pk or same_key.plan_id != plan_id:
            raise SiteError("idempotency-key-reused", "주문 화면을 새로 열어 주세요.", "Reload the checkout page.")
        return same_key
    open_orders = Order.objects.filter(
        buyer=buyer, listing=listing, product_version=listing.version, plan_id=plan_id, status__in=OPEN
    )
    bought = open_orders.filter(status__in=[Status.PAID, Status.FULFILLED]).first()
    if bought is not None:
        raise SiteError(
            "already-bought",
            "이미 구매한 상품입니다. 주문 내역에서 내려받으세요.",
            "Your organisation already bought this; download it from your orders.",
        )
    return open_orders.first()


@transaction.atomic
def order_checkout(
    *,
    user: User,
    listing: Listing,
    plan_id: str,
    method: str,
    accepted_terms_sha256: str,
    idempotency_key: str,
    claimed_total_krw: int | None = None,
    ip_address: str | None = None,
) -> Order:
    """Create the order (or return the one this checkout already made), with the terms acceptance recorded."""
    require(why_not_buy(user=user, listing=listing))
    plan, supply = _validate_checkout(
        listing=listing,
        plan_id=plan_id,
        method=method,
        accepted_terms_sha256=accepted_terms_sha256,
        claimed_total_krw=claimed_total_krw,
        key=idempotency_key,
    )
    buyer = Organisation.objects.select_for_update().get(pk=organisation_of(user=user).pk)  # type: ignore[union-attr]
    existing = _existing(buyer, listing, plan_id, idempotency_key)
    if existing is not None:
        return existing
    terms = TermsAcceptance.objects.create(
        organisation=buyer,
        user=user,
        listing=listing,
        product_version=listing.version,
        terms_sha256=accepted_terms_sha256,
        ip_address=ip_address,
    )
    amount = amount_for_supply(supply)
    order = Order.objects.create(
        buyer=buyer,
        placed_by=user,
        listing=listing,
        product_version=listing.version,
        plan_id=plan_id,
        plan_kind=plan.get("kind") or "one_off",
        plan=plan,
        supply_krw=amount.supply_krw,
        vat_krw=amount.vat_krw,
        total_krw=amount.total_krw,
        method=method,
        terms=terms,
        idempotency_key=idempotency_key,
    )
    record_event(target=order, action="create", actor=user, to_state=Status.CREATED, comment=f"terms {terms.pk}")
    return order


@transaction.atomic
def order_cancel(*, user: User, order: Order) -> Order:
    """The buyer cancels an order that is not paid."""
    require(why_not_request_refund(user=user, order=order))
    return transition(instance=order, action="cancel", table=TRANSITIONS, actor=user)


@transaction.atomic
def order_refund(*, user: User, order: Order, reason: str = "") -> Order:
    """The buyer asks for a refund; the refund policy (`states.REFUND_POLICY`) decides."""
    require(why_not_request_refund(user=user, order=order))
    locked = Order.objects.select_for_update().get(pk=order.pk)
    return refund_apply(order=locked, actor=user, reason=reason or "구매자 환불 요청")


@transaction.atomic
def order_confirm_defect(*, operator: User, order: Order, comment: str, refund_supply_krw: int | None = None) -> Order:
    """The operator confirms a defect of the delivered product and refunds the order: in full, or — when the
    defect spoils only part of it — `refund_supply_krw` of its supply value (plus that part's VAT)."""
    require(why_not_confirm_defect(user=operator, order=order))
    if not comment.strip():
        raise SiteError("comment-required", "결함 내용을 적어 주세요.", "Describe the defect.")
    locked = Order.objects.select_for_update().get(pk=order.pk)
    locked.defect_confirmed_by = operator
    locked.save(update_fields=["defect_confirmed_by"])
    record_event(target=locked, action="confirm_defect", actor=operator, comment=comment)
    return refund_apply(order=locked, actor=operator, reason=f"결함 확인: {comment}", supply_krw=refund_supply_krw)
