"""A programme call in a real browser (Playwright driving Debian's chromium; never a downloaded browser): the
applicant fills the draft (autosaved), uploads the documents and submits → the operator runs 요건검토 and
confirms → five evaluators score → the operator combines the panel, records the site check and selects → the
applicant sees the result with section means and no evaluator. axe-core checks the main pages (no serious or
critical finding); screenshots go to docs/screenshots/.

The shipped notices' windows are in the past, so the call is opened from a next-year definition whose window
includes today — the way a new year is added: a copied file with new dates, no code.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from browser_support import axe_clean
from django.test import Client
from django.utils import timezone
from factories import make_organisation, make_user
from PIL import Image
from programme_factories import clean_facts

from mfgdata.rules import get_programme
from mfgdata.rules.documents import applicable_documents
from mfgdata.web.accounts.models import Role, Scope, User
from mfgdata.web.accounts.services import role_grant
from mfgdata.web.programs.models import Application, Status
from mfgdata.web.programs.services import call_open

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REPO = Path(__file__).resolve().parents[3]
SHIPPED = REPO / "src" / "mfgdata" / "rules" / "programmes" / "productization-2026.yaml"
NEXT_YEAR = "productization-2027"


@pytest.fixture
def open_definition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The 2026 file copied as 2027 with its notice a week ago and its window open for three more weeks."""
    today = timezone.localdate()
    text = SHIPPED.read_text(encoding="utf-8").replace("productization-2026", NEXT_YEAR).replace("2026년도", "2027년도")
    text = re.sub(r"^year: 2026", "year: 2027", text, flags=re.M)
    text = text.replace("published_on: 2026-01-29", f"published_on: {today - timedelta(days=7)}")
    text = text.replace("opens_on: 2026-01-29", f"opens_on: {today - timedelta(days=7)}")
    text = text.replace("closes_on: 2026-02-27", f"closes_on: {today + timedelta(days=21)}")
    (tmp_path / f"{NEXT_YEAR}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("MFGDATA_PROGRAMMES", str(tmp_path))
    assert get_programme(NEXT_YEAR) is not None
    return NEXT_YEAR


def _person(email: str, role: str | None, programme_id: str, **organisation: Any) -> User:
    user = make_user(email)
    make_organisation(user, **organisation)
    if role is not None:
        role_grant(granted_by=None, user=user, role=role, scope=Scope.PROGRAMME, programme_id=programme_id)
    return User.objects.get(pk=user.pk)


def _page(browser: Any, base: str, user: User) -> Any:
    """A page in a browser context with the user's session (signing in is the site journey's test)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="ko-KR")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    return context.new_page()


def _fill_draft(page: Any, programme_id: str) -> None:
    programme = get_programme(programme_id)
    assert programme is not None
    page.fill("#requested_krw", "40000000")
    for section in programme.evaluation.sections:
        page.fill(f"#section_{section.id}", f"{section.name.ko}: 사출 공정 센서 데이터 1년치를 상품으로 만듭니다.")
    for fact_id, value in clean_facts(programme_id).items():
        if isinstance(value, bool):
            page.select_option(f"#fact_{fact_id}", "yes" if value else "no")
        elif programme.fact(fact_id).type == "date":  # type: ignore[union-attr]
            page.fill(f"#fact_{fact_id}", value)
        else:
            page.select_option(f"#fact_{fact_id}", value)
    page.wait_for_selector("#saved .saved")  # autosaved on change, without pressing 임시저장


def _upload_documents(page: Any, programme_id: str) -> None:
    programme = get_programme(programme_id)
    assert programme is not None
    issued = (timezone.localdate() - timedelta(days=3)).isoformat()
    for document in applicable_documents(programme, participation="solo", applicant="sme", bonus_claimed=False):
        page.select_option("#number", str(document.number))
        page.fill("#issued_on", issued)
        page.set_input_files("#file", {"name": f"{document.id}.pdf", "mimeType": "application/pdf", "buffer": b"%PDF"})
        page.click("text=서류 올리기")
        page.wait_for_selector(f"[data-document='{document.number}']")


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "steelblue").save(buffer, "PNG")
    return buffer.getvalue()


def _score(page: Any, programme_id: str) -> None:
    programme = get_programme(programme_id)
    assert programme is not None
    for criterion, points in programme.criterion_points().items():
        page.fill(f"#score_{criterion}", str(int(points * 0.8)))
        page.fill(f"[name=comment_{criterion}]", "계획이 구체적이고 실현 가능함")


def test_apply_review_score_site_check_select(browser: Any, live_server: Any, open_definition: str) -> None:
    base, programme_id = live_server.url, open_definition
    agency = _person("agency@browser.kr", Role.AGENCY, programme_id, name="전담기관")
    operator = _person("pm@browser.kr", Role.PROGRAMME_OPERATOR, programme_id, name="운영기관")
    role_grant(granted_by=None, user=operator, role=Role.MARKETPLACE_OPERATOR, scope=Scope.MARKETPLACE)
    applicant = _person("apply@browser.kr", None, programme_id, name="한빛정밀", verified_by=operator)
    evaluators = [_person(f"eval{i}@browser.kr", Role.EVALUATOR, programme_id, name=f"평가기관{i}") for i in range(5)]
    call = call_open(user=agency, programme_id=programme_id)

    # the applicant writes the draft (autosaved), uploads the documents and submits
    page = _page(browser, base, applicant)
    page.goto(f"{base}/programs/calls/{call.pk}/")
    axe_clean(page, "programme-call")
    page.click("text=신청서 작성")
    _fill_draft(page, programme_id)
    page.reload()
    assert "사출 공정 센서 데이터" in page.input_value("#section_understanding")
    _upload_documents(page, programme_id)
    axe_clean(page, "programme-application")
    page.click("form[action$='/submit/'] button")
    page.wait_for_url(re.compile(r"/programs/mine/$"))
    assert page.locator("[data-status='submitted']").count() == 1
    application = Application.objects.get(organisation__name="한빛정밀")

    # the operator runs 요건검토, confirms it and forms the panel
    desk = _page(browser, base, operator)
    desk.goto(f"{base}/programs/operator/calls/{call.pk}/")
    axe_clean(desk, "programme-queue")
    desk.click("text=한빛정밀")
    desk.click("text=자동 요건검토 실행")
    assert desk.locator(".req-failed").count() == 0 and desk.locator(".req-passed").count() > 5
    for label in desk.locator(".operator-checklist label").all():
        label.click()  # the operator's own checklist: each document, the facts, the plan
    axe_clean(desk, "programme-review")
    desk.click("button[value=eligible]")
    desk.wait_for_selector("[data-status='eligible']")
    for evaluator in evaluators:
        desk.fill("#evaluator", evaluator.email)
        desk.click("button[value=assign]")

    # five evaluators score every criterion with a comment
    for number, evaluator in enumerate(evaluators):
        sheet = _page(browser, base, evaluator)
        sheet.goto(f"{base}/programs/evaluator/")
        sheet.click("text=한빛정밀")
        _score(sheet, programme_id)
        if number == 0:
            axe_clean(sheet, "programme-sheet")
        sheet.click("text=평가 제출")
        sheet.wait_for_url(re.compile(r"/programs/evaluator/$"))
        sheet.context.close()

    # the operator combines the panel, records the site check (all 적) and selects
    desk.reload()
    desk.click("button[value=evaluate]")
    for item in get_programme(programme_id).site_check.items:  # type: ignore[union-attr]
        desk.click(f"label[for=item_{item.id}_pass]")
        desk.fill(f"#note_{item.id}", "현장 확인 완료")
        desk.set_input_files(f"#photo_{item.id}", {"name": "site.png", "mimeType": "image/png", "buffer": _png()})
    desk.click("button[value=site_check]")
    assert desk.locator("[data-site-check]").count() == len(get_programme(programme_id).site_check.items)  # type: ignore[union-attr]
    assert Application.objects.get(pk=application.pk).status == Status.SITE_CHECK
    desk.goto(f"{base}/programs/operator/calls/{call.pk}/selection/")
    desk.click("text=선정 실행")
    desk.wait_for_selector("[data-result='selected']")
    axe_clean(desk, "programme-selection")

    # the applicant sees the result per section, never an evaluator
    page.goto(f"{base}/programs/applications/{application.pk}/")
    result = page.locator("[data-result='selected']").inner_text()
    assert "80" in result and "16" in result  # the final score and the 20-point section's mean
    assert not any(e.email in page.content() or "평가기관" in page.content() for e in evaluators)
    axe_clean(page, "programme-result")
