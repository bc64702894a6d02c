"""보완 요청: the operator asks for a supplement by a deadline during 요건검토; the applicant answers with a new
version (after the call has closed, on time for the request), or the deadline passes and the application fails
eligibility with that reason. Through the services and through HTTP."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from programme_factories import SEOUL, pdf

from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.models import Notification
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.programs.evaluation_services import application_review_run
from mfgdata.web.programs.models import Application, Status, SupplementOutcome
from mfgdata.web.programs.services import application_document_add, application_submit, application_supplement
from mfgdata.web.programs.supplement_services import supplement_deadlines_enforce, supplement_request

pytestmark = pytest.mark.django_db
ASKED = datetime(2026, 3, 3, 10, 0, tzinfo=SEOUL)  # after the call closed on 2026-02-27 17:00
DUE = datetime(2026, 3, 6, 17, 0, tzinfo=SEOUL)


def _asked(pm, application: Application) -> Application:
    reviewed = application_review_run(user=pm, application=application)
    supplement_request(user=pm, application=reviewed, items="4번 서류(재무제표)를 다시 내세요", due_at=DUE, now=ASKED)
    return Application.objects.get(pk=application.pk)


def test_a_requested_supplement_after_the_call_closed_is_on_time_and_replaces_the_original(
    pm, applicant, submitted_application
) -> None:
    # given the operator asked for a supplement by 3월 6일 17:00
    original = _asked(pm, submitted_application)
    assert original.status == Status.SUPPLEMENT_REQUESTED
    note = Notification.objects.filter(user=applicant).latest("id")
    assert "2026-03-06 17:00 KST" in note.subject and "재무제표" in note.body
    # when the applicant answers with a new version on 3월 5일
    draft = application_supplement(user=applicant, application=original)
    assert Application.objects.get(pk=original.pk).status == Status.SUPPLEMENT_REQUESTED
    application_document_add(
        user=applicant, application=draft, number=4, file=pdf("fs.pdf"), issued_on=ASKED.date() - timedelta(days=1)
    )
    answer = application_submit(user=applicant, application=draft, received_at=datetime(2026, 3, 5, 9, tzinfo=SEOUL))
    # then the original is superseded, the request answered, and the new version passes the window check
    assert answer.status == Status.SUBMITTED and answer.version == 2
    assert Application.objects.get(pk=original.pk).status == Status.SUPERSEDED
    request = original.supplement_requests.get()
    assert request.outcome == SupplementOutcome.ANSWERED and request.answered_by_id == answer.pk
    reviewed = application_review_run(user=pm, application=answer)
    assert reviewed.eligibility["passed"] is True, reviewed.eligibility["reasons_ko"]


def test_a_missed_deadline_fails_eligibility_with_the_reason(pm, applicant, submitted_application) -> None:
    original = _asked(pm, submitted_application)
    draft = application_supplement(user=applicant, application=original)
    assert supplement_deadlines_enforce(now=DUE - timedelta(seconds=1)) == 0
    assert supplement_deadlines_enforce(now=DUE) == 1
    failed = Application.objects.get(pk=original.pk)
    assert failed.status == Status.INELIGIBLE
    assert failed.eligibility["passed"] is False
    assert "보완 기한(2026-03-06 17:00 KST)까지 보완본을 제출하지 않았습니다" in failed.eligibility["reasons_ko"][-1]
    assert [e.action for e in events_of(failed)][-1] == "supplement_missed"
    assert original.supplement_requests.get().outcome == SupplementOutcome.MISSED
    with pytest.raises(SiteError) as refused:
        application_submit(user=applicant, application=draft, received_at=DUE + timedelta(minutes=1))
    assert refused.value.code == "supplement-late"
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_supplement_received_at_the_deadline_is_late(pm, applicant, submitted_application) -> None:
    draft = application_supplement(user=applicant, application=_asked(pm, submitted_application))
    with pytest.raises(SiteError) as refused:
        application_submit(user=applicant, application=draft, received_at=DUE)
    assert refused.value.code == "supplement-late"
    assert Application.objects.get(pk=submitted_application.pk).status == Status.SUPPLEMENT_REQUESTED


def test_opening_the_supplement_twice_gives_the_same_draft(pm, applicant, submitted_application) -> None:
    original = _asked(pm, submitted_application)
    first = application_supplement(user=applicant, application=original)
    assert application_supplement(user=applicant, application=original).pk == first.pk


@pytest.mark.parametrize(
    ("items", "due_at", "code"),
    [
        ("", DUE, "supplement-needs-items"),
        ("서류 보완", ASKED - timedelta(hours=1), "supplement-deadline-past"),
        ("서류 보완", DUE.replace(tzinfo=None), "deadline-naive"),
    ],
)
def test_a_request_needs_what_and_a_future_deadline(pm, submitted_application, items, due_at, code) -> None:
    with pytest.raises(SiteError) as refused:
        supplement_request(user=pm, application=submitted_application, items=items, due_at=due_at, now=ASKED)
    assert refused.value.code == code
    assert Application.objects.get(pk=submitted_application.pk).status == Status.SUBMITTED


def test_only_the_operator_asks_for_a_supplement(applicant, submitted_application) -> None:
    with pytest.raises(Refused):
        supplement_request(user=applicant, application=submitted_application, items="x", due_at=DUE, now=ASKED)


def test_the_operator_asks_by_the_form_and_the_applicant_sees_the_deadline(pm, applicant, submitted_application):
    operator, member = Client(), Client()
    operator.force_login(pm)
    member.force_login(applicant)
    url = f"/programs/operator/applications/{submitted_application.pk}/"
    due_day = (timezone.localdate() + timedelta(days=7)).isoformat()
    bad = operator.post(url, {"action": "request_supplement", "items": "보완", "due_date": "내일"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.content.decode()
    operator.post(url, {"action": "request_supplement", "items": "사업계획서 3장 보완", "due_date": due_day})
    page = member.get(f"/programs/applications/{submitted_application.pk}/").content.decode()
    assert "사업계획서 3장 보완" in page and f"{due_day} 17:00 KST" in page and "보완본 만들기" in page


def test_the_call_dashboard_lists_open_supplement_deadlines(pm, submitted_application) -> None:
    _asked(pm, submitted_application)
    operator = Client()
    operator.force_login(pm)
    page = operator.get(f"/programs/operator/calls/{submitted_application.call_id}/").content.decode()
    assert f'data-supplement-due="{submitted_application.pk}"' not in page  # 3월 6일 passed: now ineligible
    assert 'data-stage="ineligible">요건 미충족: 1' in page


def test_opening_a_page_after_the_deadline_shows_the_failure(pm, applicant, submitted_application) -> None:
    reviewed = application_review_run(user=pm, application=submitted_application)
    asked_at = timezone.now() - timedelta(days=3)
    supplement_request(
        user=pm, application=reviewed, items="서류 보완", due_at=asked_at + timedelta(days=1), now=asked_at
    )
    member = Client()
    member.force_login(applicant)
    page = member.get(f"/programs/applications/{submitted_application.pk}/").content.decode()
    assert 'data-status="ineligible"' in page and "보완본을 제출하지 않았습니다" in page


def test_the_pages_render_in_english(pm, applicant, submitted_application) -> None:
    _asked(pm, submitted_application)
    operator = Client(HTTP_ACCEPT_LANGUAGE="en")
    operator.force_login(pm)
    review = operator.get(f"/programs/operator/applications/{submitted_application.pk}/")
    assert review.status_code == 200 and 'lang="en"' in review.content.decode()
    member = Client(HTTP_ACCEPT_LANGUAGE="en")
    member.force_login(applicant)
    page = member.get(f"/programs/applications/{submitted_application.pk}/").content.decode()
    assert "No supplement was submitted by the deadline" in page  # 3월 6일 has passed: the English reason


def test_the_deadlines_command_fails_missed_requests(pm, submitted_application) -> None:
    reviewed = application_review_run(user=pm, application=submitted_application)
    asked_at = timezone.now() - timedelta(days=2)
    supplement_request(user=pm, application=reviewed, items="서류", due_at=asked_at + timedelta(days=1), now=asked_at)
    out = io.StringIO()
    call_command("programmes_deadlines", stdout=out)
    assert "1건" in out.getvalue()
    assert Application.objects.get(pk=submitted_application.pk).status == Status.INELIGIBLE
