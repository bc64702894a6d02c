"""Seller and operator pages: sales per product (CSV), settlements and payouts, trade records."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from mfgdata.web.accounts.models import Organisation
from mfgdata.web.accounts.selectors import is_marketplace_operator, organisation_of
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.orders.models import Settlement
from mfgdata.web.orders.sales_export import sales_xlsx
from mfgdata.web.orders.selectors import sales_by_product, sales_csv, trade_records
from mfgdata.web.orders.settlement import payable_by_organisation, payout_record, settlement_create


def _own_organisation(request: HttpRequest) -> Organisation:
    organisation = organisation_of(user=request.user)
    if organisation is None:
        raise Refused("no-organisation", "먼저 사업자 정보를 등록하세요.", "Register your business first.")
    return organisation


def _date(text: str, default: date) -> date:
    try:
        return date.fromisoformat(text) if text else default
    except ValueError:
        raise SiteError("bad-date", "날짜는 YYYY-MM-DD 형식으로 적어 주세요.", "Dates are YYYY-MM-DD.") from None


@login_required
@require_GET
def sales(request: HttpRequest) -> HttpResponse:
    organisation = _own_organisation(request)
    settlements = Settlement.objects.filter(seller=organisation)
    return render(
        request, "orders/sales.html", {"rows": sales_by_product(organisation=organisation), "settlements": settlements}
    )


@login_required
@require_GET
def sales_export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(sales_csv(organisation=_own_organisation(request)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = "attachment; filename=sales.csv"
    return response


@login_required
@require_GET
def sales_export_xlsx(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        sales_xlsx(organisation=_own_organisation(request)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename=sales.xlsx"
    return response


@login_required
@require_GET
def trade_record_list(request: HttpRequest) -> JsonResponse:
    organisation = _own_organisation(request)
    start = _date(request.GET.get("start", ""), date(2000, 1, 1))
    end = _date(request.GET.get("end", ""), date(2100, 1, 1))
    events = trade_records(organisation=organisation, start=start, end=end)
    rows = [
        {
            "kind": e.kind,
            "occurred_at": e.occurred_at.isoformat(),
            "listing": e.listing_id,
            "title": e.title,
            "amount_krw": e.amount_krw,
            "order": e.order,
        }
        for e in events
    ]
    return JsonResponse(
        {"organisation": organisation.business_number, "events": rows}, json_dumps_params={"ensure_ascii": False}
    )


@login_required
def settlement_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        seller = get_object_or_404(Organisation, pk=request.POST.get("seller"))
        month = _date(request.POST.get("month", "") + "-01" if request.POST.get("month") else "", date.today())
        settlement = settlement_create(operator=request.user, seller=seller, month=month)
        return redirect("orders:settlement", pk=settlement.pk)
    operator = is_marketplace_operator(user=request.user)
    own = organisation_of(user=request.user)
    settlements = Settlement.objects.all() if operator else Settlement.objects.filter(seller=own)
    sellers = Organisation.objects.filter(listings__isnull=False).distinct() if operator else []
    return render(
        request, "orders/settlements.html", {"settlements": settlements, "operator": operator, "sellers": sellers}
    )


@login_required
@require_GET
def settlement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    settlement = get_object_or_404(Settlement, pk=pk)
    own = organisation_of(user=request.user)
    operator = is_marketplace_operator(user=request.user)
    owed = payable_by_organisation(settlement)
    if not operator and (own is None or (own.pk not in owed and own.pk != settlement.seller_id)):
        raise Refused(
            "not-your-settlement", "다른 기관의 정산서입니다.", "This settlement belongs to another organisation."
        )
    recipients = [(Organisation.objects.get(pk=pk_), amount) for pk_, amount in owed.items()]
    context = {
        "settlement": settlement,
        "lines": settlement.lines.select_related("order", "order__listing"),
        "recipients": recipients,
        "payouts": settlement.payouts.all(),
        "operator": operator,
    }
    return render(request, "orders/settlement.html", context)


@login_required
@require_POST
def payout(request: HttpRequest, pk: int) -> HttpResponse:
    settlement = get_object_or_404(Settlement, pk=pk)
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation"))
    payout_record(
        operator=request.user,
        settlement=settlement,
        organisation=organisation,
        bank_reference=request.POST.get("bank_reference", ""),
    )
    return redirect("orders:settlement", pk=settlement.pk)
