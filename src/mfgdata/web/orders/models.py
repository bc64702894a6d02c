"""Orders (구매), the terms a buyer accepted, entitlements (이용권한), downloads, invoices and trade records."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    CREATED = "created", _("주문 생성")
    AWAITING_PAYMENT = "awaiting_payment", _("결제 대기")
    PAID = "paid", _("결제 완료")
    FULFILLED = "fulfilled", _("이용 가능")
    REFUNDED = "refunded", _("환불 완료")
    CANCELLED = "cancelled", _("주문 취소")


class PlanKind(models.TextChoices):
    ONE_OFF = "one_off", _("1회 구매 (해당 버전 영구 이용)")
    SUBSCRIPTION = "subscription", _("연간 구독")
    API = "api", _("API 이용")


class PaymentMethod(models.TextChoices):
    CARD = "card", _("카드결제")
    TRANSFER = "transfer", _("실시간 계좌이체")


class TermsAcceptance(models.Model):
    """The click-wrap: who accepted which version of a product's TERMS.md for their organisation, and when."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="+")
    product_version = models.CharField(max_length=30)
    terms_sha256 = models.CharField(max_length=64)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    accepted_at = models.DateTimeField(auto_now_add=True)


def _new_reference() -> str:
    """The order id providers see (Toss allows 6–64 of [A-Za-z0-9_-])."""
    return f"mfg-{uuid.uuid4().hex}"


class Order(models.Model):
    """One purchase of one price plan of one product version by one organisation."""

    reference = models.CharField(max_length=40, unique=True, default=_new_reference)
    buyer = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="orders")
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="orders")
    product_version = models.CharField(max_length=30)
    plan_id = models.CharField(max_length=60)
    plan_kind = models.CharField(max_length=20, choices=PlanKind.choices)
    plan = models.JSONField(help_text="the price plan as it was when ordered")
    supply_krw = models.PositiveBigIntegerField()
    vat_krw = models.PositiveBigIntegerField()
    total_krw = models.PositiveBigIntegerField()
    method = models.CharField(max_length=20, choices=PaymentMethod.choices)
    terms = models.ForeignKey(TermsAcceptance, on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.CharField(max_length=64)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.CREATED)
    defect_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    refund_rule = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["buyer", "idempotency_key"], name="unique_checkout_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.status})"


class Entitlement(models.Model):
    """What a paid order gives the buyer's organisation: a product version (perpetual), or a period."""

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="entitlement")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="entitlements")
    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="+")
    product_version = models.CharField(max_length=30)
    plan_id = models.CharField(max_length=60)
    valid_from = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True, help_text="empty: perpetual for that version")
    includes_new_versions = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    first_download_at = models.DateTimeField(null=True, blank=True)


class DownloadLog(models.Model):
    """Every download attempt that was served (and the refused ones, with their reason)."""

    entitlement = models.ForeignKey(Entitlement, null=True, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    path = models.CharField(max_length=300)
    byte_range = models.CharField(max_length=60, blank=True)
    bytes_sent = models.PositiveBigIntegerField(default=0)
    outcome = models.CharField(max_length=40, default="served")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class DocumentKind(models.TextChoices):
    TAX_INVOICE = "tax_invoice", _("세금계산서")
    RECEIPT = "receipt", _("매출전표 (카드 영수증)")


class DocumentCounter(models.Model):
    """The last number used per kind and year; locked while a number is taken, so numbers have no gaps."""

    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="unique_counter")]


class SalesDocument(models.Model):
    """A 세금계산서 (transfer) or a card receipt for one order, as structured data (the PDF is rendered from it)."""

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="document")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    number = models.CharField(max_length=30, unique=True)
    issue_date = models.DateField()
    approval_number = models.CharField(max_length=24, blank=True, help_text="국세청 전자세금계산서 승인번호 (발행 후)")
    content = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)


class TradeKind(models.TextChoices):
    REGISTRATION = "registration", _("상품 등록")
    SALE = "sale", _("판매")
    PURCHASE = "purchase", _("구매")
    REFUND = "refund", _("환불")


