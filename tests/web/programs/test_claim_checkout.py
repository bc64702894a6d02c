"""A claim built from an order bought through the marketplace's own checkout and sandbox payment."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from factories import complete_training
from order_fixtures import build_package, checkout, on_sale, pay  # noqa: F401

from mfgdata.rules.programme import SEOUL
from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.programs.agreement_services import agreement_create, agreement_sign
from mfgdata.web.programs.claim_services import claim_submit, claimable_orders
from mfgdata.web.programs.models import Application, Call


def test_a_paid_marketplace_order_is_claimed_with_its_receipt(
    pm: User,
    make_applicant: Callable[..., User],
    purchase_call: Call,
    make_selected: Callable[..., Application],
    on_sale: Listing,  # noqa: F811
) -> None:
    # given a buyer with a signed agreement starting today, who buys and pays by card on the marketplace
    buyer = make_applicant("buyer@example.kr", name="대성금속")
    complete_training(buyer)
    buyer = User.objects.get(pk=buyer.pk)
    today = timezone.now().astimezone(SEOUL).date()
    application = make_selected(buyer, purchase_call)
    agreement = agreement_create(
        user=pm, application=application, starts_on=today, government_krw=800_000, cash_krw=200_000
    )
    agreement = agreement_sign(user=buyer, agreement=agreement)
    order = checkout(buyer, on_sale)
    pay(buyer, order)
    # when it claims the order it finds among its claimable orders
    found = list(claimable_orders(agreement=agreement))
    claim = claim_submit(user=buyer, agreement=agreement, orders=found)
    # then the 80 % of the supply value (VAT excluded) is claimed, with the card receipt attached
    line = claim.lines.get()
    assert [o.pk for o in found] == [order.pk]
    assert (line.price_krw, line.subsidy_krw) == (1_000_000, 800_000)
    assert line.document.kind == "receipt" and line.document.order_id == order.pk
