"""HTTP: agreement, claim, budget report and organisation pages — who sees them, what their forms do, and
bad input refused with a clear Korean reason and nothing saved lost."""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl
import pytest
from claim_factories import make_paid_order
from django.test import Client
from django.utils import timezone
from money_fixtures import CLAIMED_AT, IN_PERIOD

from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.programs.agreement_services import agreement_create, agreement_move, agreement_sign
from mfgdata.web.programs.claim_services import claim_submit
from mfgdata.web.programs.models import Agreement, Application, Call, Claim, ClaimStatus

pytestmark = pytest.mark.django_db


def _form(government: str, cash: str, in_kind: str = "0", starts: str = "2026-04-01", **extra: str) -> dict:
    return {"starts_on": starts, "government_krw": government, "cash_krw": cash, "in_kind_krw": in_kind, **extra}


def test_the_operator_makes_the_worked_example_agreement_from_the_budget_page(
    client: Client, pm: User, call: Call, selected: Application
) -> None:
    client.force_login(pm)
    page = client.get(f"/programs/operator/calls/{call.pk}/budget/").content.decode()
    assert selected.organisation.name in page and "협약 만들기" in page
    review = client.get(f"/programs/operator/applications/{selected.pk}/").content.decode()
    assert f'href="/programs/operator/calls/{call.pk}/budget/"' in review
    response = client.post(
        f"/programs/operator/applications/{selected.pk}/agreement/", _form("50,000,000", "1,250,000", "11,250,000원")
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response.url == f"/programs/agreements/{agreement.pk}/"
    page = client.get(response.url).content.decode()
    assert "62,500,000원" in page and "2026-04-01 ~ 2026-07-31" in page and "지원기간 4개월" in page
    review = client.get(f"/programs/operator/applications/{selected.pk}/").content.decode()
    assert f'href="/programs/agreements/{agreement.pk}/"' in review


def test_a_budget_breaking_a_rule_is_refused_with_the_rule_and_the_numbers(
    client: Client, pm: User, selected: Application
) -> None:
    client.force_login(pm)
    response = client.post(f"/programs/operator/applications/{selected.pk}/agreement/", _form("40000001", "10000000"))
    body = response.content.decode()
    assert response.status_code == 400
    assert "40,000,001원" in body and "80%" in body and "Traceback" not in body
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    ("form", "says"),
    [
        (_form("오천만원", "1000"), "원 단위 정수"),
        (_form("40000000", "10000000", starts="2026/04/01"), "2026-04-01 형식"),
        (_form("40000000", "10000000", ends_on="2026-08-31"), "지원기간 4개월"),
    ],
)
def test_bad_agreement_input(client: Client, pm: User, selected: Application, form: dict, says: str) -> None:
    client.force_login(pm)
    response = client.post(f"/programs/operator/applications/{selected.pk}/agreement/", form)
    assert response.status_code == 400 and says in response.content.decode()


def test_the_applicant_cannot_make_its_own_agreement(client: Client, applicant: User, selected: Application) -> None:
    client.force_login(applicant)
    response = client.post(f"/programs/operator/applications/{selected.pk}/agreement/", _form("40000000", "10000000"))
    assert response.status_code == 403 and not Agreement.objects.exists()


def test_sign_and_adjust_over_http(
    client: Client, pm: User, applicant: User, cost_accountant: User, selected: Application
) -> None:
    agreement = agreement_create(
        user=pm, application=selected, starts_on=IN_PERIOD.date(), government_krw=40_000_000, cash_krw=10_000_000
    )
    url = f"/programs/agreements/{agreement.pk}/"
    client.force_login(applicant)
    assert "협약 체결하기" in client.get(url).content.decode()
    client.post(url, {"action": "sign"})
    assert Agreement.objects.get().status == "signed"
    client.force_login(cost_accountant)
    refused = client.post(url, {"action": "adjust", "government_krw": "36000000", "reason": ""})
    assert refused.status_code == 400 and "조정 사유" in refused.content.decode()
    client.post(url, {"action": "adjust", "government_krw": "36,000,000", "reason": "원가계산 결과"})
    page = client.get(url).content.decode()
    assert "40,000,000원 → 36,000,000원: 원가계산 결과" in page
    client.force_login(pm)
    assert client.post(url, {"action": "adjust", "government_krw": "1", "reason": "x"}).status_code == 403


@pytest.fixture
def buyer(make_applicant: Callable[..., User]) -> User:
    return make_applicant("buyer@example.kr", name="대성금속")


@pytest.fixture
def agreement(buyer: User, sign_purchase_agreement: Callable[..., Agreement]) -> Agreement:
    return sign_purchase_agreement(buyer)


