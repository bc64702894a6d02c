"""Fixtures for 사후관리: programme people, selected projects, listings and paid orders made directly.

Projects are selected applications; the selection itself is tested in tests/web/programs, so here a
project is written in its selected state with the `select` audit event the project period starts from.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from factories import make_organisation, make_user
from programme_factories import PRODUCTIZATION, PURCHASE, SEOUL

from mfgdata.web.accounts.models import Organisation, Role, Scope, User
from mfgdata.web.accounts.services import role_grant
from mfgdata.web.core.models import AuditEvent
from mfgdata.web.core.statemachine import record_event
from mfgdata.web.listings.models import Listing, RegisteredAs, Status
from mfgdata.web.orders.models import Order, TermsAcceptance
from mfgdata.web.programs.models import Application, Call
from mfgdata.web.programs.models import Status as ApplicationStatus
from mfgdata.web.programs.services import call_open

SELECTED_AT = datetime(2026, 4, 1, 10, 0, tzinfo=SEOUL)


def _grant(user: User, role: str, *programmes: str) -> None:
    for programme_id in programmes:
        role_grant(granted_by=None, user=user, role=role, scope=Scope.PROGRAMME, programme_id=programme_id)


@pytest.fixture
def people(db: None) -> dict[str, User]:
    """The agency, the programme operator and the auditor of both programmes, and a marketplace operator."""
    found = {name: make_user(f"{name}@example.kr") for name in ("agency", "pm", "auditor", "market")}
    for name, user in found.items():
        make_organisation(user, name=f"{name} 기관")
    _grant(found["agency"], Role.AGENCY, PRODUCTIZATION, PURCHASE)
    _grant(found["pm"], Role.PROGRAMME_OPERATOR, PRODUCTIZATION, PURCHASE)
    _grant(found["auditor"], Role.AUDITOR, PRODUCTIZATION, PURCHASE)
    role_grant(granted_by=None, user=found["market"], role=Role.MARKETPLACE_OPERATOR, scope=Scope.MARKETPLACE)
    return {name: User.objects.get(pk=user.pk) for name, user in found.items()}


@pytest.fixture
def pm(people: dict[str, User]) -> User:
    return people["pm"]


@pytest.fixture
def make_member(people: dict[str, User]) -> Callable[..., User]:
    def make(name: str, **flags: Any) -> User:
        user = make_user()
        make_organisation(user, verified_by=people["market"], name=name, **flags)
        return User.objects.get(pk=user.pk)

    return make


@pytest.fixture
def maker(make_member: Callable[..., User]) -> User:
    return make_member("한빛정밀", is_manufacturer=True)


@pytest.fixture
def make_project(people: dict[str, User]) -> Callable[..., Application]:
    """`make_project(member, programme_id=..., processor=org, selected_at=...)` → a selected application."""
    calls: dict[str, Call] = {}

    def make(
        member: User,
        programme_id: str = PRODUCTIZATION,
        processor: Organisation | None = None,
        selected_at: datetime = SELECTED_AT,
    ) -> Application:
        if programme_id not in calls:
            calls[programme_id] = call_open(user=people["agency"], programme_id=programme_id)
        application = Application.objects.create(
            call=calls[programme_id],
            round_id=calls[programme_id].rounds.first().round_id,  # type: ignore[union-attr]
            organisation=member.membership.organisation,
            created_by=member,
            status=ApplicationStatus.SELECTED,
            participation="consortium" if processor else "solo",
            processor=processor,
            submitted_at=selected_at,
        )
        event = record_event(target=application, action="select", actor=people["pm"])
        AuditEvent.objects.filter(pk=event.pk).update(created_at=selected_at)
        return application

    return make


@pytest.fixture
def make_listing() -> Callable[..., Listing]:
    """`make_listing(member, listed_at=..., **fields)` → a listing of the member's organisation."""
    counter = iter(range(1, 10_000))

    def make(member: User, listed_at: datetime | None = SELECTED_AT, **fields: Any) -> Listing:
        number = next(counter)
        organisation = member.membership.organisation
        values = {
            "seller": organisation,
            "registered_by_org": organisation,
            "registered_by": member,
            "registered_as": RegisteredAs.MANUFACTURER,
            "slug": f"product-{number}-{organisation.pk}",
            "title_ko": f"도금 품질 데이터 {number}",
            "category": "quality_prediction",
            "process": "plating",
            "price_plans": [{"id": "one", "kind": "one_off", "price_krw": 1_000_000}],
            "status": Status.LISTED if listed_at else Status.DRAFT,
            "listed_at": listed_at,
        }
        return Listing.objects.create(**(values | fields))

    return make


@pytest.fixture
def make_order() -> Callable[..., Order]:
    """`make_order(buyer_member, listing, paid_at, refunded_at=None)` → a paid (or refunded) order."""

    def make(buyer: User, listing: Listing, paid_at: datetime, refunded_at: datetime | None = None) -> Order:
        organisation = buyer.membership.organisation
        terms = TermsAcceptance.objects.create(
            organisation=organisation, user=buyer, listing=listing, product_version="1.0.0", terms_sha256="0" * 64
        )
        return Order.objects.create(
            buyer=organisation,
            placed_by=buyer,
            listing=listing,
            product_version="1.0.0",
            plan_id="one",
            plan_kind="one_off",
            plan={"id": "one", "price_krw": 1_000_000},
            supply_krw=1_000_000,
            vat_krw=100_000,
            total_krw=1_100_000,
            method="transfer",
            terms=terms,
            idempotency_key=f"k{listing.pk}-{paid_at.timestamp()}",
            status="refunded" if refunded_at else "fulfilled",
            paid_at=paid_at,
            refunded_at=refunded_at,
        )

    return make
