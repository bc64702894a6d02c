"""Writes after submission: 요건검토 (eligibility), panels and score sheets (선정평가), 현장확인 and 최종선정.

Each rule is `mfgdata.rules`' (review_eligibility, validate_sheet, panel_score, select); this module stores
what they return and what people decide, moving applications through `states.TRANSITIONS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from mfgdata.rules.eligibility import EligibilityReport, review_eligibility
from mfgdata.rules.scoring import PanelScore, panel_score, validate_sheet
from mfgdata.rules.selection import Candidate, SelectionResult, select
from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.services import notification_send
from mfgdata.web.core.statemachine import record_event, transition
from mfgdata.web.listings.models import Status as ListingStatus
from mfgdata.web.programs import permissions
from mfgdata.web.programs.models import (
    Application,
    Assignment,
    Call,
    CallRound,
    ConflictDeclaration,
    SiteCheckResult,
    Status,
)
from mfgdata.web.programs.photos import refuse_unless_photo
from mfgdata.web.programs.rule_inputs import (
    as_site_error,
    programme_of,
    registers_for,
    rule_application,
    score_sheet,
)
from mfgdata.web.programs.selectors import operator_checklist
from mfgdata.web.programs.states import AT_SELECTION, TRANSITIONS


def _operate(user: User, application: Application) -> None:
    require(permissions.why_not_operate(user=user, programme_id=application.call.programme_id))


def _refuse_unless_status(application: Application, *allowed: str) -> None:
    if application.status not in allowed:
        raise SiteError(
            "application-wrong-stage",
            f"지금 단계({application.get_status_display()})에서는 할 수 없습니다.",
            f"This cannot be done at the current stage ({application.status}).",
        )


_EXCLUSION_KO = {
    "not_applicable": "해당 없음",
    "excepted": "예외 인정",
    "applies": "해당(지원제외)",
    "undetermined": "신고 누락",
}


def _report_items(report: EligibilityReport) -> list[dict[str, Any]]:
    """The review's per-item result, as stored and shown to the operator."""
    items = [
        {
            "check": "window",
            "passed": report.window.on_time,
            "ko": report.window.reason_ko,
            "en": report.window.reason_en,
        },
        {
            "check": "applicant",
            "passed": report.applicant.eligible,
            "ko": "; ".join(report.applicant.reasons_ko) or "신청자격 충족",
            "en": "; ".join(report.applicant.reasons_en) or "applicant allowed",
        },
        {
            "check": "documents",
            "passed": report.documents.valid,
            "ko": "; ".join(f.message_ko for f in report.documents.findings) or "서류 완비",
            "en": "; ".join(f.message_en for f in report.documents.findings) or "documents complete",
        },
    ]
    for finding in report.exclusions.findings:
        items.append(
            {
                "check": f"exclusion:{finding.number}",
                "passed": finding.status in ("not_applicable", "excepted"),
                "ko": f"{finding.number}. {finding.text_ko} — {_EXCLUSION_KO[finding.status]}",
                "en": f"exclusion {finding.number}: {finding.status}",
            }
        )
    for bonus in report.bonuses:
        items.append(
            {
                "check": f"bonus:{bonus.bonus_id}",
                "passed": bonus.granted,
                "points": bonus.points,
                "ko": bonus.reason_ko,
                "en": bonus.reason_en,
                "informative": True,
            }
        )
    return items


