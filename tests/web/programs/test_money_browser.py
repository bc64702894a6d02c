"""In a real browser: the operator makes the agreement of a selected 구매지원 application, the cost
accountant adjusts its government amount with the reason, the buyer signs and claims its marketplace
orders, and the operator approves the claim — each page without serious accessibility findings (axe-core),
screenshots into docs/screenshots/."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from browser_support import axe_clean
from claim_factories import make_paid_order
from django.utils import timezone
from test_browser_journey import PASSWORD, _login

from mfgdata.rules.programme import SEOUL
from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.programs.models import Agreement, Application, BudgetAdjustment, Call, Claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _can_log_in(*users: User) -> None:
    for user in users:
        user.set_password(PASSWORD)
        user.save()
        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})


def _page_of(browser: Any, base: str, user: User) -> Any:
    page = browser.new_page(locale="ko-KR")
    _login(page, base, user.email, PASSWORD)
    page.wait_for_url(lambda url: "/auth/login/" not in url)
    return page


def test_agreement_adjustment_claim_and_approval_in_a_browser(
    browser: Any,
    live_server: Any,
    pm: User,
    cost_accountant: User,
    make_applicant: Callable[..., User],
    make_selected: Callable[..., Application],
    purchase_call: Call,
    product: Listing,
) -> None:
    buyer = make_applicant("buyer@example.kr", name="대성금속")
    make_selected(buyer, purchase_call)
    Application.objects.filter(organisation=buyer.membership.organisation).update(requested_krw=8_000_000)
    paid = timezone.now() - timedelta(minutes=5)
    orders = [make_paid_order(buyer, product, supply_krw=p, paid_at=paid) for p in (5_000_000, 6_000_000)]
    _can_log_in(pm, cost_accountant, buyer)
    # the agreement starts on the day the orders were paid, in Seoul (five minutes before 00:00 KST is yesterday)
    today = paid.astimezone(SEOUL).date()

    # the operator makes the agreement from the call's budget page
    operator = _page_of(browser, live_server.url, pm)
    operator.goto(f"{live_server.url}/programs/operator/calls/{purchase_call.pk}/budget/")
    axe_clean(operator, "programmes-budget")
    operator.fill("form.agreement-new input[name=starts_on]", today.isoformat())
    operator.fill("form.agreement-new input[name=cash_krw]", "2000000")
    operator.click("form.agreement-new button")
    operator.wait_for_selector("[data-status=draft]")
    agreement = Agreement.objects.get()
    assert (agreement.government_krw, agreement.cash_krw, agreement.starts_on) == (8_000_000, 2_000_000, today)

    # the cost accountant lowers the government amount after 원가계산, with the reason
    accountant = _page_of(browser, live_server.url, cost_accountant)
    accountant.goto(f"{live_server.url}/programs/agreements/{agreement.pk}/")
    accountant.fill("#adjust_government", "7200000")
    accountant.fill("#adjust_reason", "원가계산 결과 데이터 가공비 단가 조정")
    accountant.click("button[name=action][value=adjust]")
    accountant.wait_for_selector("[data-amount=government]:has-text('7,200,000')")
    assert "원가계산 결과 데이터 가공비 단가 조정" in accountant.content()
    axe_clean(accountant, "programmes-agreement-adjusted")
    assert BudgetAdjustment.objects.get().previous_krw == 8_000_000

    # the buyer signs and claims both orders: 80 % of 11,000,000원 is 8,800,000원, the agreement grants 7,200,000원
    member = _page_of(browser, live_server.url, buyer)
    member.goto(f"{live_server.url}/programs/agreements/{agreement.pk}/")
    member.click("button[name=action][value=sign]")
    member.wait_for_selector("[data-status=signed]")
    for order in orders:  # the label is what a person clicks (the styled checkbox sits inside it)
        member.locator("label", has=member.locator(f"input[name=order][value='{order.pk}']")).click()
    assert member.locator("input[name=order]:checked").count() == 2
    axe_clean(member, "programmes-claim-form")
    member.click("button[name=action][value=claim]")
    member.wait_for_selector("[data-amount=subsidy]:has-text('7,200,000')")
    axe_clean(member, "programmes-claim")
    claim = Claim.objects.get()
    assert [line.subsidy_krw for line in claim.lines.all()] == [4_000_000, 3_200_000]

    # the operator approves it
    operator.goto(f"{live_server.url}/programs/claims/{claim.pk}/")
    operator.click("button[name=action][value=approve]")
    operator.wait_for_selector("[data-status=approved]")
    axe_clean(operator, "programmes-claim-approved")
    assert Claim.objects.get().status == "approved"
