"""Registration requests (상품등록 요청) and the package uploads behind them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    SUBMITTED = "submitted", _("제출됨")
    UNDER_REVIEW = "under_review", _("검토 중")
    CHANGES_REQUESTED = "changes_requested", _("보완 요청")
    RESUBMITTED = "resubmitted", _("재제출")
    APPROVED = "approved", _("승인")
    REJECTED = "rejected", _("반려")
    LISTED = "listed", _("등록됨")
    SUSPENDED = "suspended", _("판매 중지")
    DELISTED = "delisted", _("등록 해제")


class RegisteredAs(models.TextChoices):
    MANUFACTURER = "manufacturer", _("제조기업 직접 등록")
    PROCESSOR = "processor", _("가공기업 대리 등록")


class Listing(models.Model):
    """A product as the marketplace lists it: basic information, who registered it, its package, its state."""

    seller = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="listings",
        help_text="the manufacturer who owns the data and sells the product",
    )
    registered_by_org = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_as = models.CharField(max_length=20, choices=RegisteredAs.choices, default=RegisteredAs.MANUFACTURER)
    manufacturer_share_percent = models.PositiveSmallIntegerField(default=100)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.DRAFT)
    slug = models.SlugField(max_length=120, unique=True)
    version = models.CharField(max_length=30, default="1.0.0")
    title_ko = models.CharField(_("상품명 (한국어)"), max_length=200)
    title_en = models.CharField(_("상품명 (영어)"), max_length=200, blank=True)
    description_ko = models.TextField(_("설명 (한국어)"), blank=True)
    description_en = models.TextField(_("설명 (영어)"), blank=True)
    category = models.CharField(_("상품 구분"), max_length=40)
    process = models.CharField(_("공정"), max_length=40, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    data_period_start = models.DateField(null=True, blank=True)
    data_period_end = models.DateField(null=True, blank=True)
    equipment = models.CharField(_("설비"), max_length=300, blank=True)
    licence_id = models.CharField(max_length=60, blank=True)
    licence_name = models.CharField(max_length=200, blank=True)
    price_plans = models.JSONField(default=list, blank=True)
    programme_funded = models.BooleanField(_("지원사업 상품"), default=False)
    not_for_sale = models.BooleanField(default=False, help_text="listed for discovery only (no redistribution licence)")
    attribution = models.TextField(blank=True)
    listed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "category"])]

    def __str__(self) -> str:
        return self.title_ko

    @property
    def current_package(self) -> PackageUpload | None:
        return self.uploads.filter(state=UploadState.VALID).order_by("-id").first()

    def lowest_price(self) -> int | None:
        prices = [int(p["price_krw"]) for p in self.price_plans if isinstance(p.get("price_krw"), int)]
        return min(prices) if prices else None


class UploadState(models.TextChoices):
    RECEIVING = "receiving", _("받는 중")
    VERIFYING = "verifying", _("검증 중")
    VALID = "valid", _("검증 완료")
    INVALID = "invalid", _("검증 실패")
    RAW_RECEIVED = "raw_received", _("원천 파일 받음")


class UploadKind(models.TextChoices):
    PACKAGE = "package", _("상품 패키지")
    RAW = "raw", _("원천 파일")


class PackageUpload(models.Model):
    """One uploaded file (a package zip, or raw files to productize), received in checksummed chunks."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="uploads")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=UploadKind.choices, default=UploadKind.PACKAGE)
    filename = models.CharField(max_length=255)
    total_bytes = models.PositiveBigIntegerField()
    chunk_bytes = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=UploadState.choices, default=UploadState.RECEIVING)
    sha256 = models.CharField(max_length=64, blank=True)
    contents = models.JSONField(null=True, blank=True, help_text="what the package reader found (verified)")
    error_code = models.CharField(max_length=60, blank=True)
    error_message = models.TextField(blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def chunk_count(self) -> int:
        return max(1, -(-self.total_bytes // self.chunk_bytes))

    @property
    def storage_path(self) -> str:
        return f"uploads/{self.listing_id}/{self.pk}.bin"


class UploadChunk(models.Model):
    upload = models.ForeignKey(PackageUpload, on_delete=models.CASCADE, related_name="chunks")
    index = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["upload", "index"], name="unique_chunk")]
