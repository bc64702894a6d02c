"""A whole 상품가공 call on the site: 40 generated applicants, five evaluators each, a tie, a late submission,
an expired document, a conflicted evaluator and a failed site check; the selection is checked by hand.

Applicant i gets 100 − i points from every evaluator (36 and later: 50, below the pass mark), so the panel
mean is known without the rules. Applicants 10 and 11 tie on 90: 10 loses its points in 수행 공정 (execution),
11 in 역량 (capability), so the definition's first tie-break key (section:execution) ranks 11 first although
10 submitted earlier.
Applicant 0 fails the site check. The budget pays ten 40M KRW projects.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from programme_factories import ON_TIME, PRODUCTIZATION, SEOUL

from mfgdata.rules import get_programme
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.programs.evaluation_services import (
    application_eligibility_decide,
    application_evaluate,
    application_review_run,
    call_select,
    conflict_declare,
    evaluator_assign,
    score_sheet_submit,
    site_check_record,
)
from mfgdata.web.programs.models import Application, Status
from mfgdata.web.programs.services import application_submit, call_open

pytestmark = pytest.mark.django_db
PROGRAMME = get_programme(PRODUCTIZATION)
assert PROGRAMME is not None


def sheet(total: int, take_first: str | None = None) -> dict[str, int]:
    """Full points, minus (100 - total) taken from `take_first`, then from the last criteria backwards."""
    points = dict(PROGRAMME.criterion_points())
    order = ([take_first] if take_first else []) + [c for c in reversed(points) if c != take_first]
    missing = 100 - total
    for criterion in order:
        taken = min(points[criterion], missing)
        points[criterion] -= taken
        missing -= taken
    return points


def base_of(i: int) -> int:
    return 50 if i >= 36 else 90 if i == 11 else 100 - i


def test_a_call_of_forty_applicants(agency, pm, make_applicant, complete_draft, make_evaluator) -> None:
    call = call_open(user=agency, programme_id=PRODUCTIZATION, budget_krw=400_000_000)
    panel = [make_evaluator() for _ in range(5)]
    users = [make_applicant() for _ in range(42)]
    # a late submission (17:00:00 on the last day) and an expired document are refused
    late = complete_draft(users[40], call, on=date(2026, 2, 27))
    with pytest.raises(SiteError, match="close"):
        application_submit(user=users[40], application=late, received_at=datetime(2026, 2, 27, 17, tzinfo=SEOUL))
    stale = complete_draft(users[41], call, issued=date(2025, 10, 1))
    with pytest.raises(SiteError, match="3 months"):
        application_submit(user=users[41], application=stale, received_at=ON_TIME)
    conflicted = make_evaluator()
    conflict_declare(user=conflicted, organisation=users[5].membership.organisation, reason="대표이사와 친족")
    apps: list[Application] = []
    for i in range(40):
        draft = complete_draft(users[i], call)
        submitted = application_submit(user=users[i], application=draft, received_at=ON_TIME + timedelta(minutes=i))
        reviewed = application_review_run(user=pm, application=submitted)
        application = application_eligibility_decide(user=pm, application=reviewed, eligible=True)
        if i == 5:
            with pytest.raises(Refused):
                evaluator_assign(user=pm, application=application, evaluator=conflicted)
        for evaluator in panel:
            evaluator_assign(user=pm, application=application, evaluator=evaluator)
            scores = sheet(base_of(i), take_first="processing" if i == 10 else None)
            comments = dict.fromkeys(scores, "적정")
            score_sheet_submit(user=evaluator, application=application, scores=scores, comments=comments)
        application = application_evaluate(user=pm, application=application)
        if application.panel["passed"]:
            items = {item.id: (i, item.id) != (0, "data_matches_plan") for item in PROGRAMME.site_check.items}  # type: ignore[union-attr]
            site_check_record(user=pm, application=application, results=items, notes={})
        apps.append(application)
    call_select(user=pm, call=call)
    outcome = {i: Application.objects.get(pk=a.pk) for i, a in enumerate(apps)}
    selected = [i for i in range(40) if outcome[i].status == Status.SELECTED]
    # by hand: 0 fails the site check; 1..9 (99..91); then 11 before 10 on the tie; ten fit the budget
    assert selected == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]
    assert outcome[10].result["status"] == "waiting" and outcome[10].result["rank"] == 11
    assert outcome[11].result["tie_broken_by"] == "section:execution"
    assert outcome[0].result["status"] == "failed" and outcome[36].result["status"] == "failed"
    assert [outcome[i].result["rank"] for i in (1, 9, 12)] == [1, 9, 12]