@transaction.atomic
@as_site_error
def application_review_run(*, user: User, application: Application) -> Application:
    """Run the automatic eligibility review and store its per-item result (moves submitted → under review)."""
    _operate(user, application)
    if application.status == Status.SUBMITTED:
        application = transition(instance=application, action="start_review", table=TRANSITIONS, actor=user)
    _refuse_unless_status(application, Status.ELIGIBILITY_REVIEW)
    programme = programme_of(application.call.programme_id)
    closed = CallRound.objects.filter(call=application.call, round_id=application.round_id).first()
    report = review_eligibility(
        programme,
        rule_application(application),
        registers_for(application.organisation),
        closed_at=closed.budget_spent_at if closed else None,
    )
    application.eligibility = {
        "passed": report.passed,
        "items": _report_items(report),
        "reasons_ko": list(report.reasons_ko),
        "reasons_en": list(report.reasons_en),
    }
    application.bonus_points = sum(b.points for b in report.bonuses if b.granted)
    application.save(update_fields=["eligibility", "bonus_points"])
    record_event(target=application, action="review_run", actor=user, comment="passed" if report.passed else "failed")
    return application


def _checked(application: Application, checklist: Mapping[str, bool] | None, eligible: bool) -> dict[str, bool]:
    """The operator's checklist as ticked; 적합 only with every item confirmed."""
    if checklist is None:
        return {}
    ticked = {item["id"]: bool(checklist.get(item["id"])) for item in operator_checklist(application=application)}
    unchecked = [item_id for item_id, done in ticked.items() if not done]
    if eligible and unchecked:
        raise SiteError(
            "checklist-incomplete",
            f"체크리스트를 모두 확인해야 적합으로 결정할 수 있습니다(미확인: {', '.join(unchecked)}).",
            f"Confirm every checklist item to decide eligible (unconfirmed: {', '.join(unchecked)}).",
        )
    return ticked


@transaction.atomic
def application_eligibility_decide(
    *,
    user: User,
    application: Application,
    eligible: bool,
    reason: str = "",
    checklist: Mapping[str, bool] | None = None,
) -> Application:
    """The operator confirms the automatic result, or overrides it with a reason (an audit event either way).
    From the review page the operator's checklist comes too: 적합 needs every item confirmed."""
    _operate(user, application)
    _refuse_unless_status(application, Status.ELIGIBILITY_REVIEW)
    if "passed" not in application.eligibility:
        raise SiteError("review-not-run", "먼저 자동 요건검토를 실행하세요.", "Run the automatic review first.")
    ticked = _checked(application, checklist, eligible)
    overridden = bool(application.eligibility["passed"]) != eligible
    if overridden and not reason.strip():
        raise SiteError(
            "override-needs-reason",
            "자동 검토 결과와 다르게 결정하려면 사유를 적으세요.",
            "Give a reason to decide differently from the automatic review.",
        )
    action = "confirm_eligible" if eligible else "confirm_ineligible"
    application = transition(instance=application, action=action, table=TRANSITIONS, actor=user, comment=reason)
    application.eligibility = {
        **application.eligibility,
        "decision": {"eligible": eligible, "overridden": overridden, "reason": reason}
        | ({"checklist": ticked} if checklist is not None else {}),
    }
    application.save(update_fields=["eligibility"])
    _tell_applicant(application, "요건검토 결과: " + ("적합" if eligible else "부적합"), reason)
    return application


def _tell_applicant(application: Application, subject: str, body: str = "") -> None:
    if application.created_by is not None:
        notification_send(user=application.created_by, subject=subject, body=body, link="/programs/mine/")


@transaction.atomic
def conflict_declare(*, user: User, organisation: Organisation, reason: str) -> ConflictDeclaration:
    """An evaluator declares a conflict with an organisation; their unscored assignments to it are withdrawn."""
    if not reason.strip():
        raise SiteError("conflict-needs-reason", "사유를 적으세요.", "Give the reason for the conflict.")
    declaration, _ = ConflictDeclaration.objects.update_or_create(
        evaluator=user, organisation=organisation, defaults={"reason": reason}
    )
    withdrawn = Assignment.objects.filter(
        evaluator=user, scored_at__isnull=True, application__organisation=organisation
    )
    for assignment in withdrawn:
        record_event(target=assignment.application, action="assignment_withdrawn", actor=user, comment="conflict")
    withdrawn.delete()
    record_event(target=declaration, action="declare_conflict", actor=user, comment=reason)
    return declaration


