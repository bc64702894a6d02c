"""The operator's own review items and decisions (the automatic checks are computed, not stored)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReviewItem(models.Model):
    """A requirement the operator adds by hand to one listing's review, with whether it is met."""

    listing = models.ForeignKey("listings.Listing", on_delete=models.CASCADE, related_name="review_items")
    text = models.CharField(max_length=300)
    met = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)


class ReviewDecision(models.Model):
    """An approve / reject / request-changes decision, with the checklist as it was when decided."""

    listing = models.ForeignKey("listings.Listing", on_delete=models.CASCADE, related_name="review_decisions")
    operator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=20)
    comment = models.TextField(blank=True)
    price_warning_acknowledged = models.BooleanField(default=False)
    checklist = models.JSONField(default=list)
    decided_at = models.DateTimeField(auto_now_add=True)
