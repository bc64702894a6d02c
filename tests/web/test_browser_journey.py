"""The whole journey in a real browser (Playwright driving Debian's chromium; never a downloaded browser):
sign up as a business → operator verifies → training with a drawn signature → upload a package → operator
approves → found by a two-syllable Korean word. axe-core checks the main pages; screenshots go to
docs/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_support import axe_clean
from django.core import mail
from factories import make_organisation, make_user, publish_training

from mfgdata.web.accounts.models import Role, Scope
from mfgdata.web.accounts.services import role_grant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "browser-pass-2026"


def _login(page: Any, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/auth/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]:not(.linklike)")


def _sign_up_and_verify_email(page: Any, base: str) -> None:
    page.goto(f"{base}/auth/signup/")
    axe_clean(page, "signup")
    page.fill("input[name=email]", "seller@browser.kr")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("form button[type=submit]:not(.linklike)")
    link = re.search(r"/auth/confirm-email/[A-Za-z0-9:_\-]+/", mail.outbox[-1].body).group(0)
    page.goto(base + link)
    page.click("form button[type=submit]:not(.linklike)")


def _register_business(page: Any, base: str) -> None:
    page.goto(f"{base}/accounts/organisation/new/")
    axe_clean(page, "organisation-form")
    page.fill("#id_business_number", "220-81-62517")
    page.fill("#id_name", "브라우저정밀")
    page.fill("#id_representative", "이대표")
    page.fill("#id_address", "부산광역시 강서구")
    page.click("label[for=id_is_manufacturer]")
    page.click("form button[type=submit].primary")
    page.wait_for_url(f"{base}/accounts/")


def _operator_verifies(operator_page: Any, base: str) -> None:
    _login(operator_page, base, "operator@example.kr", PASSWORD)
    operator_page.goto(f"{base}/accounts/verification/")
    axe_clean(operator_page, "verification-queue")
    operator_page.locator("section.panel", has_text="브라우저정밀").locator("button[value=approve]").click()
    operator_page.wait_for_load_state()
    assert "브라우저정밀" not in operator_page.content()


def _training(page: Any, base: str) -> None:
    page.goto(f"{base}/training/")
    axe_clean(page, "training")
    for box in page.locator("input[name=item]").all():
        page.click(f"label[for={box.get_attribute('id')}]")
    pad = page.locator("#signature-pad").bounding_box()
    page.mouse.move(pad["x"] + 30, pad["y"] + 100)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(pad["x"] + 30 + step * 30, pad["y"] + 100 - (step % 3) * 30)
    page.mouse.up()
    page.fill("#typed_name", "이대표")
    page.click("#training-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/training/certificate/\d+/"))
    axe_clean(page, "training-certificate")


def _register_product(page: Any, base: str, package: Path) -> str:
    page.goto(f"{base}/listings/new/")
    page.fill("#id_title_ko", "도금 공정 품질 데이터")
    page.select_option("#id_category", "quality_prediction")
    page.click("form button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/listings/\d+/"))
    detail = page.url
    page.set_input_files("#package-file", str(package))
    page.wait_for_selector(".upload-valid", timeout=30_000)
    axe_clean(page, "listing-detail")
    page.click("button[name=action][value=submit]")
    page.wait_for_selector(".status-submitted")
    return detail


def test_business_journey_to_search(live_server: Any, browser: Any, build_package: Any) -> None:
    base = live_server.url
    operator = make_user("operator@example.kr")
    operator.set_password(PASSWORD)
    operator.save()
    role_grant(granted_by=None, user=operator, role=Role.MARKETPLACE_OPERATOR, scope=Scope.MARKETPLACE)
    make_organisation(operator, name="거래소 운영기관")
    publish_training()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=operator, email=operator.email, verified=True, primary=True)
    seller = browser.new_page(locale="ko-KR")
    operator_page = browser.new_page(locale="ko-KR")

    _sign_up_and_verify_email(seller, base)
    _register_business(seller, base)
    _operator_verifies(operator_page, base)
    _training(seller, base)
    _register_product(seller, base, build_package())

    operator_page.goto(f"{base}/review/")
    axe_clean(operator_page, "review-queue")
    operator_page.click("text=도금 공정 품질 데이터")
    axe_clean(operator_page, "review-detail")
    operator_page.fill("#comment", "요건 충족")
    operator_page.click("button[name=decision][value=approve]")
    operator_page.wait_for_url(f"{base}/review/")

    visitor = browser.new_page(locale="ko-KR")
    visitor.goto(f"{base}/")
    axe_clean(visitor, "home")
    visitor.fill("#q", "도금")
    visitor.click(".search-form button[type=submit]")
    visitor.wait_for_selector("text=1개 상품")
    axe_clean(visitor, "search")
    visitor.click(".product-card a")
    visitor.wait_for_selector("#columns")
    axe_clean(visitor, "product")
    assert "1,000,000원 (부가세 별도)" in visitor.content()
