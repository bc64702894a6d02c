"""The operator's review: start it, add own items, decide (approve → listed; reject; request changes)."""

from __future__ import annotations

import dataclasses

from django.db import transaction

from mfgdata.web.accounts.models import User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.listings.models import Listing, Status
from mfgdata.web.listings.permissions import why_not_act
from mfgdata.web.listings.services import listing_act, notify_seller
from mfgdata.web.review.models import ReviewDecision, ReviewItem
from mfgdata.web.review.requirements import requirement_checklist

DECISIONS = {"approve": "승인", "reject": "반려", "request_changes": "보완 요청"}


@transaction.atomic
def review_item_add(*, operator: User, listing: Listing, text: str, met: bool = False) -> ReviewItem:
    require(why_not_act(user=operator, listing=listing, action="start_review"))
    if not text.strip():
        raise SiteError("review-item-empty", "검토 항목 내용을 입력하세요.", "Write the review item.")
    return ReviewItem.objects.create(listing=listing, text=text.strip()[:300], met=met, created_by=operator)


def _check_approvable(listing: Listing, acknowledged: bool, checklist: list) -> None:
    failed = [r for r in checklist if r.outcome == "failed"]
    if failed:
        raise SiteError(
            "requirements-not-met",
            "충족되지 않은 요건이 있어 승인할 수 없습니다: " + "; ".join(r.text_ko for r in failed),
            "Requirements are not met: " + "; ".join(r.text_en for r in failed),
        )
    if any(r.outcome == "warning" for r in checklist) and not acknowledged:
        raise SiteError(
            "warning-not-acknowledged",
            "경고 항목(가격 범위)을 확인했다고 표시해야 승인할 수 있습니다.",
            "Acknowledge the warning (price band) before approving.",
        )
    unmet = listing.review_items.filter(met=False).count()
    if unmet:
        raise SiteError(
            "review-items-unmet",
            f"운영기관 검토 항목 {unmet}개가 충족되지 않았습니다.",
            f"{unmet} of your own review items are not met.",
        )


@transaction.atomic
def review_decide(
    *, operator: User, listing: Listing, decision: str, comment: str = "", price_warning_acknowledged: bool = False
) -> ReviewDecision:
    """Decide on a listing under review; approving lists it at once. The seller is notified."""
    if decision not in DECISIONS:
        raise SiteError("unknown-decision", "알 수 없는 결정입니다.", "Unknown decision.")
    require(why_not_act(user=operator, listing=listing, action=decision))
    if listing.status in (Status.SUBMITTED, Status.RESUBMITTED):
        listing = listing_act(user=operator, listing=listing, action="start_review")
    checklist = requirement_checklist(listing)
    if decision == "approve":
        _check_approvable(listing, price_warning_acknowledged, checklist)
    elif not comment.strip():
        raise SiteError(
            "comment-required", "반려나 보완 요청에는 의견을 적어야 합니다.", "Explain a rejection or a change request."
        )
    listing = listing_act(user=operator, listing=listing, action=decision, comment=comment)
    if decision == "approve":
        listing = listing_act(user=operator, listing=listing, action="list", comment="approved")
    record = ReviewDecision.objects.create(
        listing=listing,
        operator=operator,
        decision=decision,
        comment=comment,
        price_warning_acknowledged=price_warning_acknowledged,
        checklist=[dataclasses.asdict(r) for r in checklist],
    )
    notify_seller(listing=listing, subject=f"[{DECISIONS[decision]}] {listing.title_ko}", body=comment)
    return record
