"""Pages: the training itself (content, checklist, signature) and the completion certificate."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from mfgdata.web.accounts.selectors import is_marketplace_operator, organisation_of
from mfgdata.web.core.errors import Refused
from mfgdata.web.training import selectors, services
from mfgdata.web.training.models import TrainingCompletion


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


@login_required
def course(request: HttpRequest) -> HttpResponse:
    content = selectors.current_content()
    if content is None:
        raise Http404
    if request.method == "POST":
        agreed = [int(v) for v in request.POST.getlist("item") if v.isdigit()]
        completion = services.training_complete(
            user=request.user,
            content=content,
            agreed_item_ids=agreed,
            signature_data_url=request.POST.get("signature", ""),
            typed_name=request.POST.get("typed_name", ""),
            ip_address=_client_ip(request),
        )
        return redirect("training:certificate", pk=completion.pk)
    organisation = organisation_of(user=request.user)
    status = selectors.training_status(organisation=organisation) if organisation else None
    return render(request, "training/course.html", {"content": content, "status": status})


def _visible_completion(request: HttpRequest, pk: int) -> TrainingCompletion:
    completion = get_object_or_404(TrainingCompletion.objects.select_related("content", "organisation", "user"), pk=pk)
    if completion.organisation != organisation_of(user=request.user) and not is_marketplace_operator(user=request.user):
        raise Refused(
            "not-your-certificate",
            "다른 기관의 이수증은 볼 수 없습니다.",
            "You cannot see another organisation's certificate.",
        )
    return completion


@login_required
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    completion = _visible_completion(request, pk)
    current = selectors.current_content()
    return render(
        request,
        "training/certificate.html",
        {"completion": completion, "is_current": current is not None and current.pk == completion.content_id},
    )


@login_required
def signature(request: HttpRequest, pk: int) -> HttpResponse:
    completion = _visible_completion(request, pk)
    return HttpResponse(bytes(completion.signature_png), content_type="image/png")
