"""Pages: the member's home, business registration, the operator's verification queue."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from mfgdata.web.accounts import selectors, services
from mfgdata.web.accounts.forms import OrganisationForm, VerifyForm
from mfgdata.web.accounts.models import Organisation
from mfgdata.web.accounts.permissions import require, why_not_verify_organisation


@login_required
def home(request: HttpRequest) -> HttpResponse:
    from mfgdata.web.listings.selectors import listings_of_organisation
    from mfgdata.web.training.selectors import training_status

    organisation = selectors.organisation_of(user=request.user)
    context = {
        "organisation": organisation,
        "is_operator": selectors.is_marketplace_operator(user=request.user),
        "notifications": request.user.notifications.all()[:10],
        "listings": listings_of_organisation(organisation=organisation) if organisation else [],
        "training": training_status(organisation=organisation) if organisation else None,
    }
    return render(request, "accounts/home.html", context)


@login_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.organisation_register(user=request.user, **form.cleaned_data)
        return redirect("accounts:home")
    return render(request, "accounts/organisation_form.html", {"form": form})


@login_required
def verification_queue(request: HttpRequest) -> HttpResponse:
    if not selectors.is_marketplace_operator(user=request.user):
        require(why_not_verify_organisation(user=request.user, organisation=Organisation()))
    return render(
        request,
        "accounts/verification_queue.html",
        {"organisations": selectors.organisations_awaiting_verification(), "form": VerifyForm()},
    )


@login_required
def organisation_verify(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.organisation_verify(
            operator=request.user,
            organisation=organisation,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
        )
    return redirect("accounts:verification-queue")