def _refuse_unlisted_products(application: Application) -> None:
    """구매지원: every product named must be listed on the marketplace before evaluation (the definition says when)."""
    claims = programme_of(application.call.programme_id).claims
    if claims is None or claims.products_listed_by != "before_evaluation":
        return
    unlisted = [p.title_ko for p in application.products.exclude(status=ListingStatus.LISTED)]
    if unlisted:
        raise SiteError(
            "products-not-listed",
            f"평가 전에 거래소에 등록되어야 할 상품이 아직 등록되지 않았습니다: {', '.join(unlisted)}",
            f"These products must be listed on the marketplace before evaluation: {', '.join(unlisted)}",
        )


@transaction.atomic
def evaluator_assign(*, user: User, application: Application, evaluator: User) -> Assignment:
    """Put an evaluator on an eligible application's panel (linked or conflicted evaluators refused)."""
    _operate(user, application)
    require(permissions.why_not_assign(evaluator=evaluator, application=application))
    _refuse_unless_status(application, Status.ELIGIBLE)
    _refuse_unlisted_products(application)
    assignment, _ = Assignment.objects.get_or_create(
        application=application, evaluator=evaluator, defaults={"assigned_by": user}
    )
    record_event(target=application, action="assign_evaluator", actor=user)
    return assignment


@transaction.atomic
@as_site_error
def score_sheet_submit(
    *, user: User, application: Application, scores: Mapping[str, int], comments: Mapping[str, str]
) -> Assignment:
    """An assigned evaluator scores every criterion within its points (checked by the rules) with comments."""
    found = Assignment.objects.select_for_update().filter(application=application, evaluator=user).first()
    require(permissions.why_not_score(user=user, assignment=found))
    assert found is not None
    _refuse_unless_status(application, Status.ELIGIBLE)
    found.scores, found.comments = dict(scores), dict(comments)
    validate_sheet(programme_of(application.call.programme_id), score_sheet(found))
    _refuse_missing_comments(found)
    found.scored_at = timezone.now()
    found.save()
    record_event(target=application, action="score", actor=user)
    return found


def _refuse_missing_comments(assignment: Assignment) -> None:
    """Every criterion is scored with a comment (the panel's reasons, kept for the record; never shown with names)."""
    blank = [c for c in assignment.scores if not str(assignment.comments.get(c, "")).strip()]
    if blank:
        raise SiteError(
            "score-comment-missing",
            f"모든 평가 항목에 의견을 적으세요(빠진 항목: {', '.join(blank)}).",
            f"Write a comment for every criterion (missing: {', '.join(blank)}).",
        )


def _panel(application: Application) -> PanelScore:
    sheets = [score_sheet(a) for a in application.assignments.all()]
    return panel_score(programme_of(application.call.programme_id), sheets)


@transaction.atomic
@as_site_error
def application_evaluate(*, user: User, application: Application) -> Application:
    """Combine the panel's sheets (mean, pass mark before bonus) once every evaluator has scored."""
    _operate(user, application)
    _refuse_unless_status(application, Status.ELIGIBLE)
    assignments = list(application.assignments.all())
    if not assignments or any(a.scored_at is None for a in assignments):
        raise SiteError(
            "panel-incomplete",
            "배정된 평가위원 모두가 평가해야 합니다.",
            "Every assigned evaluator must score first.",
        )
    score = _panel(application)
    application = transition(instance=application, action="evaluate", table=TRANSITIONS, actor=user)
    application.panel = {
        "base": str(score.base),
        "passed": score.passed,
        "sections": {k: str(v) for k, v in score.sections.items()},
        "sheets": len(score.sheets_counted),
    }
    application.save(update_fields=["panel"])
    return application


