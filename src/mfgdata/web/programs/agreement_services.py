"""Writes for agreements (협약): create one for a selected application, edit its budget plan, sign, start,
complete or terminate it, and adjust the government amount after 원가계산.

Every number is checked by `mfgdata.rules` (budget ratios and caps, the support period) against the
definition the call was opened from; the site only adds the call's own budget.
Order in every service: authorize → validate → lock → change → record an event.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from mfgdata.rules.budget import BudgetPlan, Violation, check_budget_plan
from mfgdata.rules.windows import check_agreement_period, support_period_end
from mfgdata.web.accounts.models import User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import record_event, transition
from mfgdata.web.programs import money_permissions as permissions
from mfgdata.web.programs.models import Agreement, Application, BudgetAdjustment, Call, Status
from mfgdata.web.programs.money_states import (
    ADJUSTABLE,
    AGREEMENT_TRANSITIONS,
    BUDGET_EDITABLE,
    COUNTS_TOWARDS_BUDGET,
)
from mfgdata.web.programs.rule_inputs import applicant_kind, as_site_error, programme_of


def _refuse(code: str, intro_ko: str, intro_en: str, violations: tuple[Violation, ...]) -> SiteError:
    return SiteError(
        code,
        f"{intro_ko} " + "; ".join(v.ko for v in violations) + ".",
        f"{intro_en} " + "; ".join(v.en for v in violations) + ".",
    )


@as_site_error
def check_plan(*, application: Application, plan: BudgetPlan) -> None:
    """Refuse a plan that breaks any funding rule of the definition, naming each rule and its numbers."""
    programme = programme_of(application.call.programme_id)
    verdict = check_budget_plan(
        programme,
        plan,
        applicant=applicant_kind(application.organisation),  # type: ignore[arg-type]
        participation=application.participation,
    )
    if not verdict.valid:
        raise _refuse(
            "budget-rule-broken",
            "사업비 구성이 공고의 기준에 맞지 않습니다:",
            "The budget plan breaks the notice's rules:",
            verdict.violations,
        )


def _check_period(call: Call, starts_on: date, ends_on: date) -> None:
    fits, ko, en = check_agreement_period(programme_of(call.programme_id), starts_on, ends_on)
    if not fits:
        raise SiteError(
            "agreement-period", f"협약기간이 맞지 않습니다: {ko}.", f"The agreement period does not fit: {en}."
        )


def check_named_products(application: Application) -> None:
    """A buyer whose funding is limited to products registered by certain registrants (001:105: a non-profit
    buys only products a manufacturer registered) cannot agree to buy a product registered by anyone else."""
    rule = programme_of(application.call.programme_id).funding_for(applicant_kind(application.organisation))  # type: ignore[arg-type]
    if rule is None or rule.products_registered_by is None:
        return
    refused = [p for p in application.products.all() if p.registered_as not in rule.products_registered_by]
    if refused:
        names = ", ".join(f"'{p.title_ko}'" for p in refused)
        raise SiteError(
            "product-registrant-not-allowed",
            f"비영리기관은 제조기업이 직접 등록한 상품만 지원받을 수 있습니다(가공기업 대리 등록 상품: {names}). "
            "신청서의 구매 예정 상품에서 빼세요.",
            f"A non-profit is funded only for products registered by their manufacturer (registered by a "
            f"processor: {names}). Remove them from the application's planned products.",
        )


def _check_call_budget(call: Call, government_krw: int, *, excluding: Agreement | None = None) -> None:
    """The call's agreements together may not promise more government money than the call's budget."""
    others = Agreement.objects.filter(call=call, status__in=COUNTS_TOWARDS_BUDGET)
    if excluding is not None:
        others = others.exclude(pk=excluding.pk)
    promised = others.aggregate(total=Sum("government_krw"))["total"] or 0
    if promised + government_krw > call.budget_krw:
        left = max(call.budget_krw - promised, 0)
        raise SiteError(
            "call-budget-exceeded",
            f"공고 예산 {call.budget_krw:,}원 중 {promised:,}원이 이미 협약되어 남은 예산은 {left:,}원입니다 "
            f"(요청 {government_krw:,}원).",
            f"Of the call's budget of {call.budget_krw:,} KRW, {promised:,} KRW is already agreed; "
            f"{left:,} KRW is left (asked {government_krw:,} KRW).",
        )


def _check_company_cap(application: Application, government_krw: int, *, excluding: Agreement | None = None) -> None:
    """With a per-company cap (기업당), one organisation's agreements in a programme share it (001: 1천만원 in all)."""
    programme = programme_of(application.call.programme_id)
    rule = programme.funding_for(applicant_kind(application.organisation))  # type: ignore[arg-type]
    if rule is None or rule.cap_scope != "per_company":
        return
    others = Agreement.objects.filter(
        organisation=application.organisation, call__programme_id=programme.id, status__in=COUNTS_TOWARDS_BUDGET
    )
    if excluding is not None:
        others = others.exclude(pk=excluding.pk)
    agreed = others.aggregate(total=Sum("government_krw"))["total"] or 0
    if agreed + government_krw > rule.government_cap_krw:
        raise SiteError(
            "company-cap-exceeded",
            f"기업당 정부지원금 한도 {rule.government_cap_krw:,}원 중 {agreed:,}원이 이미 다른 협약에 있어 "
            f"{government_krw:,}원을 더할 수 없습니다.",
            f"Of the per-company cap of {rule.government_cap_krw:,} KRW, {agreed:,} KRW is already in other "
            f"agreements; {government_krw:,} KRW cannot be added.",
        )


