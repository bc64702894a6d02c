"""Fixtures for agreements and claims (imported by their test modules): the cost accountant, selected
applications, a signed purchase agreement and a seller whose products the buyer orders.

Selection itself is tested in `test_full_call`; here an application is given as already selected.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from claim_factories import make_listing
from factories import make_organisation, make_user
from programme_factories import PRODUCTIZATION, PURCHASE, SEOUL

from mfgdata.web.accounts.models import Role, Scope, User
from mfgdata.web.accounts.services import role_grant
from mfgdata.web.listings.models import Listing, RegisteredAs
from mfgdata.web.programs.agreement_services import agreement_create, agreement_sign
from mfgdata.web.programs.models import Agreement, Application, Call, Status
from mfgdata.web.programs.services import application_create

PURCHASE_START = date(2023, 8, 1)
PURCHASE_END = date(2023, 11, 30)
IN_PERIOD = datetime(2023, 9, 1, 14, 0, tzinfo=SEOUL)
CLAIMED_AT = datetime(2023, 10, 4, 10, 0, tzinfo=SEOUL)


@pytest.fixture
def cost_accountant(pm: User) -> User:
    user = make_user("cost@example.kr")
    make_organisation(user, name="원가계산기관")
    for programme_id in (PRODUCTIZATION, PURCHASE):
        role_grant(
            granted_by=None, user=user, role=Role.COST_ACCOUNTANT, scope=Scope.PROGRAMME, programme_id=programme_id
        )
    return User.objects.get(pk=user.pk)


@pytest.fixture
def make_selected() -> Callable[..., Application]:
    """`make_selected(user, call, participation="solo")` → that organisation's application, selected."""

    def make(user: User, call: Call, **fields: Any) -> Application:
        application = application_create(user=user, call=call)
        Application.objects.filter(pk=application.pk).update(status=Status.SELECTED, **fields)
        return Application.objects.select_related("call", "organisation").get(pk=application.pk)

    return make


@pytest.fixture
def selected(applicant: User, call: Call, make_selected: Callable[..., Application]) -> Application:
    return make_selected(applicant, call, participation="consortium")


@pytest.fixture
def market_seller(pm: User) -> User:
    user = make_user("maker@example.kr")
    make_organisation(user, verified_by=pm, name="대한도금", is_manufacturer=True)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def product(market_seller: User) -> Listing:
    return make_listing(market_seller, listed_at=datetime(2023, 7, 1, 9, 0, tzinfo=SEOUL))


@pytest.fixture
def processor_product(market_seller: User) -> Listing:
    listed = datetime(2023, 7, 1, 9, 0, tzinfo=SEOUL)
    return make_listing(market_seller, listed_at=listed, registered_as=RegisteredAs.PROCESSOR)


@pytest.fixture
def sign_purchase_agreement(
    pm: User, purchase_call: Call, make_selected: Callable[..., Application]
) -> Callable[..., Agreement]:
    """`sign_purchase_agreement(buyer, government_krw=…, cash_krw=…)` → a signed 구매지원 agreement."""

    def sign(buyer: User, *, government_krw: int = 10_000_000, cash_krw: int = 2_500_000) -> Agreement:
        application = make_selected(buyer, purchase_call)
        agreement = agreement_create(
            user=pm,
            application=application,
            starts_on=PURCHASE_START,
            government_krw=government_krw,
            cash_krw=cash_krw,
        )
        return agreement_sign(user=buyer, agreement=agreement)

    return sign
