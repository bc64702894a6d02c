"""Reads for the review pages."""

from __future__ import annotations

from mfgdata.web.listings.selectors import review_queue
from mfgdata.web.review.models import ReviewDecision

__all__ = ["decisions_of", "review_queue"]


def decisions_of(*, listing: object) -> list[ReviewDecision]:
    return list(ReviewDecision.objects.filter(listing=listing).select_related("operator").order_by("-decided_at"))