@transaction.atomic
def agreement_create(
    *,
    user: User,
    application: Application,
    starts_on: date,
    government_krw: int,
    cash_krw: int,
    in_kind_krw: int = 0,
    ends_on: date | None = None,
) -> Agreement:
    """The operator drafts the agreement of a selected application; the period defaults to the full
    support period of the definition, and the plan and the call's budget are checked."""
    call = application.call
    require(permissions.why_not_operate(user=user, programme_id=call.programme_id))
    if application.status != Status.SELECTED:
        raise SiteError(
            "application-not-selected",
            "최종선정된 신청에만 협약을 만들 수 있습니다.",
            "Only a selected application gets an agreement.",
        )
    ends_on = ends_on or support_period_end(programme_of(call.programme_id), starts_on)
    _check_period(call, starts_on, ends_on)
    check_plan(application=application, plan=BudgetPlan(government_krw, cash_krw, in_kind_krw))
    check_named_products(application)
    Call.objects.select_for_update().get(pk=call.pk)
    if Agreement.objects.filter(application=application).exists():
        raise SiteError(
            "agreement-exists", "이 신청의 협약이 이미 있습니다.", "This application already has an agreement."
        )
    _check_call_budget(call, government_krw)
    _check_company_cap(application, government_krw)
    agreement = Agreement.objects.create(
        application=application,
        call=call,
        organisation=application.organisation,
        starts_on=starts_on,
        ends_on=ends_on,
        government_krw=government_krw,
        cash_krw=cash_krw,
        in_kind_krw=in_kind_krw,
        created_by=user,
    )
    record_event(
        target=agreement, action="create", actor=user, to_state=agreement.status, comment=_plan_text(agreement)
    )
    return agreement


def _plan_text(agreement: Agreement) -> str:
    return (
        f"{agreement.starts_on}~{agreement.ends_on}; 정부지원금 {agreement.government_krw:,}원, "
        f"현금 {agreement.cash_krw:,}원, 현물 {agreement.in_kind_krw:,}원"
    )


@transaction.atomic
def agreement_budget_update(
    *, user: User, agreement: Agreement, government_krw: int, cash_krw: int, in_kind_krw: int = 0
) -> Agreement:
    """The organisation or the operator changes the plan before signing; it is checked again in full."""
    require(permissions.why_not_edit_budget(user=user, agreement=agreement))
    check_plan(application=agreement.application, plan=BudgetPlan(government_krw, cash_krw, in_kind_krw))
    Call.objects.select_for_update().get(pk=agreement.call_id)
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.status not in BUDGET_EDITABLE:
        raise SiteError(
            "agreement-signed",
            "체결된 협약의 사업비는 고칠 수 없습니다. 정부지원금 조정은 원가계산기관이 합니다.",
            "A signed agreement's budget cannot be edited; the cost accountant adjusts the government amount.",
        )
    _check_call_budget(locked.call, government_krw, excluding=locked)
    _check_company_cap(locked.application, government_krw, excluding=locked)
    locked.government_krw, locked.cash_krw, locked.in_kind_krw = government_krw, cash_krw, in_kind_krw
    locked.save(update_fields=["government_krw", "cash_krw", "in_kind_krw"])
    record_event(target=locked, action="budget_update", actor=user, comment=_plan_text(locked))
    return locked