@transaction.atomic
def site_check_record(
    *,
    user: User,
    application: Application,
    results: Mapping[str, bool],
    notes: Mapping[str, str],
    photos: Mapping[str, UploadedFile] | None = None,
) -> Application:
    """현장확인 (상품가공): each item 적 or 부 with a note and a photo (JPEG/PNG, checked to be one); an
    application that failed the pass mark has none."""
    _operate(user, application)
    _refuse_unless_status(application, Status.EVALUATED, Status.SITE_CHECK)
    check = programme_of(application.call.programme_id).site_check
    if check is None:
        raise SiteError("no-site-check", "이 사업에는 현장확인이 없습니다.", "This programme has no site check.")
    known = {item.id for item in check.items}
    if set(results) - known:
        raise SiteError("site-check-unknown", "없는 현장확인 항목입니다.", "Unknown site check item.")
    if not application.panel.get("passed"):
        raise SiteError(
            "site-check-not-target",
            "평가 기준점 미만은 현장확인 대상이 아닙니다.",
            "Below the pass mark: no site check.",
        )
    photos = {item_id: photo for item_id, photo in (photos or {}).items() if item_id in results}
    for photo in photos.values():
        refuse_unless_photo(photo)
    if application.status == Status.EVALUATED:
        application = transition(instance=application, action="start_site_check", table=TRANSITIONS, actor=user)
    for item_id, passed in results.items():
        defaults: dict[str, Any] = {"passed": passed, "note": notes.get(item_id, ""), "checked_by": user}
        if item_id in photos:
            defaults["photo"] = photos[item_id]
        SiteCheckResult.objects.update_or_create(application=application, item_id=item_id, defaults=defaults)
    record_event(target=application, action="site_check", actor=user, comment=str(dict(results)))
    return application


def _candidate(application: Application) -> Candidate:
    assert application.submitted_at is not None
    checks = {c.item_id: c.passed for c in application.site_checks.all()}
    return Candidate(
        application_id=str(application.pk),
        requested_krw=application.requested_krw,
        submitted_at=application.submitted_at,
        score=_panel(application),
        bonus=application.bonus_points,
        site_check=checks or None,
    )


@transaction.atomic
@as_site_error
def call_select(*, user: User, call: Call, round_id: str | None = None) -> SelectionResult:
    """최종선정 of a round within the call's remaining budget, by the rules' ranking and tie-break."""
    require(permissions.why_not_operate(user=user, programme_id=call.programme_id))
    programme = programme_of(call.programme_id)
    chosen = programme.round(round_id).id
    pending = list(call.applications.filter(round_id=chosen, status__in=AT_SELECTION).order_by("pk"))
    if not pending:
        raise SiteError("nothing-to-select", "선정할 신청서가 없습니다.", "There are no applications to select.")
    spent = sum(call.applications.filter(status=Status.SELECTED).values_list("requested_krw", flat=True))
    result = select(programme, [_candidate(a) for a in pending], round_id=chosen, budget_krw=call.budget_krw - spent)
    for application in pending:
        _record_outcome(user, application, result)
    if result.budget_spent_at is not None:
        CallRound.objects.filter(call=call, round_id=chosen).update(budget_spent_at=result.budget_spent_at)
    record_event(target=call, action="select", actor=user, comment=f"round {chosen}: {result.used_krw} KRW")
    return result


def _record_outcome(user: User, application: Application, result: SelectionResult) -> None:
    entry = result.by_id[str(application.pk)]
    action = "select" if entry.status == "selected" else "not_select"
    moved = transition(instance=application, action=action, table=TRANSITIONS, actor=user, comment=entry.reasons_ko[0])
    moved.result = {
        "status": entry.status,
        "rank": entry.rank,
        "final_score": str(entry.final_score) if entry.final_score is not None else None,
        "reasons_ko": list(entry.reasons_ko),
        "reasons_en": list(entry.reasons_en),
        "tie_broken_by": entry.tie_broken_by,
    }
    moved.save(update_fields=["result"])
    _tell_applicant(moved, f"최종선정 결과: {moved.get_status_display()}", entry.reasons_ko[0])
