"""Registration requests: who may create them, the state table, delisting, and filling from the package."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.models import AuditEvent
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.demo.loader import TRAINING
from mfgdata.web.listings.models import Listing, RegisteredAs, Status
from mfgdata.web.listings.services import listing_act, listing_create, listing_update
from mfgdata.web.listings.states import TRANSITIONS
from mfgdata.web.training.services import training_content_publish

pytestmark = pytest.mark.django_db


def test_an_unverified_organisation_cannot_create(make_user_fixture, make_org_fixture) -> None:
    user = make_user_fixture()
    org = make_org_fixture(user)
    with pytest.raises(Refused) as refused:
        listing_create(user=user, seller=org, title_ko="x", category="quality_prediction")
    assert refused.value.code == "organisation-not-verified"


def test_training_must_be_current(operator, make_user_fixture, make_org_fixture) -> None:
    user = make_user_fixture()
    org = make_org_fixture(user, verified_by=operator)
    training_content_publish(version=1, **TRAINING)
    with pytest.raises(Refused) as refused:
        listing_create(user=User.objects.get(pk=user.pk), seller=org, title_ko="x", category="quality_prediction")
    assert refused.value.code == "training-not-current"


def test_a_processor_registers_on_behalf_with_a_revenue_share(
    operator, seller, make_user_fixture, make_org_fixture, complete_training_fixture
) -> None:
    processor = make_user_fixture()
    make_org_fixture(processor, verified_by=operator, is_processor=True)
    complete_training_fixture(User.objects.get(pk=processor.pk))
    processor = User.objects.get(pk=processor.pk)
    listing = listing_create(
        user=processor,
        seller=seller.membership.organisation,
        title_ko="대리 등록",
        category="process_optimization",
        manufacturer_share_percent=70,
    )
    assert listing.registered_as == RegisteredAs.PROCESSOR and listing.manufacturer_share_percent == 70
    assert listing.registered_by_org == processor.membership.organisation


def test_unknown_category_and_negative_price_are_refused(seller) -> None:
    org = seller.membership.organisation
    with pytest.raises(SiteError):
        listing_create(user=seller, seller=org, title_ko="x", category="not-a-category")
    with pytest.raises(SiteError) as refused:
        listing_create(
            user=seller,
            seller=org,
            title_ko="x",
            category="quality_prediction",
            price_plans=[{"id": "a", "kind": "one_off", "price_krw": -1}],
        )
    assert refused.value.code == "bad-price"


def test_another_organisation_cannot_edit_or_submit(draft, operator, make_user_fixture, make_org_fixture) -> None:
    stranger = make_user_fixture()
    make_org_fixture(stranger, verified_by=operator)
    stranger = User.objects.get(pk=stranger.pk)
    with pytest.raises(Refused) as refused:
        listing_update(user=stranger, listing=draft, title_ko="hijacked")
    assert refused.value.code == "not-your-listing"
    with pytest.raises(Refused):
        listing_act(user=stranger, listing=draft, action="submit")
    assert Listing.objects.get(pk=draft.pk).title_ko == "도금 공정 품질 데이터"


def test_submit_needs_a_verified_package(seller, draft) -> None:
    with pytest.raises(SiteError) as refused:
        listing_act(user=seller, listing=draft, action="submit")
    assert refused.value.code == "listing-incomplete"


def test_package_fills_the_basic_information(submitted) -> None:
    assert submitted.status == Status.SUBMITTED
    listing = Listing.objects.get(pk=submitted.pk)
    assert listing.process == "plating" and listing.keywords == ["도금", "품질"]
    assert listing.price_plans[0]["price_krw"] == 1_000_000 and listing.licence_id == "CC-BY-4.0"
    assert listing.data_period_start.isoformat() == "2021-09-06"


def test_moves_outside_the_table_are_refused_and_each_move_is_an_audit_event(submitted, seller) -> None:
    with pytest.raises(SiteError) as refused:
        listing_act(user=seller, listing=submitted, action="delist")
    assert refused.value.code == "transition-not-allowed"
    moves = [e.action for e in events_of(submitted)]
    assert "submit" in moves and "package-verified" in moves
    assert AuditEvent.objects.filter(action="submit", actor=seller, to_state=Status.SUBMITTED).exists()


def test_the_table_reaches_every_state() -> None:
    reached = {Status.DRAFT, *TRANSITIONS.values()}
    assert reached == set(Status.values)


def test_programme_funded_products_stay_listed_for_a_year(listed, seller) -> None:
    Listing.objects.filter(pk=listed.pk).update(programme_funded=True)
    with pytest.raises(Refused) as refused:
        listing_act(user=seller, listing=Listing.objects.get(pk=listed.pk), action="delist")
    assert refused.value.code == "minimum-listing-period"
    Listing.objects.filter(pk=listed.pk).update(listed_at=timezone.now() - timedelta(days=366))
    moved = listing_act(user=seller, listing=Listing.objects.get(pk=listed.pk), action="delist", comment="단종")
    assert moved.status == Status.DELISTED


def test_products_without_programme_funding_may_be_delisted_at_once(listed, seller) -> None:
    assert listing_act(user=seller, listing=listed, action="delist").status == Status.DELISTED
