"""The demo's programmes II: the cost accountant, a signed 상품가공 agreement with its linked listing and
obligations, a signed 구매지원 agreement with a claim from a real order — and a second load adds nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mfgdata.web.accounts.models import Role, Scope, User
from mfgdata.web.accounts.selectors import has_role
from mfgdata.web.demo.loader import PASSWORD, load_people
from mfgdata.web.demo.programmes import load_programme_calls
from mfgdata.web.demo.programmes_two import COST_ACCOUNTANT_EMAIL, load_programmes_two
from mfgdata.web.listings.models import Listing, RegisteredAs, Status
from mfgdata.web.orders.models import Order
from mfgdata.web.oversight.obligations import project_obligations
from mfgdata.web.programs.models import Agreement, AgreementStatus, Claim, ClaimStatus

pytestmark = pytest.mark.django_db


def _load(lines: list[str]) -> None:
    users = {e: User.objects.get(pk=u.pk) for e, u in load_people(lambda line: None).items()}
    load_programme_calls(users, PASSWORD, lines.append)
    load_programmes_two(users, PASSWORD, lines.append)


def _product_for_sale() -> Listing:
    seller = User.objects.get(email="seller@demo.mfgdata.kr")
    organisation = seller.membership.organisation
    return Listing.objects.create(
        seller=organisation,
        registered_by_org=organisation,
        registered_by=seller,
        registered_as=RegisteredAs.MANUFACTURER,
        slug="demo-plating",
        title_ko="도금 공정 품질 데이터",
        category="quality_prediction",
        price_plans=[{"id": "one-off", "kind": "one_off", "price_krw": 1_500_000, "period": None, "unit": None}],
        status=Status.LISTED,
        listed_at=timezone.now() - timedelta(days=1),
    )


def test_the_demo_shows_agreements_a_claim_and_obligations_once() -> None:
    load_people(lambda line: None)
    listing = _product_for_sale()
    lines: list[str] = []
    _load(lines)
    _load(lines)  # a second load finds everything made
    accountant = User.objects.get(email=COST_ACCOUNTANT_EMAIL)
    assert has_role(user=accountant, role=Role.COST_ACCOUNTANT, scope=Scope.PROGRAMME, programme_id="purchase-2023")
    assert any(COST_ACCOUNTANT_EMAIL in line for line in lines)
    processing, purchase = (
        Agreement.objects.get(call__programme_id=p) for p in ("productization-2026", "purchase-2023")
    )
    assert {processing.status, purchase.status} == {AgreementStatus.SIGNED}
    assert (processing.government_krw, processing.cash_krw, processing.in_kind_krw) == (
        40_000_000,
        5_000_000,
        5_000_000,
    )
    assert processing.application.processor.name == "데이터가공랩 주식회사"
    obligations = {row.obligation_id for row in project_obligations(processing.application)}
    assert {"listing_kept", "in_kind_evidence", "consulting", "aas_education"} <= obligations
    assert list(processing.application.project_listings.values_list("listing", flat=True)) == [listing.pk]
    claim = Claim.objects.get()
    order = Order.objects.get()
    assert (claim.agreement, claim.status) == (purchase, ClaimStatus.SUBMITTED)
    assert (claim.subsidy_krw, order.status, order.listing) == (1_200_000, "fulfilled", listing)
    assert claim.lines.get().document.kind == "receipt"
    assert Agreement.objects.count() == 2 and User.objects.filter(email=COST_ACCOUNTANT_EMAIL).count() == 1


def test_without_a_product_for_sale_the_agreements_are_skipped_saying_why() -> None:
    lines: list[str] = []
    _load(lines)
    assert not Agreement.objects.exists()
    assert any("건너뜁니다" in line for line in lines)
