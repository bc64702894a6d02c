"""The application state machine: every allowed `(state, action) → state`, nothing else.

draft → submitted → eligibility review → (ineligible | eligible) → evaluated → site check (상품가공 only)
→ selected | not selected. A supplement replaces a submitted application under review by a new version;
the operator may ask for one with a deadline (보완 요청), and a missed deadline makes the application ineligible.
"""

from __future__ import annotations

from mfgdata.web.programs.models import Status

TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, "submit"): Status.SUBMITTED,
    (Status.SUBMITTED, "start_review"): Status.ELIGIBILITY_REVIEW,
    (Status.SUBMITTED, "supersede"): Status.SUPERSEDED,
    (Status.ELIGIBILITY_REVIEW, "supersede"): Status.SUPERSEDED,
    (Status.ELIGIBILITY_REVIEW, "request_supplement"): Status.SUPPLEMENT_REQUESTED,
    (Status.SUPPLEMENT_REQUESTED, "supersede"): Status.SUPERSEDED,
    (Status.SUPPLEMENT_REQUESTED, "supplement_missed"): Status.INELIGIBLE,
    (Status.ELIGIBILITY_REVIEW, "confirm_eligible"): Status.ELIGIBLE,
    (Status.ELIGIBILITY_REVIEW, "confirm_ineligible"): Status.INELIGIBLE,
    (Status.ELIGIBLE, "evaluate"): Status.EVALUATED,
    (Status.EVALUATED, "start_site_check"): Status.SITE_CHECK,
    (Status.EVALUATED, "select"): Status.SELECTED,
    (Status.EVALUATED, "not_select"): Status.NOT_SELECTED,
    (Status.SITE_CHECK, "select"): Status.SELECTED,
    (Status.SITE_CHECK, "not_select"): Status.NOT_SELECTED,
}

EDITABLE = {Status.DRAFT}
AT_SELECTION = {Status.EVALUATED, Status.SITE_CHECK}
