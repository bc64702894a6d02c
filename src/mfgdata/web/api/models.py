"""Personal access tokens of the open API and the per-token request counters that rate-limit them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    """What a token may do; a token holds one or more (GLOSSARY: read catalog, sell, buy, download)."""

    READ_CATALOG = "read_catalog", _("상품 조회")
    SELL = "sell", _("판매 (상품 등록)")
    BUY = "buy", _("구매 (주문·결제)")
    DOWNLOAD = "download", _("다운로드")


class AccessToken(models.Model):
    """A personal access token: a public prefix to find it and a SHA-256 hash of the whole token, never the token."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("이름"), max_length=100)
    scopes = models.JSONField(default=list)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def scope_labels(self) -> list[str]:
        return [str(TokenScope(s).label) for s in self.scopes if s in TokenScope.values]


class RateCounter(models.Model):
    """Requests of one caller (a token, or an address for anonymous calls) in one fixed time window."""

    bucket = models.CharField(max_length=80)
    window_index = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bucket", "window_index"], name="unique_rate_window")]
        indexes = [models.Index(fields=["window_index"], name="rate_window_index")]
