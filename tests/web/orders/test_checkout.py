"""Checkout through the services: server-side amounts, terms click-wrap, and every refusal of bad input."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import DatabaseError
from order_fixtures import checkout, pay

from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.amounts import amount_for_supply
from mfgdata.web.orders.models import Order, Status, TermsAcceptance
from mfgdata.web.orders.services import terms_of


def test_amount_is_supply_plus_ten_percent_vat_truncated_to_the_won() -> None:
    assert amount_for_supply(1_000_000) == amount_for_supply(1_000_000)
    amount = amount_for_supply(333_333)
    assert (amount.supply_krw, amount.vat_krw, amount.total_krw) == (333_333, 33_333, 366_666)
    assert amount_for_supply(9).vat_krw == 0


def test_checkout_records_the_terms_and_computes_the_amount(buyer: User, on_sale: Listing) -> None:
    order = checkout(buyer, on_sale, plan_id="annual", ip_address="10.0.0.1")
    assert (order.supply_krw, order.vat_krw, order.total_krw) == (333_333, 33_333, 366_666)
    assert order.status == Status.CREATED
    terms = TermsAcceptance.objects.get(pk=order.terms_id)
    assert terms.user == buyer and terms.organisation == buyer.membership.organisation
    assert terms.product_version == on_sale.version and terms.terms_sha256 == terms_of(on_sale)[1]
    assert "이용약관" in terms_of(on_sale)[0]


def test_a_tampered_amount_is_refused(buyer: User, on_sale: Listing) -> None:
    with pytest.raises(SiteError) as refused:
        checkout(buyer, on_sale, claimed_total_krw=1_000)
    assert refused.value.code == "amount-mismatch"
    assert not Order.objects.exists()


def test_the_right_claimed_amount_passes(buyer: User, on_sale: Listing) -> None:
    assert checkout(buyer, on_sale, claimed_total_krw=1_100_000).total_krw == 1_100_000


def test_a_plan_of_another_product_is_refused(buyer: User, on_sale: Listing) -> None:
    Listing.objects.filter(pk=on_sale.pk).update(price_plans=[{"id": "one-off", "kind": "one_off", "price_krw": 5}])
    with pytest.raises(SiteError) as refused:
        checkout(buyer, Listing.objects.get(pk=on_sale.pk), plan_id="annual")
    assert refused.value.code == "unknown-price-plan"


def test_without_accepting_the_current_terms_nothing_is_ordered(buyer: User, on_sale: Listing) -> None:
    with pytest.raises(SiteError) as refused:
        checkout(buyer, on_sale, accepted_terms_sha256="0" * 64)
    assert refused.value.code == "terms-not-accepted"
    assert not TermsAcceptance.objects.exists()


def test_the_seller_cannot_buy_its_own_product(seller: User, on_sale: Listing) -> None:
    with pytest.raises(Refused) as refused:
        checkout(seller, on_sale)
    assert refused.value.code == "own-product"


def test_an_unverified_organisation_cannot_buy(on_sale: Listing) -> None:
    from factories import make_organisation, make_user

    user = make_user("new@example.kr")
    make_organisation(user, name="신규기업")
    with pytest.raises(Refused) as refused:
        checkout(User.objects.get(pk=user.pk), on_sale)
    assert refused.value.code == "organisation-not-verified"


def test_a_double_click_returns_the_same_order(buyer: User, on_sale: Listing) -> None:
    key = uuid.uuid4().hex
    first = checkout(buyer, on_sale, idempotency_key=key)
    second = checkout(buyer, on_sale, idempotency_key=key)
    assert first.pk == second.pk and Order.objects.count() == 1


def test_a_second_tab_continues_the_open_order_and_a_bought_product_is_refused(buyer: User, on_sale: Listing) -> None:
    first = checkout(buyer, on_sale)
    assert checkout(buyer, on_sale).pk == first.pk
    pay(buyer, first)
    with pytest.raises(SiteError) as refused:
        checkout(buyer, on_sale)
    assert refused.value.code == "already-bought"


@pytest.mark.django_db(transaction=True)
def test_concurrent_checkouts_make_one_order_and_one_charge(buyer: User, on_sale: Listing) -> None:
    # given two requests of the same buyer arriving at once (two tabs, different keys)
    results: list[object] = []

    def attempt() -> None:
        from django.db import connection

        try:
            order = checkout(buyer, on_sale)
            results.append(pay(buyer, order).status)
        except SiteError as error:
            results.append(error.code)
        except DatabaseError:  # SQLite's in-memory test database refuses the second writer outright
            results.append("busy")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then exactly one order exists and it is charged once
    assert Order.objects.count() == 1
    order = Order.objects.get()
    assert order.status == Status.FULFILLED
    assert order.payments.filter(status="captured").count() == 1
    assert "captured" in results
