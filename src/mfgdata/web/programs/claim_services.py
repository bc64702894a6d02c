"""Purchase subsidy claims (지급요청): a buyer claims the government amount of its marketplace orders
under its agreement; the programme operator approves the claim or returns it with a reason.

`mfgdata.rules.claims` decides each line (bought in the agreement period, a listed product, the payment
method and its tax invoice, a non-profit buying only manufacturers' products, claimed in time) and prices it
against the cap the organisation has left; the site adds what only it knows: whose order it is, that it is
paid, that it has its tax invoice or receipt, and that no other claim holds it (a DB constraint too).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone

from mfgdata.rules.claims import ClaimLine as RuleLine
from mfgdata.rules.claims import LineResult, check_claim
from mfgdata.rules.programme import SEOUL
from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import record_event, transition
from mfgdata.web.orders.models import DocumentKind, Order, SalesDocument
from mfgdata.web.orders.models import Status as OrderStatus
from mfgdata.web.programs import money_permissions as permissions
from mfgdata.web.programs.models import Agreement, Claim, ClaimLine, ClaimStatus
from mfgdata.web.programs.money_states import CLAIM_TRANSITIONS, CLAIMABLE, USES_CAP
from mfgdata.web.programs.rule_inputs import applicant_kind, as_site_error, programme_of

PAID = (OrderStatus.PAID, OrderStatus.FULFILLED)
_METHODS = {"card": "card", "transfer": "realtime_transfer"}


def claimable_orders(*, agreement: Agreement) -> QuerySet[Order]:
    """The organisation's paid orders of the agreement period (Asia/Seoul days) with a tax invoice or
    receipt that no open claim holds yet — what the claim form offers."""
    return (
        Order.objects.filter(
            buyer=agreement.organisation,
            status__in=PAID,
            document__isnull=False,
            paid_at__date__range=(agreement.starts_on, agreement.ends_on),
        )
        .exclude(claim_lines__active=True)
        .select_related("listing", "document")
        .order_by("paid_at", "id")
    )


def cap_used(*, organisation: Organisation, programme_id: str, agreement: Agreement | None = None) -> int:
    """The government amount the organisation's open and approved claims take (in one agreement, if given)."""
    claims = Claim.objects.filter(
        organisation=organisation, agreement__call__programme_id=programme_id, status__in=USES_CAP
    )
    if agreement is not None:
        claims = claims.filter(agreement=agreement)
    return claims.aggregate(total=Sum("subsidy_krw"))["total"] or 0


def _check_orders(agreement: Agreement, orders: Sequence[Order]) -> list[SalesDocument]:
    """Whose, paid, documented and not yet claimed — the facts the rules cannot see."""
    if not orders:
        raise SiteError("claim-empty", "지급요청할 주문을 고르세요.", "Choose the orders to claim.")
    documents = []
    for order in orders:
        if order.buyer_id != agreement.organisation_id:
            raise SiteError(
                "order-of-another-organisation",
                f"주문 {order.reference}은(는) 다른 기관의 주문이라 지급요청할 수 없습니다.",
                f"Order {order.reference} belongs to another organisation and cannot be claimed.",
            )
        if order.status not in PAID:
            raise SiteError(
                "order-not-paid",
                f"주문 {order.reference}은(는) 결제가 끝난 주문이 아닙니다({order.get_status_display()}).",
                f"Order {order.reference} is not paid ({order.status}).",
            )
        if ClaimLine.objects.filter(order=order, active=True).exists():
            raise SiteError(
                "order-already-claimed",
                f"주문 {order.reference}은(는) 이미 지급요청되었습니다.",
                f"Order {order.reference} has already been claimed.",
            )
        document = SalesDocument.objects.filter(order=order).first()
        if document is None:
            raise SiteError(
                "order-without-document",
                f"주문 {order.reference}에 세금계산서나 매출전표가 없습니다.",
                f"Order {order.reference} has no tax invoice or card receipt.",
            )
        documents.append(document)
    return documents


def _rule_line(order: Order, document: SalesDocument) -> RuleLine:
    bought = order.paid_at or order.created_at
    listed = order.listing.listed_at
    return RuleLine(
        order_id=order.reference,
        price_krw=order.supply_krw,
        ordered_on=bought.astimezone(SEOUL).date(),
        payment_method=_METHODS.get(order.method, order.method),
        registered_by=order.listing.registered_as,  # type: ignore[arg-type]
        listed_on=listed.astimezone(SEOUL).date() if listed else None,
        has_tax_invoice=document.kind == DocumentKind.TAX_INVOICE,
    )


def _problems_text(results: Sequence[LineResult], english: bool = False) -> str:
    """ "주문 mfg-…: 문제, 문제; 주문 mfg-…: 문제" for the refused lines only."""
    parts = []
    for result in results:
        problems = result.problems_en if english else result.problems_ko
        if problems:
            parts.append(f"{result.order_id}: " + ", ".join(problems))
    return "; ".join(parts)


