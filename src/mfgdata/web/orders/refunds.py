"""Refunds — of the whole order or part of it — and what follows them (entitlement, trade record, 수정세금계산서).

Called by `orders.services` inside its transaction, with the order row locked. A partial refund is given in
공급가액 (supply value, 부가세 별도); its 부가세 is ⌊supply × 10 / 100⌋, except that the refund which brings the order
to zero takes exactly the VAT still unrefunded — so the refunds of an order always add up to its own supply value,
VAT and total, to the won, whatever the rounding of the parts.
"""

from __future__ import annotations

from django.db.models import Sum
from django.utils import timezone

from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import record_event, transition
from mfgdata.web.orders.amendments import amended_invoice_issue
from mfgdata.web.orders.amounts import VAT_PERCENT, Amount
from mfgdata.web.orders.models import Order, Refund, TradeKind, TradeRecord
from mfgdata.web.orders.states import TRANSITIONS, RefundRule, refund_rule_for


def refunded_so_far(order: Order) -> Amount:
    """What has been refunded of this order until now."""
    sums = order.refunds.aggregate(supply=Sum("supply_krw"), vat=Sum("vat_krw"), total=Sum("total_krw"))
    return Amount(supply_krw=sums["supply"] or 0, vat_krw=sums["vat"] or 0, total_krw=sums["total"] or 0)


def refund_amount(*, order: Order, supply_krw: int | None) -> Amount:
    """The amount of the next refund: the rest of the order (None), or `supply_krw` of it plus its VAT."""
    done = refunded_so_far(order)
    left_supply, left_vat = order.supply_krw - done.supply_krw, order.vat_krw - done.vat_krw
    if supply_krw is None or supply_krw == left_supply:
        return Amount(supply_krw=left_supply, vat_krw=left_vat, total_krw=left_supply + left_vat)
    if not 0 < supply_krw < left_supply:
        raise SiteError(
            "bad-refund-amount",
            f"환불할 공급가액은 1원부터 아직 환불되지 않은 {left_supply:,}원까지입니다.",
            f"The supply value to refund must be between 1 and the {left_supply:,} KRW not yet refunded.",
        )
    vat = min(supply_krw * VAT_PERCENT // 100, left_vat)
    return Amount(supply_krw=supply_krw, vat_krw=vat, total_krw=supply_krw + vat)


def _rule(order: Order, supply_krw: int | None) -> RefundRule:
    entitlement = getattr(order, "entitlement", None)
    downloaded = bool(entitlement and entitlement.first_download_at)
    rule = refund_rule_for(downloaded=downloaded, defect_confirmed=order.defect_confirmed_by_id is not None)
    if rule is None:
        raise SiteError(
            "refund-after-download",
            "다운로드한 상품은 거래소 운영기관이 결함을 확인한 경우에만 환불됩니다. 결함 신고를 해 주세요.",
            "A downloaded product is refunded only for a defect confirmed by the operator; report the defect.",
        )
    if supply_krw is not None and not rule.partial_allowed and supply_krw != order.supply_krw:
        raise SiteError(
            "partial-refund-not-allowed",
            "첫 다운로드 전 환불은 전액 환불만 됩니다.",
            "Before the first download only a full refund is given.",
        )
    return rule


def _trade_records(order: Order, when: object) -> None:
    """One refund record per party and order, holding the whole refunded supply value (negative)."""
    refunded = -refunded_so_far(order).supply_krw
    for organisation in (order.listing.seller, order.buyer):
        record, created = TradeRecord.objects.get_or_create(
            organisation=organisation,
            kind=TradeKind.REFUND,
            order=order,
            defaults={"listing": order.listing, "amount_krw": refunded, "occurred_at": when},
        )
        if not created:
            record.amount_krw = refunded
            record.occurred_at = when
            record.save(update_fields=["amount_krw", "occurred_at"])


def refund_apply(*, order: Order, actor: User, reason: str, supply_krw: int | None = None) -> Order:
    """Refund the locked order in full or in part, by the policy; a full refund ends the entitlement."""
    from mfgdata.web.payments.services import payment_refund

    rule = _rule(order, supply_krw)
    if hasattr(order, "settlement_line"):
        raise SiteError(
            "already-settled",
            "이미 정산된 주문입니다. 운영기관에 문의하세요.",
            "This order is settled; ask the operator.",
        )
    amount = refund_amount(order=order, supply_krw=supply_krw)
    if amount.total_krw <= 0:
        raise SiteError("nothing-to-refund", "이미 전액 환불된 주문입니다.", "The order is already fully refunded.")
    payment_refund(order=order, reason=reason, amount_krw=amount.total_krw)
    refund = Refund.objects.create(order=order, **amount.__dict__, rule=rule.id, reason=reason[:300], decided_by=actor)
    complete = refunded_so_far(order).total_krw == order.total_krw
    if complete:
        order = transition(instance=order, action="refund", table=TRANSITIONS, actor=actor, comment=rule.id)
        order.refunded_at = refund.created_at
        order.refund_rule = rule.id
        order.save(update_fields=["refunded_at", "refund_rule"])
        entitlement = getattr(order, "entitlement", None)
        if entitlement is not None:
            entitlement.revoked_at = refund.created_at
            entitlement.save(update_fields=["revoked_at"])
    else:
        record_event(target=order, action="partial_refund", actor=actor, comment=f"{rule.id}: {amount.total_krw}")
    _trade_records(order, refund.created_at or timezone.now())
    amended_invoice_issue(refund=refund)
    return order