def test_the_buyer_claims_orders_and_the_operator_returns_then_approves(
    client: Client, pm: User, buyer: User, agreement: Agreement, product: Listing
) -> None:
    orders = [make_paid_order(buyer, product, supply_krw=p, paid_at=IN_PERIOD) for p in (7_000_000, 6_000_000)]
    client.force_login(buyer)
    page = client.get(f"/programs/agreements/{agreement.pk}/").content.decode()
    assert product.title_ko in page and "매출전표" in page
    # claimed today (after the purchase year of these 2023 orders) the claim is refused, saying why
    refused = client.post(f"/programs/agreements/{agreement.pk}/", {"action": "claim", "order": [orders[0].pk]})
    assert refused.status_code == 400 and "2023-12-31" in refused.content.decode()
    claim = claim_submit(user=buyer, agreement=agreement, orders=orders, now=CLAIMED_AT)
    page = client.get(f"/programs/claims/{claim.pk}/").content.decode()
    assert "10,000,000원" in page and orders[1].reference in page
    line = claim.lines.first()
    pdf = client.get(f"/programs/claims/{claim.pk}/lines/{line.pk}/document.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client.post(f"/programs/claims/{claim.pk}/", {"action": "approve"}).status_code == 403
    client.force_login(pm)
    assert client.post(f"/programs/claims/{claim.pk}/", {"action": "return"}).status_code == 400
    client.post(f"/programs/claims/{claim.pk}/", {"action": "return", "reason": "세금계산서 확인 필요"})
    assert Claim.objects.get().status == ClaimStatus.RETURNED
    again = claim_submit(user=buyer, agreement=agreement, orders=orders, now=CLAIMED_AT)
    client.post(f"/programs/claims/{again.pk}/", {"action": "approve"})
    assert Claim.objects.get(pk=again.pk).status == ClaimStatus.APPROVED


def test_another_organisation_sees_neither_the_agreement_nor_the_claim(
    client: Client, buyer: User, agreement: Agreement, product: Listing, make_applicant: Callable[..., User]
) -> None:
    order = make_paid_order(buyer, product, supply_krw=1_000_000, paid_at=IN_PERIOD)
    claim = claim_submit(user=buyer, agreement=agreement, orders=[order], now=CLAIMED_AT)
    client.force_login(make_applicant())
    assert client.get(f"/programs/agreements/{agreement.pk}/").status_code == 403
    assert client.get(f"/programs/claims/{claim.pk}/").status_code == 403
    assert client.get(f"/programs/claims/{claim.pk}/lines/{claim.lines.get().pk}/document.pdf").status_code == 403
    assert client.get(f"/programs/organisations/{buyer.membership.organisation.pk}/").status_code == 403


def test_the_budget_report_and_its_xlsx(
    client: Client, pm: User, purchase_call: Call, buyer: User, agreement: Agreement, product: Listing
) -> None:
    order = make_paid_order(buyer, product, supply_krw=5_000_000, paid_at=IN_PERIOD)
    claim_submit(user=buyer, agreement=agreement, orders=[order], now=CLAIMED_AT)
    client.force_login(buyer)
    assert client.get(f"/programs/operator/calls/{purchase_call.pk}/budget/").status_code == 403
    client.force_login(pm)
    page = client.get(f"/programs/operator/calls/{purchase_call.pk}/budget/").content.decode()
    assert "10,000,000원" in page and "4,000,000원" in page and "대성금속" in page
    response = client.get(f"/programs/operator/calls/{purchase_call.pk}/budget.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["요약", "협약", "지급요청"]
    summary = {row[0]: row[1] for row in book["요약"].iter_rows(values_only=True)}
    assert summary["예산(원)"] == 500_000_000 and summary["협약 정부지원금 합계(원)"] == 10_000_000
    assert summary["지급요청액(반려 제외, 원)"] == 4_000_000 and summary["지급 승인액(원)"] == 0
    claims = list(book["지급요청"].iter_rows(values_only=True))
    assert claims[1][1:5] == ("대성금속", "승인 대기", "2023-10-04 10:00", order.reference)
    assert (claims[1][7], claims[1][8], claims[1][9]) == (5_000_000, 4_000_000, "매출전표 (카드 영수증)")


def test_the_organisation_page_shows_its_agreements_and_claims(
    client: Client, pm: User, buyer: User, agreement: Agreement, product: Listing
) -> None:
    order = make_paid_order(buyer, product, supply_krw=2_000_000, paid_at=IN_PERIOD)
    claim_submit(user=buyer, agreement=agreement, orders=[order], now=CLAIMED_AT)
    client.force_login(buyer)
    page = client.get("/programs/organisation/").content.decode()
    assert 'data-section="agreements"' in page and 'data-section="claims"' in page
    assert "2023-08-01 ~ 2023-11-30" in page and "1,600,000원" in page
    client.force_login(pm)
    other = client.get(f"/programs/organisations/{buyer.membership.organisation.pk}/").content.decode()
    assert "1,600,000원" in other


def test_the_claim_form_offers_orders_of_the_period_and_refuses_bad_choices(
    client: Client, buyer: User, agreement: Agreement, product: Listing
) -> None:
    inside = make_paid_order(buyer, product, supply_krw=1_000_000, paid_at=IN_PERIOD)
    before = make_paid_order(buyer, product, supply_krw=2_000_000, paid_at=IN_PERIOD.replace(month=7, day=31))
    client.force_login(buyer)
    url = f"/programs/agreements/{agreement.pk}/"
    page = client.get(url).content.decode()
    assert f'value="{inside.pk}"' in page and f'value="{before.pk}"' not in page
    for data, says in [
        ({"action": "claim"}, "지급요청할 주문을 고르세요"),
        ({"action": "claim", "order": ["x1"]}, "주문을 목록에서 고르세요"),
        ({"action": "claim", "order": ["999999"]}, "없는 주문"),
        ({"action": "fly"}, "알 수 없는 작업"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400 and says in response.content.decode(), data
    assert not Claim.objects.exists()


def test_completing_a_processing_agreement_before_its_end_is_a_400_saying_to_terminate(
    client: Client, pm: User, applicant: User, selected: Application
) -> None:
    agreement = agreement_create(
        user=pm, application=selected, starts_on=timezone.localdate(), government_krw=40_000_000, cash_krw=10_000_000
    )
    agreement_move(user=pm, agreement=agreement_sign(user=applicant, agreement=agreement), action="start")
    client.force_login(pm)
    url = f"/programs/agreements/{agreement.pk}/"
    refused = client.post(url, {"action": "complete", "reason": "일찍 끝남"})
    assert refused.status_code == 400
    assert "아직 완료할 수 없습니다" in refused.content.decode() and "해지" in refused.content.decode()
    assert Agreement.objects.get().status == "in_progress"
