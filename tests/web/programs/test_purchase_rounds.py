"""구매지원 2023: the rolling second round selects in order of completion until its budget is spent, and
then takes no more applications."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from programme_factories import PURCHASE, SEOUL

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
    score_sheet_submit(user=evaluator, application=application, scores=scores, comments={})
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
