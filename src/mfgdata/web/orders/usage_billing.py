"""The monthly bill of the per-call model plans: one usage order with its 세금계산서 per entitlement and month.

`usage_bill_month(month=...)` bills every entitlement with unbilled calls in a finished month (Asia/Seoul) at the
price per call the buyer accepted: 공급가액 = calls × price, 부가세 10 % (원 미만 절사), 합계. The usage order waits
for the buyer's payment (transfer, like any order); its 세금계산서 is issued at once, one line per month of calls.
Running it again for the same month bills nothing twice (one `UsageBill` per entitlement and month).
`python -m mfgdata.web.manage bill_model_usage [--month YYYY-MM]` runs it (a monthly cron job).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Count, Sum

from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.services import notification_send
from mfgdata.web.core.statemachine import record_event
from mfgdata.web.orders.amounts import amount_for_supply
from mfgdata.web.orders.documents import document_issue
from mfgdata.web.orders.models import Entitlement, ModelCall, Order, PaymentMethod, PlanKind, Status, UsageBill
from mfgdata.web.orders.usage import month_of


def _check_month(month: date) -> date:
    first = month.replace(day=1)
    if first >= month_of():
        raise SiteError(
            "month-not-finished",
            f"{first:%Y-%m}은(는) 아직 끝나지 않은 달입니다. 지난달까지만 청구할 수 있습니다.",
            f"{first:%Y-%m} has not ended; only finished months can be billed.",
        )
    return first


def _usage_order(entitlement: Entitlement, month: date, calls: int, supply: int) -> Order:
    activation = entitlement.order
    amount = amount_for_supply(supply)
    plan = {**activation.plan, "usage": {"month": f"{month:%Y-%m}", "calls": calls}}
    return Order.objects.create(
        buyer=entitlement.organisation, placed_by=activation.placed_by, listing=entitlement.listing,
        product_version=entitlement.product_version, plan_id=entitlement.plan_id, plan_kind=PlanKind.API, plan=plan,
        supply_krw=amount.supply_krw, vat_krw=amount.vat_krw, total_krw=amount.total_krw,
        method=PaymentMethod.TRANSFER, terms=activation.terms,
        idempotency_key=f"usage-{entitlement.pk}-{month:%Y%m}",
    )  # fmt: skip


def _invoice(order: Order, month: date, calls: int, unit_price: int) -> None:
    """The 세금계산서 with one line: the month's calls × the price per call."""
    document = document_issue(order=order)
    content = document.content
    content["lines"] = [
        {
            "date": content["issue_date"],
            "item": f"{order.listing.title_ko} 모델 API 호출 ({month:%Y-%m})",
            "quantity": calls,
            "unit_price_krw": unit_price,
            "supply_krw": order.supply_krw,
            "vat_krw": order.vat_krw,
        }
    ]
    content["usage"] = {"month": f"{month:%Y-%m}", "calls": calls, "unit_price_krw": unit_price}
    document.content = content
    document.save(update_fields=["content"])


@transaction.atomic
def _bill_one(entitlement_id: int, month: date) -> UsageBill | None:
    entitlement = Entitlement.objects.select_for_update().select_related("order", "listing").get(pk=entitlement_id)
    if UsageBill.objects.filter(entitlement=entitlement, month=month).exists():
        return None
    calls = ModelCall.objects.filter(entitlement=entitlement, month=month, bill__isnull=True)
    totals = calls.aggregate(n=Count("id"), rows=Sum("rows"))
    if not totals["n"]:
        return None
    unit_price = int(entitlement.order.plan["price_krw"])
    order = _usage_order(entitlement, month, totals["n"], totals["n"] * unit_price)
    bill = UsageBill.objects.create(
        entitlement=entitlement, month=month, calls=totals["n"], rows=totals["rows"] or 0,
        unit_price_krw=unit_price, order=order,
    )  # fmt: skip
    calls.update(bill=bill)
    _invoice(order, month, totals["n"], unit_price)
    record_event(
        target=order, action="bill_usage", actor=None, to_state=Status.CREATED,
        comment=f"{month:%Y-%m}: {totals['n']} calls × {unit_price} KRW",
    )  # fmt: skip
    notification_send(
        user=order.placed_by,
        subject=f"모델 API 사용료 청구 ({month:%Y-%m}): {order.listing.title_ko}",
        body=f"{totals['n']:,}회 호출, 합계 {order.total_krw:,}원(부가세 포함). 주문에서 결제해 주세요.",
        link=f"/orders/{order.reference}/",
    )
    return bill


def usage_bill_month(*, month: date) -> list[UsageBill]:
    """Bill every entitlement's unbilled calls of a finished month; returns the bills made by this run."""
    first = _check_month(month)
    entitlement_ids = (
        ModelCall.objects.filter(month=first, bill__isnull=True)
        .values_list("entitlement_id", flat=True)
        .distinct()
        .order_by("entitlement_id")
    )
    bills = [_bill_one(entitlement_id, first) for entitlement_id in list(entitlement_ids)]
    return [bill for bill in bills if bill is not None]
