"""Pages in the account area: create, list and revoke personal access tokens (the secret is shown once)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mfgdata.web.api import selectors, services
from mfgdata.web.api.forms import TokenForm
from mfgdata.web.api.models import AccessToken


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens and the form to create one; after creation the new secret is shown on this response only."""
    form = TokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        issued = services.access_token_create(user=request.user, **form.cleaned_data)
        form = TokenForm()
    context = {"form": form, "tokens": selectors.tokens_of(user=request.user), "issued": issued}
    response = render(request, "api/tokens.html", context)
    if issued is not None:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(AccessToken, pk=pk, user=request.user)
    services.access_token_revoke(user=request.user, token=token)
    return redirect("api-tokens:list")


def api_not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Unknown URLs under /api/ answer in the API's envelope (JSON 404), not with the site's HTML page."""
    return JsonResponse(
        {
            "code": "unknown-endpoint",
            "message": "없는 API 주소입니다. /api/v1/docs 에서 주소를 확인하세요.",
            "fields": {},
        },
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
