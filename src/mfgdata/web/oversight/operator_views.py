"""The programme operator's pages: projects and obligations due (with the XLSX export), contact facts,
integrity flags — scan, confirm or dismiss, and the measures on a confirmed flag."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mfgdata.web.accounts.business_number import normalise_business_number
from mfgdata.web.accounts.models import Organisation
from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.oversight import integrity_services, permissions, selectors, services
from mfgdata.web.oversight.exports import obligations_workbook
from mfgdata.web.oversight.forms import posted_date, posted_won
from mfgdata.web.oversight.integrity_facts import thresholds
from mfgdata.web.oversight.models import FlagStatus, IntegrityFlag, MeasureKind
from mfgdata.web.programs.models import Claim, ClaimStatus
from mfgdata.web.programs.rule_inputs import programme_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _operator(request: HttpRequest, programme_id: str) -> None:
    programme_of(programme_id)
    require(permissions.why_not_operate(user=request.user, programme_id=programme_id))


@login_required
def dashboard(request: HttpRequest, programme_id: str) -> HttpResponse:
    _operator(request, programme_id)
    context = {
        "programme": programme_of(programme_id),
        "projects": selectors.projects(programme_id=programme_id),
        "due": selectors.obligations_due(programme_id=programme_id),
        "open_flags": selectors.flags_of(programme_id=programme_id, status=FlagStatus.OPEN).count(),
    }
    return render(request, "oversight/dashboard.html", context)


@login_required
def export(request: HttpRequest, programme_id: str) -> HttpResponse:
    _operator(request, programme_id)
    response = HttpResponse(obligations_workbook(programme_id=programme_id), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="obligations-due-{programme_id}.xlsx"'
    return response


@login_required
@require_POST
def contact(request: HttpRequest, programme_id: str) -> HttpResponse:
    """The operator records an organisation's phone and bank account, found by its business number."""
    organisation = get_object_or_404(
        Organisation, business_number=normalise_business_number(request.POST.get("business_number", ""))
    )
    services.organisation_contact_record(
        user=request.user,
        organisation=organisation,
        programme_id=programme_id,
        phone=request.POST.get("phone", ""),
        bank_account=request.POST.get("bank_account", ""),
    )
    return redirect("oversight:flags", programme_id=programme_id)


@login_required
def flags(request: HttpRequest, programme_id: str) -> HttpResponse:
    _operator(request, programme_id)
    if request.method == "POST":
        integrity_services.integrity_scan(user=request.user, programme_id=programme_id)
        return redirect("oversight:flags", programme_id=programme_id)
    context = {
        "programme": programme_of(programme_id),
        "flags": selectors.flags_of(programme_id=programme_id),
        "thresholds": thresholds(),
    }
    return render(request, "oversight/flags.html", context)


@login_required
def flag(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(IntegrityFlag, pk=pk)
    _operator(request, found.programme_id)
    context = {
        "flag": found,
        "programme": programme_of(found.programme_id),
        "organisations": found.organisations.all(),
        "measures": found.measures.select_related("organisation", "sanction"),
        "measure_kinds": MeasureKind.choices,
        "claims": Claim.objects.filter(
            organisation__in=found.organisations.all(),
            status=ClaimStatus.APPROVED,
            agreement__call__programme_id=found.programme_id,
        ).select_related("organisation"),
        "events": events_of(found),
    }
    return render(request, "oversight/flag.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(IntegrityFlag, pk=pk)
    action = request.POST.get("action", "")
    if action not in ("confirm", "dismiss"):
        raise SiteError("decision-unknown", "확인 또는 기각을 고르세요.", "Choose confirm or dismiss.")
    integrity_services.flag_decide(
        user=request.user, flag=found, confirm=action == "confirm", note=request.POST.get("note", "")
    )
    return redirect("oversight:flag", pk=pk)


@login_required
@require_POST
def measure(request: HttpRequest, pk: int) -> HttpResponse:
    """환수, 참여배제 or 형사고발 on a confirmed flag, for one of the organisations it concerns."""
    found = get_object_or_404(IntegrityFlag, pk=pk)
    post = request.POST
    organisation = get_object_or_404(Organisation, pk=post.get("organisation", "0") or 0)
    kind, note = post.get("kind", ""), post.get("note", "")
    common = {"user": request.user, "flag": found, "organisation": organisation, "note": note}
    if kind == MeasureKind.RECOVERY:
        claim = get_object_or_404(Claim, pk=post["claim"]) if post.get("claim", "").isdigit() else None
        integrity_services.recovery_decide(
            **common,
            amount_krw=posted_won(post, "amount_krw"),
            decided_on=posted_date(post, "on", "일자", "date"),
            claim=claim,
        )
    elif kind == MeasureKind.EXCLUSION:
        integrity_services.exclusion_decide(
            **common,
            starts_on=posted_date(post, "on", "시작일", "start date"),
            ends_on=posted_date(post, "ends_on", "종료일", "end date"),
        )
    elif kind == MeasureKind.CRIMINAL_COMPLAINT:
        integrity_services.complaint_record(
            **common, filed_on=posted_date(post, "on", "고발일", "filing date"), reference=post.get("reference", "")
        )
    else:
        raise SiteError(
            "measure-unknown", "환수, 참여배제, 형사고발 중에서 고르세요.", "Choose recovery, exclusion or complaint."
        )
    return redirect("oversight:flag", pk=pk)