@transaction.atomic
def agreement_government_adjust(*, user: User, agreement: Agreement, government_krw: int, reason: str) -> Agreement:
    """The cost accountant sets the government amount after 원가계산, with the reason (kept and audited).

    The company's cash and in-kind amounts stay; the adjusted plan must still meet every rule.
    """
    require(permissions.why_not_adjust_government(user=user, agreement=agreement))
    if not reason.strip():
        raise SiteError("reason-missing", "조정 사유를 쓰세요.", "Give the reason for the adjustment.")
    plan = BudgetPlan(government_krw, agreement.cash_krw, agreement.in_kind_krw)
    check_plan(application=agreement.application, plan=plan)
    Call.objects.select_for_update().get(pk=agreement.call_id)
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.status not in ADJUSTABLE:
        raise SiteError(
            "agreement-closed",
            "완료되었거나 해지된 협약은 조정할 수 없습니다.",
            "A completed or terminated agreement cannot be adjusted.",
        )
    _check_call_budget(locked.call, government_krw, excluding=locked)
    _check_company_cap(locked.application, government_krw, excluding=locked)
    previous = locked.government_krw
    BudgetAdjustment.objects.create(
        agreement=locked, previous_krw=previous, government_krw=government_krw, reason=reason.strip(), adjusted_by=user
    )
    locked.government_krw = government_krw
    locked.save(update_fields=["government_krw"])
    comment = f"정부지원금 {previous:,}원 → {government_krw:,}원: {reason.strip()}"
    record_event(target=locked, action="adjust_government", actor=user, comment=comment)
    return locked


@transaction.atomic
def agreement_sign(*, user: User, agreement: Agreement, now: datetime | None = None) -> Agreement:
    """A member of the organisation signs; the plan is checked once more against the definition."""
    require(permissions.why_not_act_for(user=user, organisation=agreement.organisation))
    plan = BudgetPlan(agreement.government_krw, agreement.cash_krw, agreement.in_kind_krw)
    check_plan(application=agreement.application, plan=plan)
    check_named_products(agreement.application)
    signed = transition(instance=agreement, action="sign", table=AGREEMENT_TRANSITIONS, actor=user)
    signed.signed_at, signed.signed_by = now or timezone.now(), user
    signed.save(update_fields=["signed_at", "signed_by"])
    return signed


def _check_completion(agreement: Agreement, today: date, reason: str) -> None:
    """Before its last day an agreement completes only where the period is a maximum, with the reason.

    001:80 gives the support period as a maximum (지원기간(최대) 4개월) and 001:89 defines it as the time
    "협약체결 후 제조데이터 구매 및 활용까지": once the data is bought and used, the project may end early —
    the operator says why. 000:25 gives a fixed 지원기간 4개월: completing early is refused (a project that
    stops early is terminated, with its reason).
    """
    if today >= agreement.ends_on:
        return
    if not programme_of(agreement.call.programme_id).support_period.is_maximum:
        raise SiteError(
            "agreement-not-ended",
            f"협약기간이 {agreement.ends_on}까지라 아직 완료할 수 없습니다. 지원기간이 정해진 사업이므로 "
            "중도에 끝내려면 사유를 적어 협약을 해지하세요.",
            f"The agreement runs until {agreement.ends_on} and cannot be completed yet. This programme's support "
            "period is fixed: to end early, terminate the agreement with the reason.",
        )
    if not reason.strip():
        raise SiteError(
            "early-completion-reason",
            f"협약 종료일({agreement.ends_on}) 전에 완료하려면 사유(예: 구매·활용 완료)를 쓰세요.",
            f"To complete before the agreement's end ({agreement.ends_on}), give the reason (e.g. bought and used).",
        )


@transaction.atomic
def agreement_move(
    *, user: User, agreement: Agreement, action: str, reason: str = "", today: date | None = None
) -> Agreement:
    """The operator starts, completes or terminates an agreement (a termination needs its reason; so does
    completing before the end date, where the definition's period is a maximum — it is refused otherwise)."""
    require(permissions.why_not_operate(user=user, programme_id=agreement.call.programme_id))
    if action not in {"start", "complete", "terminate"}:
        raise SiteError("action-unknown", f"알 수 없는 작업 '{action}'입니다.", f"Unknown action '{action}'.")
    if action == "terminate" and not reason.strip():
        raise SiteError("reason-missing", "해지 사유를 쓰세요.", "Give the reason for the termination.")
    if action == "complete":
        _check_completion(agreement, today or timezone.localdate(), reason)
    return transition(
        instance=agreement, action=action, table=AGREEMENT_TRANSITIONS, actor=user, comment=reason.strip()
    )
