"""Operator and evaluator pages: a call's queue and dashboard, one application's review, panel and site
check, the evaluator's assignments and score sheet, and the selection page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mfgdata.web.accounts.business_number import normalise_business_number
from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.programs import evaluation_services as evaluation
from mfgdata.web.programs import permissions, selectors
from mfgdata.web.programs.exports import call_workbook
from mfgdata.web.programs.forms import sheet_scores, supplement_deadline
from mfgdata.web.programs.models import Application, Assignment, Call
from mfgdata.web.programs.rule_inputs import programme_of
from mfgdata.web.programs.services import processor_pool_add
from mfgdata.web.programs.supplement_services import supplement_deadlines_enforce, supplement_request


def _operator_call(request: HttpRequest, pk: int) -> Call:
    call = get_object_or_404(Call, pk=pk)
    require(permissions.why_not_operate(user=request.user, programme_id=call.programme_id))
    return call


@login_required
def queue(request: HttpRequest, pk: int) -> HttpResponse:
    call = _operator_call(request, pk)
    supplement_deadlines_enforce()
    context = {
        "call": call,
        "programme": programme_of(call.programme_id),
        "rounds": call.rounds.all(),
        "applications": selectors.call_queue(call=call),
        "counts": selectors.stage_counts(call=call),
        "supplements": selectors.open_supplements(call=call),
    }
    return render(request, "programs/queue.html", context)


def pool(request: HttpRequest, programme_id: str) -> HttpResponse:
    """가공기업 Pool: published to everyone; the programme operator adds processors by business number."""
    if request.method == "POST":
        organisation = get_object_or_404(
            Organisation, business_number=normalise_business_number(request.POST.get("business_number", ""))
        )
        processor_pool_add(user=request.user, programme_id=programme_id, organisation=organisation)
        return redirect("programs:pool", programme_id=programme_id)
    context = {
        "programme": programme_of(programme_id),
        "entries": selectors.published_processors(),
        "can_add": request.user.is_authenticated
        and permissions.is_programme_operator(user=request.user, programme_id=programme_id),
    }
    return render(request, "programs/pool.html", context)


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    call = _operator_call(request, pk)
    response = HttpResponse(
        call_workbook(call=call), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="call-{call.pk}.xlsx"'
    return response


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """One application for the operator: the automatic review, the decision, the panel, the site check."""
    application = get_object_or_404(Application.objects.select_related("call", "organisation"), pk=pk)
    require(permissions.why_not_operate(user=request.user, programme_id=application.call.programme_id))
    if request.method == "POST":
        _act(request, application)
        return redirect("programs:review", pk=pk)
    if supplement_deadlines_enforce():
        application.refresh_from_db()
    context = {
        "application": application,
        "supplement_requests": application.supplement_requests.all(),
        "checklist": selectors.operator_checklist(application=application),
        "programme": programme_of(application.call.programme_id),
        "assignments": application.assignments.select_related("evaluator"),
        "site_checks": {c.item_id: c for c in application.site_checks.all()},
        "events": events_of(application),
    }
    return render(request, "programs/review.html", context)


def _act(request: HttpRequest, application: Application) -> None:
    """One operator action from the review page (each calls exactly one service)."""
    action, user = request.POST.get("action", ""), request.user
    if action == "run_review":
        evaluation.application_review_run(user=user, application=application)
    elif action in ("eligible", "ineligible"):
        checklist = {
            item["id"]: request.POST.get(f"check_{item['id']}") == "on"
            for item in selectors.operator_checklist(application=application)
        }
        evaluation.application_eligibility_decide(
            user=user,
            application=application,
            eligible=action == "eligible",
            reason=request.POST.get("reason", ""),
            checklist=checklist,
        )
    elif action == "assign":
        evaluator = get_object_or_404(User, email=request.POST.get("evaluator", ""))
        evaluation.evaluator_assign(user=user, application=application, evaluator=evaluator)
    elif action == "request_supplement":
        supplement_request(
            user=user,
            application=application,
            items=request.POST.get("items", ""),
            due_at=supplement_deadline(request.POST),
        )
    elif action == "evaluate":
        evaluation.application_evaluate(user=user, application=application)
    elif action == "site_check":
        check = programme_of(application.call.programme_id).site_check
        items = [i.id for i in check.items] if check else []
        evaluation.site_check_record(
            user=user,
            application=application,
            results={i: request.POST.get(f"item_{i}") == "pass" for i in items if request.POST.get(f"item_{i}")},
            notes={i: request.POST.get(f"note_{i}", "") for i in items},
            photos={i: request.FILES[f"photo_{i}"] for i in items if f"photo_{i}" in request.FILES},
        )


@login_required
def selection(request: HttpRequest, pk: int) -> HttpResponse:
    call = _operator_call(request, pk)
    if request.method == "POST":
        evaluation.call_select(user=request.user, call=call, round_id=request.POST.get("round") or None)
        return redirect("programs:selection", pk=pk)
    context = {"call": call, "applications": selectors.call_queue(call=call), "rounds": call.rounds.all()}
    return render(request, "programs/selection.html", context)


@login_required
def assignments(request: HttpRequest) -> HttpResponse:
    return render(request, "programs/assignments.html", {"assignments": selectors.assignments_of(user=request.user)})


@login_required
def sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluator's score sheet for one assigned application (anyone else is refused)."""
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    assignment = Assignment.objects.filter(application=application, evaluator=request.user).first()
    require(permissions.why_not_score(user=request.user, assignment=assignment))
    programme = programme_of(application.call.programme_id)
    if request.method == "POST":
        scores, comments = sheet_scores(programme, request.POST)
        evaluation.score_sheet_submit(user=request.user, application=application, scores=scores, comments=comments)
        return redirect("programs:assignments")
    context = {
        "application": application,
        "assignment": assignment,
        "programme": programme,
        "sections": {s.section_id: s.text for s in application.plan_sections.all()},
    }
    return render(request, "programs/sheet.html", context)


@login_required
@require_POST
def conflict(request: HttpRequest, pk: int) -> HttpResponse:
    """An evaluator declares a conflict with the applicant of an assigned application."""
    application = get_object_or_404(Application, pk=pk, assignments__evaluator=request.user)
    evaluation.conflict_declare(
        user=request.user, organisation=application.organisation, reason=request.POST.get("reason", "")
    )
    return redirect("programs:assignments")
