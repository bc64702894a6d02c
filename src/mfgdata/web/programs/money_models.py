"""Agreements (협약) with their budget plan, government-amount adjustments after 원가계산, and purchase
subsidy claims (지급요청) with one line per marketplace order.

Imported by `programs.models`, so they belong to the `programs` app. The rules (ratios, caps, periods) are
never stored: services read them from the definition the call was opened from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("협약 준비")
    SIGNED = "signed", _("협약 체결")
    IN_PROGRESS = "in_progress", _("수행 중")
    COMPLETED = "completed", _("완료")
    TERMINATED = "terminated", _("협약 해지")


class Agreement(models.Model):
    """The agreement of one selected application: its period and budget plan (won, VAT excluded)."""

    application = models.OneToOneField("programs.Application", on_delete=models.PROTECT, related_name="agreement")
    call = models.ForeignKey("programs.Call", on_delete=models.PROTECT, related_name="agreements")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="agreements")
    status = models.CharField(max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT)
    starts_on = models.DateField(_("협약 시작일"))
    ends_on = models.DateField(_("협약 종료일"))
    government_krw = models.PositiveBigIntegerField(_("정부지원금(원)"))
    cash_krw = models.PositiveBigIntegerField(_("기업부담금 현금(원)"), default=0)
    in_kind_krw = models.PositiveBigIntegerField(_("기업부담금 현물(원)"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.call}"

    @property
    def company_krw(self) -> int:
        return self.cash_krw + self.in_kind_krw

    @property
    def total_krw(self) -> int:
        return self.government_krw + self.company_krw


class BudgetAdjustment(models.Model):
    """A change of the government amount after 원가계산, by the cost accountant, with the reason."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="adjustments")
    previous_krw = models.PositiveBigIntegerField()
    government_krw = models.PositiveBigIntegerField()
    reason = models.TextField()
    adjusted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    adjusted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["adjusted_at", "id"]


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("승인 대기")
    APPROVED = "approved", _("지급 승인")
    RETURNED = "returned", _("반려됨")


class Claim(models.Model):
    """A purchase subsidy claim (지급요청) under an agreement: the government amount of its orders."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="claims")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="claims")
    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED)
    subsidy_krw = models.PositiveBigIntegerField(_("정부지원금(원)"))
    price_krw = models.PositiveBigIntegerField(_("구매금액(공급가액, 원)"))
    remaining_cap_krw = models.PositiveBigIntegerField(_("남은 한도(원)"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"지급요청 {self.pk} · {self.organisation}"


class ClaimLine(models.Model):
    """One order in a claim with its subsidy and its tax invoice or receipt. An order is in at most one
    claim that is not returned (`active`): a returned claim releases its orders for a new claim."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="claim_lines")
    document = models.ForeignKey("orders.SalesDocument", on_delete=models.PROTECT, related_name="+")
    price_krw = models.PositiveBigIntegerField()
    subsidy_krw = models.PositiveBigIntegerField()
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["order"], condition=Q(active=True), name="unique_active_claim_order")
        ]
