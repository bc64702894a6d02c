"""구매지원 2023: the rolling second round selects in order of completion until its budget is spent, and
then takes no more applications."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from programme_factories import PURCHASE, PURCHASE_ON_TIME, SEOUL

from mfgdata.rules import get_programme
from mfgdata.web.core.errors import SiteError
from mfgdata.web.programs.evaluation_services import (
    application_eligibility_decide,
    application_evaluate,
    application_review_run,
    call_select,
    evaluator_assign,
    score_sheet_submit,
)
from mfgdata.web.programs.models import Application, CallRound, Status
from mfgdata.web.programs.services import application_submit, call_open
from mfgdata.web.review.services import review_decide

pytestmark = pytest.mark.django_db
PROGRAMME = get_programme(PURCHASE)
assert PROGRAMME is not None
ROUND_TWO = datetime(2023, 9, 4, 10, 0, tzinfo=SEOUL)


def _scored(pm, evaluator, application: Application) -> Application:
    application = application_review_run(user=pm, application=application)
    assert application.eligibility["passed"], application.eligibility["reasons_en"]
    application = application_eligibility_decide(user=pm, application=application, eligible=True)
    evaluator_assign(user=pm, application=application, evaluator=evaluator)
    scores = {c: p * 8 // 10 for c, p in PROGRAMME.criterion_points().items()}
    score_sheet_submit(user=evaluator, application=application, scores=scores, comments=dict.fromkeys(scores, "적정"))
    return application_evaluate(user=pm, application=application)


def test_a_rolling_round_selects_until_its_budget_is_spent_then_closes(
    agency, pm, make_applicant, complete_draft, make_evaluator
) -> None:
    # given: 16M KRW for the round, three applications of 8M submitted an hour apart
    call = call_open(user=agency, programme_id=PURCHASE, budget_krw=16_000_000)
    evaluator = make_evaluator(PURCHASE)
    apps = []
    for hour in range(3):
        user = make_applicant()
        draft = complete_draft(user, call, round_id="2", on=ROUND_TWO.date())
        received = ROUND_TWO + timedelta(hours=hour)
        apps.append(_scored(pm, evaluator, application_submit(user=user, application=draft, received_at=received)))
    # when
    result = call_select(user=pm, call=call, round_id="2")
    # then: the first two fit, the third waits, and the round is closed from the third's submission
    statuses = [Application.objects.get(pk=a.pk).status for a in apps]
    assert statuses == [Status.SELECTED, Status.SELECTED, Status.NOT_SELECTED]
    assert result.budget_spent_at == ROUND_TWO + timedelta(hours=2)
    assert CallRound.objects.get(call=call, round_id="2").budget_spent_at == ROUND_TWO + timedelta(hours=2)
    late_user = make_applicant()
    late = complete_draft(late_user, call, round_id="2", on=ROUND_TWO.date())
    with pytest.raises(SiteError) as refused:
        application_submit(user=late_user, application=late, received_at=ROUND_TWO + timedelta(hours=3))
    assert refused.value.code == "application-late"


def test_a_named_product_must_be_listed_before_evaluation(
    agency, pm, make_applicant, complete_draft, make_evaluator, operator, submitted, django_capture_on_commit_callbacks
) -> None:
    # given: a 구매지원 application naming a product still under the marketplace's review
    call = call_open(user=agency, programme_id=PURCHASE)
    user = make_applicant()
    draft = complete_draft(user, call, on=PURCHASE_ON_TIME.date(), products=[submitted])
    application = application_submit(user=user, application=draft, received_at=PURCHASE_ON_TIME)
    application = application_review_run(user=pm, application=application)
    application = application_eligibility_decide(user=pm, application=application, eligible=True)
    evaluator = make_evaluator(PURCHASE)
    # when / then: no panel until it is listed
    with pytest.raises(SiteError) as refused:
        evaluator_assign(user=pm, application=application, evaluator=evaluator)
    assert refused.value.code == "products-not-listed"
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(operator=operator, listing=submitted, decision="approve", comment="ok")
    assert evaluator_assign(user=pm, application=application, evaluator=evaluator).evaluator == evaluator


def test_a_productization_application_names_no_products(applicant, call, complete_draft, submitted) -> None:
    with pytest.raises(SiteError) as refused:
        complete_draft(applicant, call, products=[submitted])
    assert refused.value.code == "products-not-applicable"


def test_a_purchase_call_publishes_the_listed_products(client, purchase_call, listed) -> None:
    page = client.get(f"/programs/calls/{purchase_call.pk}/").content.decode()
    assert "등록상품 현황" in page and listed.title_ko in page


def test_the_listed_products_are_the_purchase_calls_attachment(client, purchase_call, call, listed) -> None:
    response = client.get(f"/programs/calls/{purchase_call.pk}/listed-products.csv")
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    rows = response.content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("번호,상품명,판매기업,사업자등록번호,등록 주체")
    assert len(rows) == 2 and listed.title_ko in rows[1] and listed.seller.business_number in rows[1]
    assert client.get(f"/programs/calls/{call.pk}/listed-products.csv").status_code == 404
