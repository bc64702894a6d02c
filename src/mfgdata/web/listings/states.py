"""The listing state machine: every allowed `(state, action) → state`, nothing else."""

from __future__ import annotations

from mfgdata.web.listings.models import Status

TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, "submit"): Status.SUBMITTED,
    (Status.SUBMITTED, "start_review"): Status.UNDER_REVIEW,
    (Status.RESUBMITTED, "start_review"): Status.UNDER_REVIEW,
    (Status.UNDER_REVIEW, "request_changes"): Status.CHANGES_REQUESTED,
    (Status.CHANGES_REQUESTED, "resubmit"): Status.RESUBMITTED,
    (Status.UNDER_REVIEW, "approve"): Status.APPROVED,
    (Status.UNDER_REVIEW, "reject"): Status.REJECTED,
    (Status.APPROVED, "list"): Status.LISTED,
    (Status.LISTED, "suspend"): Status.SUSPENDED,
    (Status.SUSPENDED, "reinstate"): Status.LISTED,
    (Status.LISTED, "delist"): Status.DELISTED,
    (Status.SUSPENDED, "delist"): Status.DELISTED,
}

EDITABLE = {Status.DRAFT, Status.CHANGES_REQUESTED}
SELLER_ACTIONS = {"submit", "resubmit", "delist"}
OPERATOR_ACTIONS = {"start_review", "request_changes", "approve", "reject", "list", "suspend", "reinstate", "delist"}
