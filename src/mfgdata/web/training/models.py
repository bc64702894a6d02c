"""Basic training (기본교육): versioned content, its checklist, and each signed completion."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TrainingContent(models.Model):
    """One version of the training. Only the newest published version is current; a new one needs new consent."""

    version = models.PositiveIntegerField(unique=True)
    title = models.JSONField(help_text='{"ko": "…", "en": "…"}')
    sections = models.JSONField(default=list, help_text='[{"title": {"ko","en"}, "body": {"ko","en"}}]')
    video_file = models.CharField(max_length=300, blank=True, help_text="static path of a video, when configured")
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version}"


class ChecklistItem(models.Model):
    content = models.ForeignKey(TrainingContent, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    text = models.JSONField(help_text='{"ko": "…", "en": "…"}')

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["content", "order"], name="unique_item_order")]


class TrainingCompletion(models.Model):
    """A person's signed completion of one content version, on behalf of their organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="completions")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="completions")
    content = models.ForeignKey(TrainingContent, on_delete=models.PROTECT, related_name="completions")
    agreed_items = models.JSONField(help_text="ids of the checklist items agreed, each separately")
    signature_png = models.BinaryField()
    typed_name = models.CharField(max_length=100)
    signed_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True)

    class Meta:
        ordering = ["-signed_at"]
