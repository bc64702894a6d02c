"""요건검토, panels, score sheets, site check and selection through the services, checked by hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from programme_factories import ON_TIME, PRODUCTIZATION, clean_facts

from mfgdata.rules import get_programme
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.statemachine import events_of
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
from mfgdata.web.programs.models import Application, ConsultingRecord, SanctionEntry, Status
from mfgdata.web.programs.selectors import applicant_result
from mfgdata.web.programs.services import application_submit, call_open

pytestmark = pytest.mark.django_db
PROGRAMME = get_programme(PRODUCTIZATION)
assert PROGRAMME is not None
POINTS = PROGRAMME.criterion_points()


def uniform(fraction: Decimal) -> dict[str, int]:
    """Every criterion at `fraction` of its points, rounded down (0.8 → 80, 0.7 → 68, 0.5 → 48 in 000)."""
    return {c: int(p * fraction) for c, p in POINTS.items()}


def _reviewed(pm, application: Application) -> Application:
    application = application_review_run(user=pm, application=application)
    return application_eligibility_decide(user=pm, application=application, eligible=True)


def test_the_review_stores_each_item_and_the_operator_confirms(pm, submitted_application) -> None:
    reviewed = application_review_run(user=pm, application=submitted_application)
    checks = {item["check"]: item["passed"] for item in reviewed.eligibility["items"]}
    assert reviewed.eligibility["passed"] is True
    assert checks["window"] and checks["documents"] and checks["exclusion:6"]
    decided = application_eligibility_decide(user=pm, application=reviewed, eligible=True)
    assert decided.status == Status.ELIGIBLE
    actions = [e.action for e in events_of(decided)]
    assert actions[-3:] == ["start_review", "review_run", "confirm_eligible"]


def test_an_exclusion_fails_the_review_and_overriding_needs_a_reason(pm, applicant, call, complete_draft) -> None:
    facts = clean_facts(PRODUCTIZATION) | {"tax_arrears_disposition": True}
    draft = complete_draft(applicant, call, facts=facts)
    application = application_review_run(
        user=pm, application=application_submit(user=applicant, application=draft, received_at=ON_TIME)
    )
    assert application.eligibility["passed"] is False
    assert any("지원제외 2" in reason for reason in application.eligibility["reasons_ko"])
    with pytest.raises(SiteError) as refused:
        application_eligibility_decide(user=pm, application=application, eligible=True)
    assert refused.value.code == "override-needs-reason"
    decided = application_eligibility_decide(user=pm, application=application, eligible=True, reason="재기지원 확인")
    assert decided.eligibility["decision"] == {"eligible": True, "overridden": True, "reason": "재기지원 확인"}
    assert events_of(decided).last().comment == "재기지원 확인"


def test_a_sanctioned_organisation_is_excluded(pm, applicant, submitted_application) -> None:
    SanctionEntry.objects.create(
        organisation=applicant.membership.organisation,
        kind="participation_ban",
        scope="smart_factory",
        starts_on=date(2025, 1, 1),
        ends_on=date(2027, 1, 1),
        reason="부정수급",
    )
    reviewed = application_review_run(user=pm, application=submitted_application)
    assert {i["check"]: i["passed"] for i in reviewed.eligibility["items"]}["exclusion:6"] is False


def test_the_review_is_for_the_programme_operator_only(applicant, submitted_application) -> None:
    with pytest.raises(Refused):
        application_review_run(user=applicant, application=submitted_application)


def test_an_evaluator_from_the_applicant_or_with_a_conflict_is_not_assigned(
    pm, applicant, submitted_application, make_evaluator
) -> None:
    application = _reviewed(pm, submitted_application)
    colleague = make_evaluator(organisation=applicant.membership.organisation)
    with pytest.raises(Refused) as linked:
        evaluator_assign(user=pm, application=application, evaluator=colleague)
    assert linked.value.code == "evaluator-linked"
    conflicted = make_evaluator()
    conflict_declare(user=conflicted, organisation=application.organisation, reason="전 직장")
    with pytest.raises(Refused) as declared:
        evaluator_assign(user=pm, application=application, evaluator=conflicted)
    assert declared.value.code == "evaluator-conflict"


def test_declaring_a_conflict_withdraws_an_unscored_assignment(pm, submitted_application, make_evaluator) -> None:
    application = _reviewed(pm, submitted_application)
    evaluator = make_evaluator()
    evaluator_assign(user=pm, application=application, evaluator=evaluator)
    conflict_declare(user=evaluator, organisation=application.organisation, reason="지분 보유")
    assert application.assignments.count() == 0


def test_sheets_are_checked_against_the_criteria_and_assignments(pm, submitted_application, make_evaluator) -> None:
    application = _reviewed(pm, submitted_application)
    evaluator, stranger = make_evaluator(), make_evaluator()
    evaluator_assign(user=pm, application=application, evaluator=evaluator)
    with pytest.raises(Refused) as unassigned:
        score_sheet_submit(user=stranger, application=application, scores=uniform(Decimal("0.8")), comments={})
    assert unassigned.value.code == "not-assigned"
    too_high = uniform(Decimal("0.8")) | {"processing": 16}
    with pytest.raises(SiteError, match="0 to 15") as above:
        score_sheet_submit(user=evaluator, application=application, scores=too_high, comments={})
    assert above.value.code == "rules-score-range"
    with pytest.raises(SiteError, match="Every assigned evaluator"):
        application_evaluate(user=pm, application=application)


def _apply(make_applicant, complete_draft, call, offset_minutes: int, consulting: bool = False) -> Application:
    user = make_applicant()
    if consulting:
        ConsultingRecord.objects.create(
            organisation=user.membership.organisation,
            programme="consulting-2025-rolling",
            completed_on=date(2025, 11, 1),
        )
    draft = complete_draft(user, call, claimed_bonuses=["consulting_2025"] if consulting else [])
    return application_submit(user=user, application=draft, received_at=ON_TIME + timedelta(minutes=offset_minutes))


def _score(pm, application: Application, evaluators, fraction: str) -> Application:
    application = _reviewed(pm, application)
    for evaluator in evaluators:
        evaluator_assign(user=pm, application=application, evaluator=evaluator)
        scores = uniform(Decimal(fraction))
        score_sheet_submit(
            user=evaluator, application=application, scores=scores, comments=dict.fromkeys(scores, "적정")
        )
    return application_evaluate(user=pm, application=application)


def _site(pm, application: Application, fail: str | None = None) -> None:
    items = {i.id: i.id != fail for i in PROGRAMME.site_check.items}  # type: ignore[union-attr]
    site_check_record(user=pm, application=application, results=items, notes={})


def test_a_call_is_selected_by_final_score_within_budget_with_ties_and_a_failed_site_check(
    agency, pm, make_applicant, complete_draft, make_evaluator
) -> None:
    # given: 120M KRW, 40M each; A 80, B 68 + 3 consulting bonus, C 68 but 부 on site, D 48 (below 60),
    # E and F 68 with equal sections, E submitted first
    call = call_open(user=agency, programme_id=PRODUCTIZATION, budget_krw=120_000_000)
    panel = [make_evaluator() for _ in range(3)]
    plan = {
        "A": ("0.8", False),
        "B": ("0.7", True),
        "C": ("0.7", False),
        "D": ("0.5", False),
        "E": ("0.7", False),
        "F": ("0.7", False),
    }
    apps = {}
    for minute, (name, (fraction, consulting)) in enumerate(plan.items()):
        apps[name] = _score(pm, _apply(make_applicant, complete_draft, call, minute, consulting), panel, fraction)
    for name in "ABEF":
        _site(pm, apps[name])
    _site(pm, apps["C"], fail="data_held")
    with pytest.raises(SiteError):
        _site(pm, apps["D"])  # below the pass mark: not a site-check target
    # when
    call_select(user=pm, call=call)
    # then
    outcome = {n: Application.objects.get(pk=a.pk) for n, a in apps.items()}
    assert [n for n in "ABCDEF" if outcome[n].status == Status.SELECTED] == ["A", "B", "E"]
    assert outcome["B"].result["final_score"] == "71"
    assert (outcome["E"].result["rank"], outcome["F"].result["rank"]) == (3, 4)
    assert outcome["F"].result["status"] == "waiting"
    assert outcome["E"].result["tie_broken_by"] == "submitted_at"
    assert outcome["C"].result["status"] == "failed" and "현장확인" in outcome["C"].result["reasons_ko"][0]
    assert outcome["D"].result["status"] == "failed"
    seen = applicant_result(application=outcome["A"])
    assert seen["sections"]["execution"] == "24" and "evaluator" not in str(seen)
