"""Applicant pages: calls, a call's detail, the apply form (HTMX autosave), documents, my applications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mfgdata.rules.documents import applicable_documents
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.programs import permissions, selectors, services
from mfgdata.web.programs.exports import listed_products_csv
from mfgdata.web.programs.forms import application_fields, issue_date
from mfgdata.web.programs.models import Application, Call, Status
from mfgdata.web.programs.rule_inputs import applicant_kind, consulting_programmes, programme_of
from mfgdata.web.programs.states import EDITABLE
from mfgdata.web.programs.supplement_services import supplement_deadlines_enforce


def call_list(request: HttpRequest) -> HttpResponse:
    """The calls; an agency also sees the sanctions register, an operator the consulting register it keeps."""
    calls = selectors.calls()
    user = request.user
    context = {
        "calls": calls,
        "keeps_sanctions": permissions.why_not_keep_sanctions(user=user) is None,
        "operates": sorted(
            {
                c.programme_id
                for c in calls
                if user.is_authenticated
                and consulting_programmes(c.programme_id)
                and permissions.is_programme_operator(user=user, programme_id=c.programme_id)
            }
        ),
    }
    return render(request, "programs/call_list.html", context)


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    programme = programme_of(call.programme_id)
    products = selectors.listed_products() if programme.claims is not None else None
    context = {"call": call, "programme": programme, "rounds": call.rounds.all(), "products": products}
    return render(request, "programs/call_detail.html", context)


def products_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """등록상품 현황 as the purchase call's attachment (a productization call has none: 404)."""
    call = get_object_or_404(Call, pk=pk)
    if programme_of(call.programme_id).claims is None:
        raise Http404
    response = HttpResponse(listed_products_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="call-{call.pk}-listed-products.csv"'
    return response


@login_required
@require_POST
def call_new(request: HttpRequest) -> HttpResponse:
    call = services.call_open(user=request.user, programme_id=request.POST.get("programme_id", ""))
    return redirect("programs:call", pk=call.pk)


@login_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    application = services.application_create(user=request.user, call=call, round_id=request.POST.get("round") or None)
    return redirect("programs:application", pk=application.pk)


def _context(application: Application) -> dict[str, object]:
    programme = programme_of(application.call.programme_id)
    return {
        "application": application,
        "programme": programme,
        "editable": application.status in EDITABLE,
        "sections": {s.section_id: s.text for s in application.plan_sections.all()},
        "documents": application.documents.all(),
        "needed": applicable_documents(
            programme,
            participation=application.participation,
            applicant=applicant_kind(application.organisation),  # type: ignore[arg-type]
            bonus_claimed=bool(application.claimed_bonuses),
        ),
        "processors": selectors.published_processors(),
        "products": selectors.listed_products() if programme.claims is not None else None,
        "chosen_products": set(application.products.values_list("pk", flat=True)),
        "result": selectors.applicant_result(application=application),
        "supplement_requests": application.supplement_requests.all(),
        "supplement_draft": Application.objects.filter(previous=application, status=Status.DRAFT).first(),
    }


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft form (saved on every change by HTMX, or by the save button), read-only once submitted."""
    application = get_object_or_404(Application.objects.select_related("call", "organisation"), pk=pk)
    require(permissions.why_not_see_application(user=request.user, application=application))
    if request.method != "POST" and supplement_deadlines_enforce():
        application.refresh_from_db()
    if request.method == "POST":
        programme = programme_of(application.call.programme_id)
        plan_file = request.FILES.get("plan_file")
        fields = application_fields(programme, request.POST)
        services.application_update(user=request.user, application=application, plan_file=plan_file, **fields)
        if request.headers.get("HX-Request"):
            return render(request, "programs/_saved.html")
        return redirect("programs:application", pk=pk)
    return render(request, "programs/application.html", _context(application))


def _required_file(request: HttpRequest) -> UploadedFile:
    file = request.FILES.get("file")
    if file is None:
        raise SiteError("file-missing", "파일을 선택하세요.", "Choose a file.")
    return file


@login_required
@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, pk=pk)
    number = request.POST.get("number", "")
    services.application_document_add(
        user=request.user,
        application=application,
        number=int(number) if number.isdigit() else 0,
        file=_required_file(request),
        issued_on=issue_date(request.POST.get("issued_on", "")),
    )
    return redirect("programs:application", pk=pk)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, pk=pk)
    services.application_submit(user=request.user, application=application)
    return redirect("programs:mine")


@login_required
@require_POST
def supplement(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application, pk=pk)
    new = services.application_supplement(user=request.user, application=application)
    return redirect("programs:application", pk=new.pk)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    supplement_deadlines_enforce()
    applications = selectors.applications_of(user=request.user)
    return render(request, "programs/mine.html", {"applications": applications})
