"""The agreement and claim state machines: every allowed `(state, action) → state`, nothing else.

Agreement: draft → signed → in progress → completed, or terminated from any of the first three.
Claim: submitted → approved, or returned (its orders are released for a new claim).
"""

from __future__ import annotations

from mfgdata.web.programs.money_models import AgreementStatus, ClaimStatus

AGREEMENT_TRANSITIONS: dict[tuple[str, str], str] = {
    (AgreementStatus.DRAFT, "sign"): AgreementStatus.SIGNED,
    (AgreementStatus.SIGNED, "start"): AgreementStatus.IN_PROGRESS,
    (AgreementStatus.IN_PROGRESS, "complete"): AgreementStatus.COMPLETED,
    (AgreementStatus.DRAFT, "terminate"): AgreementStatus.TERMINATED,
    (AgreementStatus.SIGNED, "terminate"): AgreementStatus.TERMINATED,
    (AgreementStatus.IN_PROGRESS, "terminate"): AgreementStatus.TERMINATED,
}

BUDGET_EDITABLE = {AgreementStatus.DRAFT}
ADJUSTABLE = {AgreementStatus.DRAFT, AgreementStatus.SIGNED, AgreementStatus.IN_PROGRESS}
# Claims follow the purchase, within its year (001:116 "구매 후 연내 정부지원금 지급요청", 001:291), so a
# completed agreement still takes claims for orders of its period; a draft or a terminated one takes none.
CLAIMABLE = {AgreementStatus.SIGNED, AgreementStatus.IN_PROGRESS, AgreementStatus.COMPLETED}
COUNTS_TOWARDS_BUDGET = {
    AgreementStatus.DRAFT,
    AgreementStatus.SIGNED,
    AgreementStatus.IN_PROGRESS,
    AgreementStatus.COMPLETED,
}

CLAIM_TRANSITIONS: dict[tuple[str, str], str] = {
    (ClaimStatus.SUBMITTED, "approve"): ClaimStatus.APPROVED,
    (ClaimStatus.SUBMITTED, "return"): ClaimStatus.RETURNED,
}

USES_CAP = {ClaimStatus.SUBMITTED, ClaimStatus.APPROVED}
