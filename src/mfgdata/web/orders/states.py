"""The order and payment state machines, and the refund policy, as data."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from mfgdata.web.orders.models import Status
from mfgdata.web.payments.models import Status as PaymentStatus

TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.CREATED, "start_payment"): Status.AWAITING_PAYMENT,
    (Status.AWAITING_PAYMENT, "payment_failed"): Status.CREATED,
    (Status.AWAITING_PAYMENT, "pay"): Status.PAID,
    (Status.PAID, "fulfil"): Status.FULFILLED,
    (Status.PAID, "refund"): Status.REFUNDED,
    (Status.FULFILLED, "refund"): Status.REFUNDED,
    (Status.CREATED, "cancel"): Status.CANCELLED,
    (Status.AWAITING_PAYMENT, "cancel"): Status.CANCELLED,
    (Status.CREATED, "activate_usage"): Status.FULFILLED,  # a per-call plan: nothing to pay now, billed monthly
}

OPEN = (Status.CREATED, Status.AWAITING_PAYMENT, Status.PAID, Status.FULFILLED)

# What the order page's history calls each recorded action (the audit events keep the codes).
ACTION_LABELS = {
    "create": _("주문 생성"),
    "start_payment": _("결제 시작"),
    "payment_failed": _("결제 실패"),
    "pay": _("결제 완료"),
    "fulfil": _("이용권한 부여"),
    "refund": _("환불"),
    "partial_refund": _("부분 환불"),
    "cancel": _("주문 취소"),
    "confirm_defect": _("결함 확인"),
}

PAYMENT_TRANSITIONS: dict[tuple[str, str], str] = {
    (PaymentStatus.CREATED, "authorize"): PaymentStatus.AUTHORIZED,
    (PaymentStatus.CREATED, "wait"): PaymentStatus.PENDING,
    (PaymentStatus.CREATED, "decline"): PaymentStatus.DECLINED,
    (PaymentStatus.CREATED, "time_out"): PaymentStatus.TIMED_OUT,
    (PaymentStatus.PENDING, "capture"): PaymentStatus.CAPTURED,
    (PaymentStatus.PENDING, "decline"): PaymentStatus.DECLINED,
    (PaymentStatus.PENDING, "fail"): PaymentStatus.FAILED,
    (PaymentStatus.AUTHORIZED, "capture"): PaymentStatus.CAPTURED,
    (PaymentStatus.AUTHORIZED, "fail"): PaymentStatus.FAILED,
    (PaymentStatus.AUTHORIZED, "void"): PaymentStatus.VOIDED,
    (PaymentStatus.TIMED_OUT, "capture"): PaymentStatus.CAPTURED,
    (PaymentStatus.TIMED_OUT, "fail"): PaymentStatus.FAILED,
    (PaymentStatus.CAPTURED, "refund"): PaymentStatus.REFUNDED,
}


@dataclass(frozen=True)
class RefundRule:
    """When a refund is allowed and who may decide it; the first matching rule applies."""

    id: str
    after_download: bool
    needs_confirmed_defect: bool
    partial_allowed: bool
    ko: str
    en: str


REFUND_POLICY: tuple[RefundRule, ...] = (
    RefundRule(
        id="before-first-download",
        after_download=False,
        needs_confirmed_defect=False,
        partial_allowed=False,
        ko="첫 다운로드 전에는 전액 환불됩니다.",
        en="Full refund before the first download.",
    ),
    RefundRule(
        id="confirmed-defect",
        after_download=True,
        needs_confirmed_defect=True,
        partial_allowed=True,
        ko="다운로드 후에는 거래소 운영기관이 결함을 확인한 경우에만 환불됩니다 (결함 정도에 따라 전액 또는 일부).",
        en="After a download, only a defect confirmed by the marketplace operator is refunded (in full or in part).",
    ),
)


def refund_rule_for(*, downloaded: bool, defect_confirmed: bool) -> RefundRule | None:
    """The rule that allows this refund, or None (refused)."""
    for rule in REFUND_POLICY:
        if rule.after_download != downloaded:
            continue
        if rule.needs_confirmed_defect and not defect_confirmed:
            continue
        return rule
    return None