class TradeRecord(models.Model):
    """거래실적: one event per organisation (the programmes read these for the bonus points)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="trade_records")
    kind = models.CharField(max_length=20, choices=TradeKind.choices)
    listing = models.ForeignKey("listings.Listing", on_delete=models.PROTECT, related_name="+")
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    amount_krw = models.BigIntegerField(default=0)
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "order"], name="unique_trade_record_per_order")
        ]


class Settlement(models.Model):
    """정산: one seller's month — what buyers paid, what was refunded, the platform fee and the revenue shares."""

    seller = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="settlements")
    month = models.DateField(help_text="first day of the month (Asia/Seoul)")
    fee_percent = models.DecimalField(max_digits=5, decimal_places=2)
    paid_krw = models.BigIntegerField()
    refunded_krw = models.BigIntegerField()
    fee_krw = models.BigIntegerField()
    payable_krw = models.BigIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "seller__name"]
        constraints = [models.UniqueConstraint(fields=["seller", "month"], name="unique_settlement_month")]


class SettlementLine(models.Model):
    """One order inside a settlement, with its split to the won (fee + shares + refund = paid)."""

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="lines")
    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="settlement_line")
    paid_krw = models.BigIntegerField()
    refunded_krw = models.BigIntegerField()
    fee_krw = models.BigIntegerField()
    manufacturer = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    manufacturer_krw = models.BigIntegerField()
    processor = models.ForeignKey("accounts.Organisation", null=True, on_delete=models.PROTECT, related_name="+")
    processor_krw = models.BigIntegerField()


class Payout(models.Model):
    """Money sent to one organisation for a settlement (recorded by the operator; bank reference kept)."""

    settlement = models.ForeignKey(Settlement, on_delete=models.PROTECT, related_name="payouts")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="payouts")
    amount_krw = models.BigIntegerField()
    bank_reference = models.CharField(max_length=100)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    paid_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["settlement", "organisation"], name="unique_payout")]


class Refund(models.Model):
    """One refund of an order — the whole order or part of it — as given back through the payment gateway."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds")
    supply_krw = models.PositiveBigIntegerField()
    vat_krw = models.PositiveBigIntegerField()
    total_krw = models.PositiveBigIntegerField()
    rule = models.CharField(max_length=40, help_text="the refund policy rule that allowed it")
    reason = models.CharField(max_length=300)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class AmendedTaxInvoice(models.Model):
    """수정세금계산서: a refund of a transfer-paid order, with negative amounts, linked to the original invoice.

    Its number comes from the tax-invoice series, so originals and amendments together stay gapless.
    """

    refund = models.OneToOneField(Refund, on_delete=models.PROTECT, related_name="amended_invoice")
    original = models.ForeignKey(SalesDocument, on_delete=models.PROTECT, related_name="amendments")
    number = models.CharField(max_length=30, unique=True)
    issue_date = models.DateField()
    reason_code = models.CharField(max_length=2, help_text="국세청 수정사유 코드 (02 공급가액 변동, 04 계약의 해제)")
    approval_number = models.CharField(max_length=24, blank=True, help_text="국세청 전자세금계산서 승인번호 (발행 후)")
    content = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class UsageBill(models.Model):
    """One month of a per-call model plan, billed as a usage order (with its 세금계산서); one per month."""

    entitlement = models.ForeignKey(Entitlement, on_delete=models.PROTECT, related_name="usage_bills")
    month = models.DateField(help_text="first day of the month (Asia/Seoul)")
    calls = models.PositiveIntegerField()
    rows = models.PositiveBigIntegerField()
    unit_price_krw = models.PositiveBigIntegerField()
    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="usage_bill")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month", "id"]
        constraints = [models.UniqueConstraint(fields=["entitlement", "month"], name="unique_usage_bill_month")]


class ModelCall(models.Model):
    """One served prediction request of the model service (refused requests are not recorded, nor billed)."""

    entitlement = models.ForeignKey(Entitlement, on_delete=models.PROTECT, related_name="model_calls")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    rows = models.PositiveIntegerField()
    month = models.DateField(help_text="first day of the month (Asia/Seoul) the call belongs to")
    bill = models.ForeignKey(UsageBill, null=True, blank=True, on_delete=models.PROTECT, related_name="model_calls")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["entitlement", "month"])]
