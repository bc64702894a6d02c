"""What happens once a payment is captured: the order is paid and fulfilled (entitlement, document, trade records).

Kept apart from `orders.services` so that `payments.services` can call it without an import cycle.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mfgdata.web.core.services import notification_send
from mfgdata.web.core.statemachine import transition
from mfgdata.web.orders.documents import document_issue
from mfgdata.web.orders.models import Entitlement, Order, PlanKind, TradeKind, TradeRecord
from mfgdata.web.orders.states import TRANSITIONS

SUBSCRIPTION_DAYS = 365


def _entitlement_grant(order: Order) -> Entitlement:
    now = timezone.now()
    periodic = order.plan_kind in (PlanKind.SUBSCRIPTION, PlanKind.API)
    return Entitlement.objects.create(
        order=order,
        organisation=order.buyer,
        listing=order.listing,
        product_version=order.product_version,
        plan_id=order.plan_id,
        valid_from=now,
        valid_until=now + timedelta(days=SUBSCRIPTION_DAYS) if periodic else None,
        includes_new_versions=periodic,
    )


def _trade_records(order: Order) -> None:
    moment = order.paid_at or timezone.now()
    for organisation, kind in ((order.listing.seller, TradeKind.SALE), (order.buyer, TradeKind.PURCHASE)):
        TradeRecord.objects.get_or_create(
            organisation=organisation,
            kind=kind,
            order=order,
            defaults={"listing": order.listing, "amount_krw": order.supply_krw, "occurred_at": moment},
        )


@transaction.atomic
def order_pay(*, order: Order, actor: object | None) -> Order:
    """Mark the order paid and fulfil it in the same transaction: nothing is paid without being delivered."""
    paid = transition(instance=order, action="pay", table=TRANSITIONS, actor=actor)
    paid.paid_at = timezone.now()
    paid.save(update_fields=["paid_at"])
    if not hasattr(paid, "usage_bill"):  # a monthly usage bill pays for calls of an existing entitlement
        _entitlement_grant(paid)
    document_issue(order=paid)
    _trade_records(paid)
    fulfilled = transition(instance=paid, action="fulfil", table=TRANSITIONS, actor=actor)
    link = f"/orders/{fulfilled.reference}/"
    transaction.on_commit(
        lambda: notification_send(
            user=fulfilled.placed_by,
            subject=f"결제 완료: {fulfilled.listing.title_ko}",
            body="내려받을 수 있습니다.",
            link=link,
        )
    )
    return fulfilled
