"""HTTP: each programme page — who sees it, what a form does, and what is refused with a clear reason."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from factories import make_organisation, make_user
from programme_factories import PRODUCTIZATION, pdf

from mfgdata.rules import get_programme
from mfgdata.web.programs.evaluation_services import (
    application_eligibility_decide,
    application_review_run,
    evaluator_assign,
)
from mfgdata.web.programs.models import Application, Status
from mfgdata.web.programs.selectors import operator_checklist

pytestmark = pytest.mark.django_db
PROGRAMME = get_programme(PRODUCTIZATION)
assert PROGRAMME is not None


def test_call_list_and_detail_show_rounds_documents_and_criteria(client, call) -> None:
    assert call.title in client.get("/programs/").content.decode()
    page = client.get(f"/programs/calls/{call.pk}/").content.decode()
    assert "2026-02-27" in page and "발행일로부터 3개월 이내" in page and "(20)" in page


def test_the_call_detail_is_in_english_when_chosen(client, call) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/programs/calls/{call.pk}/").content.decode()
    assert PROGRAMME.evaluation.sections[0].name.en in page
    assert "Application period" in page and "within 3 months of issue" in page


def test_only_the_agency_opens_a_call_over_http(client, agency, applicant) -> None:
    client.force_login(applicant)
    assert client.post("/programs/calls/new/", {"programme_id": PRODUCTIZATION}).status_code == 403
    client.force_login(agency)
    assert client.post("/programs/calls/new/", {"programme_id": PRODUCTIZATION}).status_code == 302


def test_apply_autosave_and_my_applications(client, applicant, call) -> None:
    client.force_login(applicant)
    response = client.post(f"/programs/calls/{call.pk}/apply/", {"round": "1"})
    application = Application.objects.get(organisation=applicant.membership.organisation)
    assert response.url == f"/programs/applications/{application.pk}/"
    assert "hx-post" in client.get(response.url).content.decode()
    saved = client.post(
        response.url,
        {
            "participation": "solo",
            "requested_krw": "30,000,000",
            "fact_domestic": "yes",
            "section_understanding": "배경",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "임시저장됨" in saved.content.decode()
    application.refresh_from_db()
    assert (application.requested_krw, application.facts) == (30_000_000, {"domestic": True})
    assert application.plan_sections.get(section_id="understanding").text == "배경"
    assert call.title in client.get("/programs/mine/").content.decode()


def test_a_document_upload_and_a_refused_submission_keep_the_draft(client, applicant, call) -> None:
    client.force_login(applicant)
    client.post(f"/programs/calls/{call.pk}/apply/")
    application = Application.objects.get(organisation=applicant.membership.organisation)
    client.post(
        f"/programs/applications/{application.pk}/documents/",
        {"number": "1", "issued_on": "2026-02-01", "file": pdf()},
    )
    assert application.documents.count() == 1
    refused = client.post(f"/programs/applications/{application.pk}/submit/")
    assert refused.status_code == 400
    assert Application.objects.get(pk=application.pk).status == Status.DRAFT


def test_another_organisation_cannot_see_an_application(client, make_applicant, submitted_application) -> None:
    client.force_login(make_applicant())
    assert client.get(f"/programs/applications/{submitted_application.pk}/").status_code == 403


def test_a_submitted_application_is_read_only_and_offers_a_supplement(client, applicant, submitted_application) -> None:
    client.force_login(applicant)
    page = client.get(f"/programs/applications/{submitted_application.pk}/").content.decode()
    assert "<fieldset disabled>" in page and "보완본 만들기" in page
    refused = client.post(f"/programs/applications/{submitted_application.pk}/", {"requested_krw": "1"})
    assert refused.status_code == 400
    assert client.post(f"/programs/applications/{submitted_application.pk}/supplement/").status_code == 302


def test_operator_queue_review_and_decision(client, pm, applicant, call, submitted_application) -> None:
    client.force_login(applicant)
    assert client.get(f"/programs/operator/calls/{call.pk}/").status_code == 403
    client.force_login(pm)
    assert applicant.membership.organisation.name in client.get(f"/programs/operator/calls/{call.pk}/").content.decode()
    url = f"/programs/operator/applications/{submitted_application.pk}/"
    client.post(url, {"action": "run_review"})
    assert 'data-check="documents"' in client.get(url).content.decode()
    ticks = {f"check_{item['id']}": "on" for item in operator_checklist(application=submitted_application)}
    client.post(url, {"action": "eligible", **ticks})
    assert Application.objects.get(pk=submitted_application.pk).status == Status.ELIGIBLE


def test_evaluator_sheet_is_for_assigned_evaluators_and_refuses_points_above(
    client, pm, submitted_application, make_evaluator
) -> None:
    application = application_review_run(user=pm, application=submitted_application)
    application = application_eligibility_decide(user=pm, application=application, eligible=True)
    evaluator, stranger = make_evaluator(), make_evaluator()
    evaluator_assign(user=pm, application=application, evaluator=evaluator)
    url = f"/programs/evaluator/applications/{application.pk}/"
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    client.force_login(evaluator)
    assert application.organisation.name in client.get("/programs/evaluator/").content.decode()
    scores = {f"score_{c}": str(int(p * Decimal("0.8"))) for c, p in PROGRAMME.criterion_points().items()}
    comments = {f"comment_{c}": "근거 충분" for c in PROGRAMME.criterion_points()}
    assert client.post(url, scores | comments | {"score_processing": "16"}).status_code == 400
    no_comment = client.post(url, scores | comments | {"comment_quality": " "})
    assert no_comment.status_code == 400 and "의견을 적으세요(빠진 항목: quality)" in no_comment.content.decode()
    assert application.assignments.get().scored_at is None
    assert client.post(url, scores | comments).status_code == 302
    assert application.assignments.get().scored_at is not None


def test_selection_page_is_for_the_operator(client, pm, applicant, call) -> None:
    client.force_login(applicant)
    assert client.get(f"/programs/operator/calls/{call.pk}/selection/").status_code == 403
    client.force_login(pm)
    assert "선정 실행" in client.get(f"/programs/operator/calls/{call.pk}/selection/").content.decode()
    assert client.post(f"/programs/operator/calls/{call.pk}/selection/", {"round": "1"}).status_code == 400


def test_the_operator_dashboard_shows_counts_deadlines_and_exports_xlsx(
    client, pm, call, submitted_application
) -> None:
    client.force_login(pm)
    page = client.get(f"/programs/operator/calls/{call.pk}/").content.decode()
    assert 'data-stage="submitted">제출: 1' in page and "2026-02-27 17:00" in page
    response = client.get(f"/programs/operator/calls/{call.pk}/export.xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "신청기관" and PROGRAMME.evaluation.sections[0].name.ko in rows[0]
    assert rows[1][0] == submitted_application.organisation.name and rows[1][4] == "2026-02-10 10:00:00"


def test_the_processor_pool_is_published_and_only_the_operator_adds(client, pm, applicant) -> None:
    owner = make_user()
    processor = make_organisation(owner, verified_by=pm, name="데이터가공랩", is_processor=True)
    client.force_login(applicant)
    assert (
        client.post(f"/programs/pool/{PRODUCTIZATION}/", {"business_number": processor.business_number}).status_code
        == 403
    )
    client.force_login(pm)
    client.post(f"/programs/pool/{PRODUCTIZATION}/", {"business_number": processor.business_number})
    client.logout()
    assert "데이터가공랩" in client.get(f"/programs/pool/{PRODUCTIZATION}/").content.decode()
