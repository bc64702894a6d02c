"""Purchase subsidy claims: built from the buyer's paid orders, priced by the definition against the
1천만원 cap, refused for an order outside the period, of another organisation, or claimed twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from claim_factories import make_paid_order
from django.db import IntegrityError, transaction
from factories import make_organisation, make_user
from money_fixtures import CLAIMED_AT, IN_PERIOD, PURCHASE_START
from programme_factories import SEOUL, pdf

from mfgdata.web.accounts.models import SizeClass, User
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.listings.models import Listing
from mfgdata.web.programs.agreement_services import agreement_create
from mfgdata.web.programs.claim_services import claim_decide, claim_submit, claimable_orders
from mfgdata.web.programs.models import Agreement, Application, Call, Claim, ClaimLine, ClaimStatus


@pytest.fixture
def buyer(make_applicant: Callable[..., User]) -> User:
    return make_applicant("buyer@example.kr", name="대성금속")


@pytest.fixture
def agreement(buyer: User, sign_purchase_agreement: Callable[..., Agreement]) -> Agreement:
    return sign_purchase_agreement(buyer)


def _order(buyer: User, listing: Listing, price: int, **kw: object):  # type: ignore[no-untyped-def]
    return make_paid_order(buyer, listing, supply_krw=price, paid_at=kw.pop("paid_at", IN_PERIOD), **kw)  # type: ignore[arg-type]


def test_a_claim_over_several_orders_hits_the_10_million_cap(
    buyer: User, agreement: Agreement, product: Listing
) -> None:
    orders = [_order(buyer, product, p) for p in (6_000_000, 5_000_000, 3_000_000)]
    claim = claim_submit(user=buyer, agreement=agreement, orders=orders, now=CLAIMED_AT)
    assert [line.subsidy_krw for line in claim.lines.all()] == [4_800_000, 4_000_000, 1_200_000]
    assert (claim.subsidy_krw, claim.price_krw, claim.remaining_cap_krw) == (10_000_000, 14_000_000, 0)
    assert all(line.document.order_id == line.order_id for line in claim.lines.all())
    # a later claim gets nothing more: the cap is used up
    late = claim_submit(user=buyer, agreement=agreement, orders=[_order(buyer, product, 1_000_000)], now=CLAIMED_AT)
    assert late.subsidy_krw == 0


def test_the_agreements_amount_caps_the_claims(
    make_applicant: Callable[..., User], sign_purchase_agreement: Callable[..., Agreement], product: Listing
) -> None:
    buyer = make_applicant()
    agreement = sign_purchase_agreement(buyer, government_krw=4_000_000, cash_krw=1_000_000)
    claim = claim_submit(user=buyer, agreement=agreement, orders=[_order(buyer, product, 6_000_000)], now=CLAIMED_AT)
    assert (claim.subsidy_krw, claim.remaining_cap_krw) == (4_000_000, 0)


def test_a_nonprofit_gets_100_percent_but_not_for_a_processors_product(
    pm: User, sign_purchase_agreement: Callable[..., Agreement], product: Listing, processor_product: Listing
) -> None:
    user = make_user("lab@example.ac.kr")
    make_organisation(user, verified_by=pm, size_class=SizeClass.NONPROFIT, nonprofit_proof=pdf("proof.pdf"))
    lab = User.objects.get(pk=user.pk)
    agreement = sign_purchase_agreement(lab, government_krw=10_000_000, cash_krw=0)
    refused_order = _order(lab, processor_product, 3_000_000)
    with pytest.raises(SiteError) as refused:
        claim_submit(user=lab, agreement=agreement, orders=[refused_order], now=CLAIMED_AT)
    assert refused.value.code == "claim-line-refused"
    assert refused_order.reference in refused.value.text.ko and "제조기업이 등록한" in refused.value.text.ko
    claim = claim_submit(user=lab, agreement=agreement, orders=[_order(lab, product, 3_000_000)], now=CLAIMED_AT)
    assert claim.subsidy_krw == 3_000_000


def test_an_order_outside_the_agreement_period_is_refused(buyer: User, agreement: Agreement, product: Listing) -> None:
    early = _order(buyer, product, 1_000_000, paid_at=datetime(2023, 7, 31, 23, 59, tzinfo=SEOUL))
    with pytest.raises(SiteError) as refused:
        claim_submit(user=buyer, agreement=agreement, orders=[early], now=CLAIMED_AT)
    assert "협약기간 2023-08-01~2023-11-30 밖" in refused.value.text.ko
    assert not Claim.objects.exists()


def test_an_order_of_another_organisation_is_refused(
    buyer: User, agreement: Agreement, product: Listing, make_applicant: Callable[..., User]
) -> None:
    other = make_applicant("other@example.kr", name="미래기계")
    with pytest.raises(SiteError) as refused:
        claim_submit(user=buyer, agreement=agreement, orders=[_order(other, product, 1_000_000)], now=CLAIMED_AT)
    assert refused.value.code == "order-of-another-organisation"
    with pytest.raises(Refused):
        claim_submit(user=other, agreement=agreement, orders=[_order(other, product, 1_000_000)], now=CLAIMED_AT)


def test_an_order_claimed_twice_is_refused_and_the_database_refuses_it_too(
    buyer: User, agreement: Agreement, product: Listing
) -> None:
    order = _order(buyer, product, 1_000_000)
    first = claim_submit(user=buyer, agreement=agreement, orders=[order], now=CLAIMED_AT)
    assert list(claimable_orders(agreement=agreement)) == []
    with pytest.raises(SiteError) as refused:
        claim_submit(user=buyer, agreement=agreement, orders=[order], now=CLAIMED_AT)
    assert refused.value.code == "order-already-claimed"
    line = first.lines.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLine.objects.create(
            claim=first, order=order, document=line.document, price_krw=1_000_000, subsidy_krw=800_000
        )


def test_a_claim_after_the_purchase_year_is_refused(buyer: User, agreement: Agreement, product: Listing) -> None:
    with pytest.raises(SiteError) as refused:
        claim_submit(
            user=buyer,
            agreement=agreement,
            orders=[_order(buyer, product, 1_000_000)],
            now=datetime(2024, 1, 2, 9, 0, tzinfo=SEOUL),
        )
    assert "2023-12-31" in refused.value.text.ko


def test_a_draft_agreement_takes_no_claims(
    pm: User, buyer: User, purchase_call: Call, make_selected: Callable[..., Application], product: Listing
) -> None:
    application = make_selected(buyer, purchase_call)
    draft = agreement_create(
        user=pm, application=application, starts_on=PURCHASE_START, government_krw=8_000_000, cash_krw=2_000_000
    )
    with pytest.raises(SiteError) as refused:
        claim_submit(user=buyer, agreement=draft, orders=[_order(buyer, product, 1_000_000)], now=CLAIMED_AT)
    assert refused.value.code == "agreement-not-running"


def test_the_operator_approves_or_returns_with_a_reason(
    pm: User, buyer: User, agreement: Agreement, product: Listing
) -> None:
    order = _order(buyer, product, 2_000_000)
    claim = claim_submit(user=buyer, agreement=agreement, orders=[order], now=CLAIMED_AT)
    with pytest.raises(SiteError, match="reason-missing"):
        claim_decide(user=pm, claim=claim, approve=False)
    with pytest.raises(Refused):
        claim_decide(user=buyer, claim=claim, approve=True)
    returned = claim_decide(user=pm, claim=claim, approve=False, reason="매출전표 사본이 흐립니다")
    assert returned.status == ClaimStatus.RETURNED and returned.decision_reason == "매출전표 사본이 흐립니다"
    assert [e.action for e in events_of(returned)] == ["submit", "return"]
    # the returned claim freed its order and its share of the cap
    again = claim_submit(user=buyer, agreement=agreement, orders=[order], now=CLAIMED_AT)
    assert (again.subsidy_krw, again.remaining_cap_krw) == (1_600_000, 8_400_000)
    assert claim_decide(user=pm, claim=again, approve=True).status == ClaimStatus.APPROVED
    with pytest.raises(SiteError, match="transition-not-allowed"):
        claim_decide(user=pm, claim=again, approve=False, reason="다시")
