"""In a real browser: the operator reads a project's obligations, records a usage check with its evidence,
and scans for integrity signals — each page without serious accessibility findings (axe-core)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from browser_support import axe_clean
from programme_factories import PURCHASE, SEOUL
from test_browser_journey import PASSWORD, _login

from mfgdata.web.oversight.models import Inspection, IntegrityFlag


@pytest.mark.django_db(transaction=True)
def test_operator_inspects_and_scans_in_a_browser(
    browser: Any, live_server: Any, make_project, make_member, make_listing, make_order, pm, tmp_path: Path
) -> None:
    buyer, seller = make_member("구매기업"), make_member("판매기업")
    seller_org = seller.membership.organisation
    seller_org.representative = buyer.membership.organisation.representative
    seller_org.save()
    project = make_project(buyer, programme_id=PURCHASE)
    make_order(buyer, make_listing(seller), datetime(2026, 5, 4, tzinfo=SEOUL))
    pm.set_password(PASSWORD)
    pm.save()
    EmailAddress.objects.create(user=pm, email=pm.email, verified=True, primary=True)
    evidence = tmp_path / "활용점검.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")

    page = browser.new_page(locale="ko-KR")
    _login(page, live_server.url, pm.email, PASSWORD)
    page.wait_for_url(lambda url: "/auth/login/" not in url)
    page.goto(f"{live_server.url}/oversight/projects/{project.pk}/")
    axe_clean(page, "oversight-project")
    page.select_option("#kind", "usage")
    page.fill("#inspected_on", "2026-06-01")
    page.fill("#findings", "구매 데이터로 불량 예측 모델을 학습함")
    page.select_option("#outcome", "completed")
    page.set_input_files("#files", str(evidence))
    page.click("#inspections form button")
    page.wait_for_selector("#inspections li:has-text('정상수행')")
    assert "정상수행" in page.content() and Inspection.objects.get().files.count() == 1

    page.goto(f"{live_server.url}/oversight/programmes/{PURCHASE}/flags/")
    page.click("form button.primary")
    page.wait_for_selector("tr[data-kind=shared_identity]")
    assert "대표자" in page.content() and IntegrityFlag.objects.count() == 1
    axe_clean(page, "oversight-flags")
