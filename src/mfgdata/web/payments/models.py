"""Payments against orders, the webhooks providers sent, and the sandbox provider's own ledger."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    CREATED = "created", _("결제 요청")
    PENDING = "pending", _("결제 진행 중")
    AUTHORIZED = "authorized", _("승인")
    CAPTURED = "captured", _("결제 완료")
    DECLINED = "declined", _("거절")
    TIMED_OUT = "timed_out", _("응답 없음")
    FAILED = "failed", _("실패")
    REFUNDED = "refunded", _("환불")
    VOIDED = "voided", _("승인 취소")


class Payment(models.Model):
    """One attempt to pay an order through one gateway; at most one per order reaches `captured`."""

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="payments")
    gateway_id = models.CharField(max_length=30)
    method = models.CharField(max_length=20)
    amount_krw = models.PositiveBigIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CREATED)
    provider_reference = models.CharField(max_length=200, blank=True)
    provider_secret = models.CharField(max_length=200, blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True)
    error_code = models.CharField(max_length=60, blank=True)
    refunded_krw = models.PositiveBigIntegerField(default=0)
    card_last4 = models.CharField(max_length=4, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["order"], condition=models.Q(status="captured"), name="one_captured_payment_per_order"
            )
        ]


class WebhookEvent(models.Model):
    """A webhook as received; the dedupe key makes a replay a no-op."""

    gateway_id = models.CharField(max_length=30)
    dedupe_key = models.CharField(max_length=200)
    event_type = models.CharField(max_length=60)
    payload = models.JSONField()
    outcome = models.CharField(max_length=60, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gateway_id", "dedupe_key"], name="unique_webhook_event")]


class SandboxCharge(models.Model):
    """The sandbox provider's side of a charge (what `fetch` re-reads)."""

    reference = models.CharField(max_length=60, unique=True)
    order_reference = models.CharField(max_length=64, db_index=True)
    amount_krw = models.PositiveBigIntegerField()
    refunded_krw = models.PositiveBigIntegerField(default=0)
    method = models.CharField(max_length=20)
    status = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
