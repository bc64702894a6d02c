"""Pages for agreements and claims: an agreement (budget, signing, adjustment, claims), a claim (lines,
documents, decision), a call's money report and its XLSX, and an organisation's programme page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from mfgdata.web.accounts.models import Organisation, User
from mfgdata.web.accounts.permissions import require
from mfgdata.web.accounts.selectors import organisation_of
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import allowed_actions, events_of
from mfgdata.web.orders.models import Order
from mfgdata.web.orders.pdf import document_pdf
from mfgdata.web.programs import agreement_services, claim_services, money_forms, money_selectors
from mfgdata.web.programs import money_permissions as permissions
from mfgdata.web.programs.models import Agreement, Application, Call, Claim, ClaimLine
from mfgdata.web.programs.money_exports import call_money_workbook
from mfgdata.web.programs.money_states import AGREEMENT_TRANSITIONS, BUDGET_EDITABLE, CLAIMABLE
from mfgdata.web.programs.organisation_sections import page_sections
from mfgdata.web.programs.rule_inputs import programme_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_POST
def agreement_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The operator drafts the agreement of a selected application (period from the support period)."""
    application = get_object_or_404(Application.objects.select_related("call", "organisation"), pk=pk)
    data = request.POST
    agreement = agreement_services.agreement_create(
        user=request.user,
        application=application,
        starts_on=money_forms.day(data.get("starts_on", ""), label_ko="협약 시작일", label_en="start date"),  # type: ignore[arg-type]
        ends_on=money_forms.day(data.get("ends_on", ""), label_ko="협약 종료일", label_en="end date", required=False),
        **money_forms.budget_amounts(data),
    )
    return redirect("programs:agreement", pk=agreement.pk)


def _agreement_context(user: User, agreement: Agreement) -> dict[str, object]:
    programme = programme_of(agreement.call.programme_id)
    own = organisation_of(user=user) == agreement.organisation
    takes_claims = programme.claims is not None
    return {
        "agreement": agreement,
        "programme": programme,
        "own": own,
        "can_edit_budget": agreement.status in BUDGET_EDITABLE
        and permissions.why_not_edit_budget(user=user, agreement=agreement) is None,
        "operates": permissions.is_programme_operator(user=user, programme_id=agreement.call.programme_id),
        "adjusts": permissions.why_not_adjust_government(user=user, agreement=agreement) is None,
        "moves": [a for a in allowed_actions(AGREEMENT_TRANSITIONS, agreement.status) if a != "sign"],
        "claims": agreement.claims.all() if takes_claims else None,
        "claimable": claim_services.claimable_orders(agreement=agreement)
        if takes_claims and own and agreement.status in CLAIMABLE
        else None,
        "cap_used": claim_services.cap_used(organisation=agreement.organisation, programme_id=programme.id),
        "events": events_of(agreement),
    }


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.select_related("call", "organisation", "application"), pk=pk)
    require(permissions.why_not_see_agreement(user=request.user, agreement=agreement))
    if request.method == "POST":
        result = _agreement_act(request, agreement)
        if isinstance(result, Claim):
            return redirect("programs:claim", pk=result.pk)
        return redirect("programs:agreement", pk=pk)
    return render(request, "programs/agreement.html", _agreement_context(request.user, agreement))


def _agreement_act(request: HttpRequest, agreement: Agreement) -> object:
    """One action from the agreement page; each calls exactly one service."""
    action, user, data = request.POST.get("action", ""), request.user, request.POST
    if action == "budget":
        return agreement_services.agreement_budget_update(
            user=user, agreement=agreement, **money_forms.budget_amounts(data)
        )
    if action == "sign":
        return agreement_services.agreement_sign(user=user, agreement=agreement)
    if action == "adjust":
        amount = money_forms.won(
            data.get("government_krw", ""), label_ko="정부지원금", label_en="The government amount"
        )
        return agreement_services.agreement_government_adjust(
            user=user, agreement=agreement, government_krw=amount, reason=data.get("reason", "")
        )
    if action == "claim":
        orders = _chosen_orders(request)
        return claim_services.claim_submit(user=user, agreement=agreement, orders=orders)
    if action in ("start", "complete", "terminate"):
        return agreement_services.agreement_move(
            user=user, agreement=agreement, action=action, reason=data.get("reason", "")
        )
    raise SiteError("action-unknown", f"알 수 없는 작업 '{action}'입니다.", f"Unknown action '{action}'.")


