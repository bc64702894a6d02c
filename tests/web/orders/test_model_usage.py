"""The model service on the site: the card on the product page, the seller's per-call plan, a buyer's
application, metering (served calls only) and the monthly usage bill with its 세금계산서."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from factories import package_files, product, upload_bytes
from model_fixtures import PRICE_PER_CALL, activate
from order_fixtures import checkout, pay
from package_zip import write_package

from mfgdata.ai_validity.inputs import PredictionInputError
from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.listings.models import Listing, UploadState
from mfgdata.web.listings.services import listing_create
from mfgdata.web.orders.models import DocumentKind, Entitlement, ModelCall, Order, PlanKind, Status, UsageBill
from mfgdata.web.orders.permissions import why_not_download
from mfgdata.web.orders.usage import model_plan_offer, model_predict, month_of
from mfgdata.web.orders.usage_billing import usage_bill_month

pytestmark = pytest.mark.django_db
Rows = Callable[[int], list[dict[str, Any]]]
LAST_MONTH = date(2026, 11, 1)


def test_the_product_page_shows_the_model_card_and_the_price_per_call(
    model_listing: Listing, buyer: User, client: Client
) -> None:
    client.force_login(buyer)
    page = client.get(f"/market/{model_listing.slug}/").content.decode()
    assert 'id="model"' in page and "모델 카드" in page
    assert "기준선 모델이 이 데이터에서 배웁니다" in page  # the verdict
    assert "force" in page and "pr_auc ★" in page and "37원" in page
    assert "/api/v1/models/" in page and "모델 API 이용 신청" in page


def test_a_product_without_a_model_offers_no_model_plan(listed: Listing, seller: User, client: Client) -> None:
    Listing.objects.filter(pk=listed.pk).update(
        price_plans=[{"id": "api", "kind": "api", "price_krw": 50, "period": None, "unit": "call"}]
    )
    page = client.get(f"/market/{listed.slug}/").content.decode()
    assert 'id="model"' not in page and "모델 API" not in page
    with pytest.raises(SiteError) as refused:
        model_plan_offer(user=seller, listing=listed, price_per_call_krw=50)
    assert refused.value.code == "no-model"


def test_a_package_whose_model_does_not_match_its_card_is_refused(
    seller: User, model_files: dict[str, bytes], tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    draft = listing_create(user=seller, seller=seller.membership.organisation, title_ko="변조", category="know_how")
    tampered = {**model_files, "model/model.txt": model_files["model/model.txt"].replace(b"tree", b"tree ", 1)}
    package = write_package(tmp_path / "bad.zip", product=product(), files={**package_files(), **tampered})
    with django_capture_on_commit_callbacks(execute=True):
        upload = upload_bytes(seller, draft, package.read_bytes())
    upload.refresh_from_db()
    assert (upload.state, upload.error_code) == (UploadState.INVALID, "package-bad-model")


def test_only_the_seller_sets_a_whole_won_price_per_call(model_listing: Listing, seller: User, buyer: User) -> None:
    with pytest.raises(Refused):
        model_plan_offer(user=buyer, listing=model_listing, price_per_call_krw=1)
    for bad in (0, -5, 2.5):
        with pytest.raises(SiteError) as refused:
            model_plan_offer(user=seller, listing=model_listing, price_per_call_krw=bad)  # type: ignore[arg-type]
        assert refused.value.code == "bad-price-per-call"
    withdrawn = model_plan_offer(user=seller, listing=model_listing, price_per_call_krw=None)
    assert not [plan for plan in withdrawn.price_plans if plan["kind"] == "api"]


def test_a_per_call_plan_is_applied_for_not_checked_out(model_listing: Listing, buyer: User) -> None:
    with pytest.raises(SiteError) as refused:
        checkout(buyer, model_listing, plan_id="model-api")
    assert refused.value.code == "per-call-plan"
    first = activate(buyer, model_listing)
    assert activate(buyer, model_listing) == first  # applying twice gives the same entitlement
    assert (first.order.status, first.order.total_krw, first.order.plan_kind) == (Status.FULFILLED, 0, PlanKind.API)
    assert first.order.plan["price_krw"] == PRICE_PER_CALL


def test_each_served_call_is_metered_once_and_refused_calls_are_not(
    model_listing: Listing, model_buyer: User, good_rows: Rows
) -> None:
    prediction, call = model_predict(user=model_buyer, listing=model_listing, rows=good_rows(3))
    assert len(prediction.as_json()) == 3 and call.rows == 3
    assert set(prediction.as_json()[0]["probabilities"]) == {"0", "1"}
    model_predict(user=model_buyer, listing=model_listing, csv_data=b"force,speed,die\n61.5,19,B\n")
    with pytest.raises(PredictionInputError) as refused:
        model_predict(user=model_buyer, listing=model_listing, rows=[{"force": "high", "speed": 20, "die": "A"}])
    assert refused.value.problems[0].column == "force" and refused.value.problems[0].row == 1
    with pytest.raises(SiteError) as too_many:
        model_predict(user=model_buyer, listing=model_listing, rows=good_rows(1001))
    assert too_many.value.code == "too-many-rows"
    calls = ModelCall.objects.filter(entitlement__organisation=model_buyer.membership.organisation)
    assert [(c.rows, c.month) for c in calls.order_by("id")] == [(3, month_of()), (1, month_of())]


def test_an_organisation_without_the_plan_is_refused_and_not_metered(
    model_listing: Listing, model_buyer: User, other_buyer: User, good_rows: Rows
) -> None:
    with pytest.raises(Refused) as refused:
        model_predict(user=other_buyer, listing=model_listing, rows=good_rows(1))
    assert refused.value.code == "not-entitled"
    assert not ModelCall.objects.exists()


def _calls_last_month(user: User, listing: Listing, count: int, rows: Rows) -> None:
    for _ in range(count):
        model_predict(user=user, listing=listing, rows=rows(2))
    ModelCall.objects.update(month=LAST_MONTH)


def test_the_monthly_bill_is_a_usage_order_with_its_tax_invoice_to_the_won(
    model_listing: Listing, model_buyer: User, good_rows: Rows
) -> None:
    # given three calls last month at 37원 per call
    _calls_last_month(model_buyer, model_listing, 3, good_rows)
    # when the month is billed (twice: the monthly job may run again)
    bills = usage_bill_month(month=LAST_MONTH)
    assert usage_bill_month(month=date(2026, 11, 17)) == []
    # then one usage order of 111원 + 11원 VAT (11.1 truncated) = 122원, with a 세금계산서 line of 3 × 37원
    assert len(bills) == 1 and (bills[0].calls, bills[0].rows, bills[0].unit_price_krw) == (3, 6, 37)
    order = bills[0].order
    assert (order.supply_krw, order.vat_krw, order.total_krw) == (111, 11, 122)
    assert order.status == Status.CREATED and order.plan["usage"] == {"month": "2026-11", "calls": 3}
    document = order.document
    assert document.kind == DocumentKind.TAX_INVOICE and document.content["total_krw"] == 122
    line = document.content["lines"][0]
    assert (line["quantity"], line["unit_price_krw"], line["supply_krw"], line["vat_krw"]) == (3, 37, 111, 11)
    assert "2026-11" in line["item"] and not ModelCall.objects.filter(bill__isnull=True).exists()


def test_paying_the_usage_order_grants_no_second_entitlement(
    model_listing: Listing, model_buyer: User, good_rows: Rows
) -> None:
    _calls_last_month(model_buyer, model_listing, 2, good_rows)
    order = usage_bill_month(month=LAST_MONTH)[0].order
    pay(model_buyer, order)
    assert Order.objects.get(pk=order.pk).status == Status.FULFILLED
    assert Entitlement.objects.filter(organisation=model_buyer.membership.organisation).count() == 1


def test_the_current_month_cannot_be_billed_and_the_command_bills_a_past_one(
    model_listing: Listing, model_buyer: User, good_rows: Rows
) -> None:
    with pytest.raises(SiteError) as refused:
        usage_bill_month(month=month_of())
    assert refused.value.code == "month-not-finished"
    _calls_last_month(model_buyer, model_listing, 2, good_rows)
    out = StringIO()
    call_command("bill_model_usage", "--month", "2026-11", stdout=out)
    assert "1건 청구, 합계 81원" in out.getvalue()  # 2 × 37 = 74원 + 7원
    assert UsageBill.objects.get().order.total_krw == 81


def test_a_buyer_applies_on_the_product_page(model_listing: Listing, buyer: User, client: Client) -> None:
    client.force_login(buyer)
    refused = client.post(f"/orders/model/{model_listing.slug}/activate/", {"plan": "model-api"})
    assert refused.status_code == 400 and not Entitlement.objects.exists()  # the terms were not accepted
    page = client.get(f"/market/{model_listing.slug}/").content.decode()
    terms = page.split('name="terms_sha256" value="')[1].split('"')[0]
    done = client.post(
        f"/orders/model/{model_listing.slug}/activate/",
        {"plan": "model-api", "terms_sha256": terms, "accept_terms": "1"},
    )
    assert done.status_code == 302 and Entitlement.objects.filter(order__plan_kind="api").count() == 1
    assert "이용 중입니다" in client.get(done["Location"]).content.decode()


def test_the_example_request_on_the_card_is_valid_json(model_listing: Listing, client: Client) -> None:
    page = client.get(f"/market/{model_listing.slug}/").content.decode()
    body = page.split('{"rows": ')[1].split("}</code>")[0].replace("&quot;", '"')
    assert json.loads(body)[0].keys() == {"force", "speed", "die"}


def test_a_buyer_sees_this_months_calls_and_can_end_the_plan(
    model_listing: Listing, model_buyer: User, good_rows: Rows, client: Client
) -> None:
    # given two calls this month
    for _ in range(2):
        model_predict(user=model_buyer, listing=model_listing, rows=good_rows(1))
    client.force_login(model_buyer)
    page = client.get(f"/market/{model_listing.slug}/").content.decode()
    assert "이번 달 호출 2회, 청구 예정 74원 (부가세 별도)" in page
    # when the buyer ends the plan
    assert client.post(f"/orders/model/{model_listing.slug}/end/").status_code == 302
    # then no further call is served, and the calls made are still billed
    with pytest.raises(Refused):
        model_predict(user=model_buyer, listing=model_listing, rows=good_rows(1))
    ModelCall.objects.update(month=LAST_MONTH)
    assert [bill.calls for bill in usage_bill_month(month=LAST_MONTH)] == [2]


def test_the_seller_sets_and_withdraws_the_price_on_the_product_page(
    model_listing: Listing, seller: User, client: Client
) -> None:
    client.force_login(seller)
    assert "호출당 가격 (원, 부가세 별도)" in client.get(f"/market/{model_listing.slug}/").content.decode()
    url = f"/orders/model/{model_listing.slug}/plan/"

    def per_call() -> list[int]:
        plans = Listing.objects.get(pk=model_listing.pk).price_plans
        return [plan["price_krw"] for plan in plans if plan["kind"] == "api"]

    assert client.post(url, {"price_per_call_krw": "1,500"}).status_code == 302
    assert per_call() == [1500]
    assert client.post(url, {"price_per_call_krw": "15원"}).status_code == 400
    assert client.post(url, {"withdraw": "1"}).status_code == 302
    assert per_call() == []


def test_a_per_call_plan_does_not_give_the_data(model_listing: Listing, model_buyer: User, client: Client) -> None:
    entitlement = Entitlement.objects.get(organisation=model_buyer.membership.organisation)
    assert why_not_download(user=model_buyer, entitlement=entitlement).code == "per-call-plan-no-download"
    client.force_login(model_buyer)
    page = client.get(f"/orders/{entitlement.order.reference}/").content.decode()
    assert "/orders/download/" not in page
