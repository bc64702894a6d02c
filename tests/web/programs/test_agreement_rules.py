"""Agreement rules beyond the budget plan: a non-profit's purchase agreement may only name products a
manufacturer registered (001:105), and completing before the end date depends on whether the definition's
support period is a maximum (001:80, 001:89) or fixed (000:25)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from claim_factories import make_paid_order
from factories import make_organisation, make_user
from programme_factories import SEOUL, pdf

from mfgdata.web.accounts.models import SizeClass, User
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.listings.models import Listing
from mfgdata.web.programs.agreement_services import agreement_create, agreement_move, agreement_sign
from mfgdata.web.programs.claim_services import claim_submit
from mfgdata.web.programs.models import Agreement, AgreementStatus, Application, Call

PURCHASE_START = date(2023, 8, 1)


@pytest.fixture
def lab(pm: User) -> User:
    user = make_user("lab@example.ac.kr")
    make_organisation(user, verified_by=pm, size_class=SizeClass.NONPROFIT, nonprofit_proof=pdf("proof.pdf"))
    return User.objects.get(pk=user.pk)


def _purchase_agreement(pm: User, application: Application, cash: int = 0) -> Agreement:
    return agreement_create(
        user=pm, application=application, starts_on=PURCHASE_START, government_krw=10_000_000, cash_krw=cash
    )


def test_a_nonprofits_agreement_naming_a_processors_product_is_refused_when_made(
    pm: User,
    lab: User,
    purchase_call: Call,
    make_selected: Callable[..., Application],
    product: Listing,
    processor_product: Listing,
) -> None:
    application = make_selected(lab, purchase_call)
    application.products.set([product, processor_product])
    with pytest.raises(SiteError) as refused:
        _purchase_agreement(pm, application)
    assert refused.value.code == "product-registrant-not-allowed"
    assert processor_product.title_ko in refused.value.text.ko and product.title_ko not in refused.value.text.ko
    assert "registered by a processor" in refused.value.text.en
    assert not Agreement.objects.exists()
    # with only the manufacturer's product the agreement is made and signed
    application.products.set([product])
    assert agreement_sign(user=lab, agreement=_purchase_agreement(pm, application)).status == AgreementStatus.SIGNED


def test_a_company_may_name_a_processors_product(
    pm: User,
    make_applicant: Callable[..., User],
    purchase_call: Call,
    make_selected: Callable[..., Application],
    processor_product: Listing,
) -> None:
    application = make_selected(make_applicant(), purchase_call)
    application.products.set([processor_product])
    assert _purchase_agreement(pm, application, cash=2_500_000).government_krw == 10_000_000


def test_a_processing_agreement_completes_on_its_last_day_not_before(
    pm: User, applicant: User, selected: Application
) -> None:
    agreement = agreement_create(
        user=pm, application=selected, starts_on=date(2026, 4, 1), government_krw=40_000_000, cash_krw=10_000_000
    )
    running = agreement_move(user=pm, agreement=agreement_sign(user=applicant, agreement=agreement), action="start")
    # the 4-month support period of 000 is fixed: the day before its end is refused, even with a reason
    with pytest.raises(SiteError) as early:
        agreement_move(user=pm, agreement=running, action="complete", reason="일찍 끝남", today=date(2026, 7, 30))
    assert early.value.code == "agreement-not-ended" and "2026-07-31" in early.value.text.ko
    assert Agreement.objects.get(pk=running.pk).status == AgreementStatus.IN_PROGRESS
    done = agreement_move(user=pm, agreement=running, action="complete", today=date(2026, 7, 31))
    assert done.status == AgreementStatus.COMPLETED


def test_a_purchase_agreement_completes_early_only_with_the_operators_reason(
    pm: User, make_applicant: Callable[..., User], purchase_call: Call, make_selected: Callable[..., Application]
) -> None:
    buyer = make_applicant()
    agreement = _purchase_agreement(pm, make_selected(buyer, purchase_call), cash=2_500_000)
    running = agreement_move(user=pm, agreement=agreement_sign(user=buyer, agreement=agreement), action="start")
    early = running.ends_on - timedelta(days=30)
    with pytest.raises(SiteError) as no_reason:
        agreement_move(user=pm, agreement=running, action="complete", today=early)
    assert no_reason.value.code == "early-completion-reason"
    done = agreement_move(user=pm, agreement=running, action="complete", reason="구매·활용 완료", today=early)
    assert done.status == AgreementStatus.COMPLETED
    assert events_of(done).filter(action="complete", comment="구매·활용 완료").exists()


def test_a_completed_purchase_agreement_still_takes_claims_within_the_year_but_a_terminated_one_does_not(
    pm: User,
    make_applicant: Callable[..., User],
    purchase_call: Call,
    make_selected: Callable[..., Application],
    product: Listing,
) -> None:
    # given an order paid in the period and an agreement the operator completed early (bought and used)
    buyer = make_applicant()
    agreement = _purchase_agreement(pm, make_selected(buyer, purchase_call), cash=2_500_000)
    running = agreement_move(user=pm, agreement=agreement_sign(user=buyer, agreement=agreement), action="start")
    order = make_paid_order(buyer, product, supply_krw=2_000_000, paid_at=datetime(2023, 9, 1, 14, tzinfo=SEOUL))
    done = agreement_move(
        user=pm, agreement=running, action="complete", reason="구매·활용 완료", today=date(2023, 10, 1)
    )
    # when the buyer claims in December of the purchase year (001:116 구매 후 연내 지급요청), it is taken
    claim = claim_submit(user=buyer, agreement=done, orders=[order], now=datetime(2023, 12, 20, 10, tzinfo=SEOUL))
    assert claim.subsidy_krw == 1_600_000
    # a terminated agreement takes none
    other = make_applicant()
    ended = _purchase_agreement(pm, make_selected(other, purchase_call), cash=2_500_000)
    ended = agreement_move(
        user=pm, agreement=agreement_sign(user=other, agreement=ended), action="terminate", reason="포기"
    )
    late = make_paid_order(other, product, supply_krw=1_000_000, paid_at=datetime(2023, 9, 1, 14, tzinfo=SEOUL))
    with pytest.raises(SiteError) as refused:
        claim_submit(user=other, agreement=ended, orders=[late], now=datetime(2023, 10, 2, tzinfo=SEOUL))
    assert refused.value.code == "agreement-not-running"