def _chosen_orders(request: HttpRequest) -> list[Order]:
    """The orders ticked on the claim form, by id; ids that are not numbers are refused."""
    ids = request.POST.getlist("order")
    if not all(i.isdigit() for i in ids):
        raise SiteError("order-invalid", "주문을 목록에서 고르세요.", "Choose orders from the list.")
    found = {o.pk: o for o in Order.objects.filter(pk__in=[int(i) for i in ids]).select_related("listing")}
    if len(found) != len(set(ids)):
        raise SiteError("order-unknown", "없는 주문이 있습니다.", "An order does not exist.")
    return [found[int(i)] for i in ids]


def _claim(request: HttpRequest, pk: int) -> Claim:
    claim = get_object_or_404(Claim.objects.select_related("agreement__call", "organisation"), pk=pk)
    require(permissions.why_not_see_agreement(user=request.user, agreement=claim.agreement))
    return claim


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    if request.method == "POST":
        approve = request.POST.get("action") == "approve"
        claim_services.claim_decide(
            user=request.user, claim=claim, approve=approve, reason=request.POST.get("reason", "")
        )
        return redirect("programs:claim", pk=pk)
    context = {
        "claim": claim,
        "lines": claim.lines.select_related("order__listing", "document"),
        "operates": permissions.is_programme_operator(
            user=request.user, programme_id=claim.agreement.call.programme_id
        ),
        "events": events_of(claim),
    }
    return render(request, "programs/claim.html", context)


@login_required
@require_GET
def claim_document(request: HttpRequest, pk: int, line: int) -> HttpResponse:
    """The tax invoice or receipt attached to one line of a claim, as a PDF."""
    claim = _claim(request, pk)
    document = get_object_or_404(ClaimLine, pk=line, claim=claim).document
    response = HttpResponse(document_pdf(document.content), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename={document.number}.pdf"
    return response


def _operator_call(request: HttpRequest, pk: int) -> Call:
    call = get_object_or_404(Call, pk=pk)
    require(permissions.why_not_operate(user=request.user, programme_id=call.programme_id))
    return call


@login_required
@require_GET
def call_money(request: HttpRequest, pk: int) -> HttpResponse:
    call = _operator_call(request, pk)
    context = {
        "call": call,
        "money": money_selectors.call_money(call=call),
        "agreements": money_selectors.call_agreements(call=call),
        "claims": money_selectors.call_claims(call=call),
        "waiting": money_selectors.selected_without_agreement(call=call),
        "support_months": programme_of(call.programme_id).support_period.months,
    }
    return render(request, "programs/call_money.html", context)


@login_required
@require_GET
def call_money_export(request: HttpRequest, pk: int) -> HttpResponse:
    call = _operator_call(request, pk)
    response = HttpResponse(call_money_workbook(call=call), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="call-{call.pk}-budget.xlsx"'
    return response


@login_required
@require_GET
def organisation_page(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """An organisation's programme page: its agreements and claims (and whatever sections are added)."""
    organisation = get_object_or_404(Organisation, pk=pk) if pk is not None else organisation_of(user=request.user)
    if organisation is None:
        raise SiteError("no-organisation", "소속 기관이 없습니다.", "You do not belong to an organisation.")
    require(permissions.why_not_see_organisation(user=request.user, organisation=organisation))
    sections = page_sections(organisation)
    context: dict[str, object] = {"organisation": organisation, "section_templates": [t for t, _ in sections]}
    for _template, section_context in sections:
        context.update(section_context)
    return render(request, "programs/organisation.html", context)