@as_site_error
def _priced(agreement: Agreement, lines: list[RuleLine], claimed_at: datetime) -> tuple[list[int], int, int]:
    """Each line's subsidy, the total and the cap left, by the definition (refused when any line fails)."""
    programme = programme_of(agreement.call.programme_id)
    if programme.claims is None:
        raise SiteError(
            "programme-without-claims",
            "이 사업은 지급요청을 받지 않습니다.",
            "This programme does not take subsidy claims.",
        )
    organisation = agreement.organisation
    used = cap_used(organisation=organisation, programme_id=programme.id)
    in_agreement = cap_used(organisation=organisation, programme_id=programme.id, agreement=agreement)
    check = check_claim(
        programme,
        lines,
        buyer=applicant_kind(organisation),  # type: ignore[arg-type]
        agreement=(agreement.starts_on, agreement.ends_on),
        claimed_on=claimed_at.astimezone(SEOUL).date(),
        already_used_krw=used,
        cap_krw=max(agreement.government_krw - in_agreement, 0) + used,
    )
    if not check.valid:
        raise SiteError(
            "claim-line-refused",
            "지급요청할 수 없는 주문이 있습니다 — " + _problems_text(check.lines) + ".",
            "Some orders cannot be claimed — " + _problems_text(check.lines, english=True) + ".",
        )
    return [r.subsidy_krw for r in check.lines], check.subsidy_krw, check.remaining_cap_krw


@transaction.atomic
def claim_submit(*, user: User, agreement: Agreement, orders: Sequence[Order], now: datetime | None = None) -> Claim:
    """A member of the organisation claims the government amount of `orders` under its agreement."""
    require(permissions.why_not_act_for(user=user, organisation=agreement.organisation))
    claimed_at = now or timezone.now()
    if len({o.pk for o in orders}) != len(orders):
        raise SiteError("claim-repeated-order", "같은 주문을 두 번 골랐습니다.", "The same order was chosen twice.")
    Organisation.objects.select_for_update().get(pk=agreement.organisation_id)
    locked = Agreement.objects.select_related("call", "organisation").get(pk=agreement.pk)
    if locked.status not in CLAIMABLE:
        raise SiteError(
            "agreement-not-running",
            f"협약이 '{locked.get_status_display()}' 상태라 지급요청할 수 없습니다. 체결된 협약에서 요청하세요.",
            f"The agreement is '{locked.status}'; claims are made under a signed agreement.",
        )
    documents = _check_orders(locked, orders)
    lines = [_rule_line(o, d) for o, d in zip(orders, documents, strict=True)]
    subsidies, total, remaining = _priced(locked, lines, claimed_at)
    claim = Claim.objects.create(
        agreement=locked,
        organisation=locked.organisation,
        subsidy_krw=total,
        price_krw=sum(o.supply_krw for o in orders),
        remaining_cap_krw=remaining,
        submitted_by=user,
        submitted_at=claimed_at,
    )
    _add_lines(claim, orders, documents, subsidies)
    comment = f"주문 {len(orders)}건, 정부지원금 {total:,}원, 남은 한도 {remaining:,}원"
    record_event(target=claim, action="submit", actor=user, to_state=claim.status, comment=comment)
    return claim


def _add_lines(claim: Claim, orders: Sequence[Order], documents: list[SalesDocument], subsidies: list[int]) -> None:
    rows = [
        ClaimLine(claim=claim, order=o, document=d, price_krw=o.supply_krw, subsidy_krw=s)
        for o, d, s in zip(orders, documents, subsidies, strict=True)
    ]
    try:
        with transaction.atomic():
            ClaimLine.objects.bulk_create(rows)
    except IntegrityError as error:
        raise SiteError(
            "order-already-claimed",
            "고른 주문 중 이미 지급요청된 주문이 있습니다.",
            "One of the chosen orders has already been claimed.",
        ) from error


@transaction.atomic
def claim_decide(*, user: User, claim: Claim, approve: bool, reason: str = "", now: datetime | None = None) -> Claim:
    """The operator approves a claim, or returns it with a reason (its orders may then be claimed again)."""
    require(permissions.why_not_operate(user=user, programme_id=claim.agreement.call.programme_id))
    if not approve and not reason.strip():
        raise SiteError("reason-missing", "반려 사유를 쓰세요.", "Give the reason for returning the claim.")
    action = "approve" if approve else "return"
    moved = transition(instance=claim, action=action, table=CLAIM_TRANSITIONS, actor=user, comment=reason.strip())
    moved.decided_by, moved.decided_at, moved.decision_reason = user, now or timezone.now(), reason.strip()
    moved.save(update_fields=["decided_by", "decided_at", "decision_reason"])
    if moved.status == ClaimStatus.RETURNED:
        ClaimLine.objects.filter(claim=moved).update(active=False)
    return moved
