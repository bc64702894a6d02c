"""The operator's checklist on top of the automatic 요건검토 (적합 only with every item confirmed) and the site
check's photos (a real JPEG/PNG, refused otherwise with nothing recorded). Through the services and HTTP."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from programme_factories import PRODUCTIZATION

from mfgdata.rules import get_programme
from mfgdata.web.core.errors import SiteError
from mfgdata.web.core.models import Notification
from mfgdata.web.programs.evaluation_services import (
    application_eligibility_decide,
    application_evaluate,
    application_review_run,
    call_select,
    evaluator_assign,
    score_sheet_submit,
    site_check_record,
)
from mfgdata.web.programs.models import Application, SiteCheckResult, Status
from mfgdata.web.programs.selectors import operator_checklist

pytestmark = pytest.mark.django_db
PROGRAMME = get_programme(PRODUCTIZATION)
assert PROGRAMME is not None
ITEMS = [item.id for item in PROGRAMME.site_check.items]  # type: ignore[union-attr]


def _photo(name: str = "site.jpg", kind: str = "JPEG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_the_checklist_names_each_uploaded_document_and_the_facts(submitted_application) -> None:
    ids = [item["id"] for item in operator_checklist(application=submitted_application)]
    uploaded = sorted({d.number for d in submitted_application.documents.all()})
    assert ids == [f"document:{n}" for n in uploaded] + ["facts", "plan"]


def test_eligible_needs_every_checklist_item_but_ineligible_does_not(pm, submitted_application) -> None:
    reviewed = application_review_run(user=pm, application=submitted_application)
    ticks = {item["id"]: True for item in operator_checklist(application=reviewed)}
    with pytest.raises(SiteError) as refused:
        application_eligibility_decide(user=pm, application=reviewed, eligible=True, checklist=ticks | {"facts": False})
    assert refused.value.code == "checklist-incomplete" and "facts" in refused.value.text.ko
    assert Application.objects.get(pk=reviewed.pk).status == Status.ELIGIBILITY_REVIEW
    decided = application_eligibility_decide(user=pm, application=reviewed, eligible=True, checklist=ticks)
    assert decided.status == Status.ELIGIBLE and decided.eligibility["decision"]["checklist"] == ticks


def test_the_review_page_sends_the_checklist(client: Client, pm, submitted_application) -> None:
    application_review_run(user=pm, application=submitted_application)
    client.force_login(pm)
    url = f"/programs/operator/applications/{submitted_application.pk}/"
    assert "운영기관 체크리스트" in client.get(url).content.decode()
    assert client.post(url, {"action": "eligible"}).status_code == 400
    ticks = {f"check_{item['id']}": "on" for item in operator_checklist(application=submitted_application)}
    assert client.post(url, {"action": "eligible", **ticks}).status_code == 302
    assert Application.objects.get(pk=submitted_application.pk).status == Status.ELIGIBLE


def _evaluated(pm, application: Application, make_evaluator) -> Application:
    reviewed = application_review_run(user=pm, application=application)
    eligible = application_eligibility_decide(user=pm, application=reviewed, eligible=True)
    evaluator = make_evaluator()
    evaluator_assign(user=pm, application=eligible, evaluator=evaluator)
    scores = {c: int(p * Decimal("0.8")) for c, p in PROGRAMME.criterion_points().items()}
    comments = dict.fromkeys(scores, "평가위원만 아는 의견")
    score_sheet_submit(user=evaluator, application=eligible, scores=scores, comments=comments)
    return application_evaluate(user=pm, application=eligible)


def test_a_site_check_keeps_its_photo(pm, submitted_application, make_evaluator) -> None:
    application = _evaluated(pm, submitted_application, make_evaluator)
    results = dict.fromkeys(ITEMS, True)
    site_check_record(user=pm, application=application, results=results, notes={}, photos={ITEMS[0]: _photo()})
    stored = SiteCheckResult.objects.get(application=application, item_id=ITEMS[0])
    assert stored.photo.name.endswith(".jpg") and stored.photo.read(2) == b"\xff\xd8"


@pytest.mark.parametrize(
    "photo",
    [
        SimpleUploadedFile("plan.jpg", b"%PDF-1.4 not a photo"),
        SimpleUploadedFile("cut.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 10),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_and_nothing_recorded(
    pm, submitted_application, make_evaluator, photo
) -> None:
    application = _evaluated(pm, submitted_application, make_evaluator)
    with pytest.raises(SiteError) as refused:
        site_check_record(
            user=pm, application=application, results=dict.fromkeys(ITEMS, True), notes={}, photos={ITEMS[0]: photo}
        )
    assert refused.value.code == "photo-invalid"
    assert not SiteCheckResult.objects.filter(application=application).exists()
    assert Application.objects.get(pk=application.pk).status == Status.EVALUATED


def test_the_applicant_sees_section_means_but_no_evaluator(
    client: Client, pm, applicant, submitted_application, make_evaluator
) -> None:
    application = _evaluated(pm, submitted_application, make_evaluator)
    evaluator = application.assignments.get().evaluator
    site_check_record(user=pm, application=application, results=dict.fromkeys(ITEMS, True), notes={})
    call_select(user=pm, call=application.call)
    client.force_login(applicant)
    seen = client.get(f"/programs/applications/{application.pk}/").content.decode()
    seen += client.get("/programs/mine/").content.decode()
    seen += "".join(n.subject + n.body for n in Notification.objects.filter(user=applicant))
    assert 'data-result="selected"' in seen and ("16 / 20" in seen or "16.00 / 20" in seen)
    assert evaluator.email not in seen and evaluator.membership.organisation.name not in seen
    assert "평가위원만 아는 의견" not in seen  # the evaluators' comments stay with the operator
