"""The whole journey in a real browser (Playwright driving Debian's chromium; never a downloaded browser):
sign up as a business → operator verifies → training with a drawn signature → upload a package → operator
approves → found by a two-syllable Korean word. axe-core checks the main pages; screenshots go to
docs/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from factories import make_organisation, make_user, publish_training

from mfgdata.web.accounts.models import Role, Scope
from mfgdata.web.accounts.services import role_grant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "docs" / "screenshots"
FLAGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
PASSWORD = "browser-pass-2026"


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Any:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make chromium installs it)")
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make assets installs it from npm)")
    sync_api = pytest.importorskip("playwright.sync_api")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API keeps an event loop here
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS, timeout=60_000)
        yield browser
        browser.close()


def _axe(page: Any, name: str) -> None:
    """No serious or critical axe-core finding on this page; a screenshot for the docs."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{name}: {bad}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _login(page: Any, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/auth/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]:not(.linklike)")


def _sign_up_and_verify_email(page: Any, base: str) -> None:
    page.goto(f"{base}/auth/signup/")
    _axe(page, "signup")
    page.fill("input[name=email]", "seller@browser.kr")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("form button[type=submit]:not(.linklike)")
    link = re.search(r"/auth/confirm-email/[A-Za-z0-9:_\-]+/", mail.outbox[-1].body).group(0)
    page.goto(base + link)
    page.click("form button[type=submit]:not(.linklike)")


def _register_business(page: Any, base: str) -> None:
    page.goto(f"{base}/accounts/organisation/new/")
    _axe(page, "organisation-form")
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
    _axe(operator_page, "verification-queue")
    operator_page.locator("section.panel", has_text="브라우저정밀").locator("button[value=approve]").click()
    operator_page.wait_for_load_state()
    assert "브라우저정밀" not in operator_page.content()


def _training(page: Any, base: str) -> None:
    page.goto(f"{base}/training/")
    _axe(page, "training")
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
    _axe(page, "training-certificate")


def _register_product(page: Any, base: str, package: Path) -> str:
    page.goto(f"{base}/listings/new/")
    page.fill("#id_title_ko", "도금 공정 품질 데이터")
    page.select_option("#id_category", "quality_prediction")
    page.click("form button[type=submit].primary")
    page.wait_for_url(re.compile(r".*/listings/\d+/"))
    detail = page.url
    page.set_input_files("#package-file", str(package))
    page.wait_for_selector(".upload-valid", timeout=30_000)
    _axe(page, "listing-detail")
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
    _axe(operator_page, "review-queue")
    operator_page.click("text=도금 공정 품질 데이터")
    _axe(operator_page, "review-detail")
    operator_page.fill("#comment", "요건 충족")
    operator_page.click("button[name=decision][value=approve]")
    operator_page.wait_for_url(f"{base}/review/")

    visitor = browser.new_page(locale="ko-KR")
    visitor.goto(f"{base}/")
    _axe(visitor, "home")
    visitor.fill("#q", "도금")
    visitor.click(".search-form button[type=submit]")
    visitor.wait_for_selector("text=1개 상품")
    _axe(visitor, "search")
    visitor.click(".product-card a")
    visitor.wait_for_selector("#columns")
    _axe(visitor, "product")
    assert "1,000,000원 (부가세 별도)" in visitor.content()
