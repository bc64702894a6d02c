"""Project pages: obligations with deadlines, linked listings, consulting meetings, completions, in-kind
labour evidence, the consortium share check and inspections — each form posts to one service."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.listings.models import Listing
from mfgdata.web.oversight import permissions, selectors, services
from mfgdata.web.oversight.forms import posted_date, posted_int, posted_month, posted_person_months, posted_won
from mfgdata.web.oversight.models import ConsultingTopic, InspectionKind, InspectionOutcome
from mfgdata.web.oversight.obligations import project_obligations, project_period
from mfgdata.web.programs.models import Application
from mfgdata.web.programs.permissions import is_programme_operator
from mfgdata.web.programs.rule_inputs import programme_of


def _project(request: HttpRequest, pk: int) -> Application:
    application = get_object_or_404(Application.objects.select_related("call", "organisation", "processor"), pk=pk)
    require(permissions.why_not_see_project(user=request.user, application=application))
    require(permissions.why_not_project(application))
    return application


@login_required
def project(request: HttpRequest, pk: int) -> HttpResponse:
    application = _project(request, pk)
    programme = programme_of(application.call.programme_id)
    user = request.user
    context = {
        "application": application,
        "programme": programme,
        "period": project_period(application, programme),
        "obligations": project_obligations(application),
        "links": application.project_listings.select_related("listing"),
        "own_listings": Listing.objects.filter(seller=application.organisation).exclude(
            project_links__application=application
        ),
        "meetings": application.consulting_meetings.all(),
        "completions": application.completions.all(),
        "labour": application.labour_evidence.all(),
        "inspections": application.inspections.prefetch_related("files"),
        "share": getattr(application, "consortium_share", None),
        "share_checks": selectors.share_checks(application),
        "topics": ConsultingTopic.choices,
        "kinds": InspectionKind.choices,
        "outcomes": [c for c in InspectionOutcome.choices if c[0]],
        "can_record": permissions.why_not_record_evidence(user=user, application=application) is None,
        "can_inspect": permissions.why_not_inspect(user=user, application=application) is None,
        "can_operate": is_programme_operator(user=user, programme_id=application.call.programme_id),
        "events": events_of(application),
    }
    return render(request, "oversight/project.html", context)


def _post_then_back(
    handler: Callable[[HttpRequest, Application], object],
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A project form: find the project, call its one service, go back to the project page."""

    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        application = get_object_or_404(Application, pk=pk)
        handler(request, application)
        return redirect("oversight:project", pk=pk)

    view.__name__ = handler.__name__
    view.__doc__ = handler.__doc__
    return view


@_post_then_back
def link_listing(request: HttpRequest, application: Application) -> None:
    listing = get_object_or_404(Listing, pk=posted_int(request.POST, "listing", "상품", "product"))
    services.project_listing_link(user=request.user, application=application, listing=listing)


@_post_then_back
def meeting(request: HttpRequest, application: Application) -> None:
    services.consulting_meeting_record(
        user=request.user,
        application=application,
        topic=request.POST.get("topic", ""),
        held_on=posted_date(request.POST, "held_on", "일자", "date"),
        notes=request.POST.get("notes", ""),
        file=request.FILES.get("file"),
    )


@_post_then_back
def completion(request: HttpRequest, application: Application) -> None:
    services.completion_record(
        user=request.user,
        application=application,
        person_name=request.POST.get("person_name", ""),
        completed_on=posted_date(request.POST, "completed_on", "이수일", "completion date"),
        certificate=request.FILES.get("certificate"),
    )


@_post_then_back
def labour(request: HttpRequest, application: Application) -> None:
    services.labour_evidence_record(
        user=request.user,
        application=application,
        person_name=request.POST.get("person_name", "").strip(),
        month=posted_month(request.POST, "month"),
        person_months=posted_person_months(request.POST, "person_months"),
        monthly_pay_krw=posted_won(request.POST, "monthly_pay_krw"),
        pay_record=request.FILES.get("pay_record"),
        work_log=request.FILES.get("work_log"),
    )


@_post_then_back
def inspection(request: HttpRequest, application: Application) -> None:
    services.inspection_record(
        user=request.user,
        application=application,
        kind=request.POST.get("kind", ""),
        inspected_on=posted_date(request.POST, "inspected_on", "점검일", "inspection date"),
        findings=request.POST.get("findings", ""),
        outcome=request.POST.get("outcome", ""),
        files=request.FILES.getlist("files"),
    )


@_post_then_back
def share(request: HttpRequest, application: Application) -> None:
    services.consortium_share_record(
        user=request.user,
        application=application,
        manufacturer_share_percent=posted_int(request.POST, "manufacturer_share_percent", "배분율", "share"),
    )
