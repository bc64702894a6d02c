"""The registers' pages: the agency's sanctions register and an operator's consulting register, each with its
entries, past imports and an upload form. A refused file comes back with every bad row and column listed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from mfgdata.web.accounts.permissions import require
from mfgdata.web.core.errors import SiteError
from mfgdata.web.programs import permissions
from mfgdata.web.programs.models import ConsultingRecord, RegisterImport, RegisterKind, SanctionEntry
from mfgdata.web.programs.register_files import RegisterFileError
from mfgdata.web.programs.register_services import SCOPE_LABELS, consulting_import, sanctions_import
from mfgdata.web.programs.rule_inputs import consulting_programmes, programme_of


def _upload(request: HttpRequest) -> Any:
    file = request.FILES.get("file")
    if file is None:
        raise SiteError("file-missing", "파일을 선택하세요.", "Choose a file.")
    return file


def _page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "programs/register.html", context, status=status)


@login_required
def sanctions(request: HttpRequest) -> HttpResponse:
    """제재 목록: the agency imports it from CSV/XLSX; the review consults it by 사업자등록번호."""
    require(permissions.why_not_keep_sanctions(user=request.user))
    context: dict[str, Any] = {
        "kind": RegisterKind.SANCTIONS,
        "entries": SanctionEntry.objects.select_related("organisation").order_by("-starts_on", "business_number"),
        "imports": RegisterImport.objects.filter(kind=RegisterKind.SANCTIONS)[:10],
        "scope_labels": SCOPE_LABELS,
    }
    if request.method == "POST":
        try:
            sanctions_import(user=request.user, file=_upload(request))
        except RegisterFileError as error:
            return _page(request, context | {"errors": error.errors}, status=400)
        return redirect("programs:sanctions")
    return _page(request, context)


@login_required
def consulting(request: HttpRequest, programme_id: str) -> HttpResponse:
    """컨설팅 완료 목록 of a programme's bonus: the operator imports who completed the external consulting."""
    require(permissions.why_not_operate(user=request.user, programme_id=programme_id))
    names = consulting_programmes(programme_id)
    context: dict[str, Any] = {
        "kind": RegisterKind.CONSULTING,
        "programme": programme_of(programme_id),
        "consulting_programmes": names,
        "entries": ConsultingRecord.objects.filter(programme__in=names).select_related("organisation"),
        "imports": RegisterImport.objects.filter(kind=RegisterKind.CONSULTING)[:10],
    }
    if request.method == "POST":
        try:
            consulting_import(
                user=request.user,
                programme_id=programme_id,
                consulting_programme=request.POST.get("consulting_programme", ""),
                file=_upload(request),
            )
        except RegisterFileError as error:
            return _page(request, context | {"errors": error.errors}, status=400)
        return redirect("programs:consulting", programme_id=programme_id)
    return _page(request, context)
