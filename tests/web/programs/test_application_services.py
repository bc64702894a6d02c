"""Calls and applications through the services: who may open and apply, deadlines in Seoul, documents,
consortia from the processor pool, immutability and supplements, and the audit trail."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from factories import make_organisation, make_user
from programme_factories import ON_TIME, PRODUCTIZATION, SEOUL, pdf

from mfgdata.web.accounts.models import User
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.statemachine import events_of
from mfgdata.web.programs.models import Application, Status
from mfgdata.web.programs.services import (
    application_document_add,
    application_submit,
    application_supplement,
    application_update,
    call_open,
    processor_pool_add,
)

pytestmark = pytest.mark.django_db


def test_a_call_takes_its_rounds_and_budget_from_the_definition(agency, purchase_call) -> None:
    assert list(purchase_call.rounds.values_list("round_id", flat=True)) == ["1", "2"]
    assert purchase_call.budget_krw == 500_000_000
    assert [e.action for e in events_of(purchase_call)] == ["open"]


def test_only_the_agency_opens_a_call(applicant, pm) -> None:
    for user in (applicant, pm):
        with pytest.raises(Refused, match="agency"):
            call_open(user=user, programme_id=PRODUCTIZATION)


def test_submission_before_17_on_the_last_day_is_on_time(applicant, call, complete_draft) -> None:
    draft = complete_draft(applicant, call, on=date(2026, 2, 27))
    done = application_submit(
        user=applicant, application=draft, received_at=datetime(2026, 2, 27, 16, 59, 59, tzinfo=SEOUL)
    )
    assert done.status == Status.SUBMITTED
    assert [e.action for e in events_of(done)] == ["create", "submit"]


def test_submission_at_17_00_00_on_the_last_day_is_late(applicant, call, complete_draft) -> None:
    draft = complete_draft(applicant, call, on=date(2026, 2, 27))
    with pytest.raises(SiteError, match="close") as refused:
        application_submit(user=applicant, application=draft, received_at=datetime(2026, 2, 27, 17, tzinfo=SEOUL))
    assert refused.value.code == "application-late"
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_document_issued_more_than_three_months_before_is_refused(applicant, call, complete_draft) -> None:
    draft = complete_draft(applicant, call, issued=date(2025, 11, 9))
    with pytest.raises(SiteError, match="3 months") as refused:
        application_submit(user=applicant, application=draft, received_at=ON_TIME)
    assert refused.value.code == "documents-incomplete"
    assert Application.objects.get(pk=draft.pk).documents.count() > 0  # nothing already saved is lost


def test_a_missing_required_document_is_refused(applicant, call, complete_draft) -> None:
    draft = complete_draft(applicant, call, skip=(1,))
    with pytest.raises(SiteError, match="1\\. "):
        application_submit(user=applicant, application=draft, received_at=ON_TIME)


def _processor(pm: User) -> object:
    owner = make_user()
    return make_organisation(owner, verified_by=pm, name="데이터가공", is_processor=True)


def test_a_consortium_without_its_agreement_is_refused(applicant, pm, call, complete_draft) -> None:
    processor = _processor(pm)
    processor_pool_add(user=pm, programme_id=PRODUCTIZATION, organisation=processor)
    draft = complete_draft(applicant, call, participation="consortium", processor=processor, skip=(9,))
    with pytest.raises(SiteError, match="9\\. "):
        application_submit(user=applicant, application=draft, received_at=ON_TIME)
    application_document_add(user=applicant, application=draft, number=9, file=pdf(), issued_on=date(2026, 2, 1))
    assert application_submit(user=applicant, application=draft, received_at=ON_TIME).processor == processor


def test_the_processor_must_come_from_the_pool(applicant, pm, call, complete_draft) -> None:
    with pytest.raises(SiteError, match="pool"):
        complete_draft(applicant, call, participation="consortium", processor=_processor(pm))


def test_only_the_operator_keeps_the_pool_and_only_processors_enter_it(applicant, pm) -> None:
    processor = _processor(pm)
    with pytest.raises(Refused):
        processor_pool_add(user=applicant, programme_id=PRODUCTIZATION, organisation=processor)
    with pytest.raises(SiteError, match="processing company"):
        processor_pool_add(user=pm, programme_id=PRODUCTIZATION, organisation=applicant.membership.organisation)


def test_another_organisation_cannot_edit_an_application(make_applicant, applicant, call, complete_draft) -> None:
    draft = complete_draft(applicant, call)
    with pytest.raises(Refused, match="another organisation"):
        application_update(user=make_applicant(), application=draft, requested_krw=1)


def test_facts_bonuses_and_sections_are_checked_against_the_definition(applicant, call, complete_draft) -> None:
    draft = complete_draft(applicant, call)
    with pytest.raises(SiteError, match="audit_opinion"):
        application_update(user=applicant, application=draft, facts={"audit_opinion": "excellent"})
    with pytest.raises(SiteError, match="Unknown bonus"):
        application_update(user=applicant, application=draft, claimed_bonuses=["free_points"])
    with pytest.raises(SiteError):
        application_update(user=applicant, application=draft, plan_sections={"nonsense": "x"})


def test_a_submitted_application_is_immutable_and_a_supplement_is_a_new_version(
    applicant, submitted_application
) -> None:
    with pytest.raises(SiteError, match="supplement") as refused:
        application_update(user=applicant, application=submitted_application, requested_krw=1)
    assert refused.value.code == "application-immutable"
    supplement = application_supplement(user=applicant, application=submitted_application)
    assert (supplement.version, supplement.status, supplement.previous_id) == (
        2,
        Status.DRAFT,
        submitted_application.pk,
    )
    assert supplement.documents.count() == submitted_application.documents.count()
    assert Application.objects.get(pk=submitted_application.pk).status == Status.SUPERSEDED


def test_an_unverified_organisation_cannot_apply(call) -> None:
    from mfgdata.web.programs.services import application_create

    user = make_user()
    make_organisation(user)
    with pytest.raises(SiteError, match="verified"):
        application_create(user=User.objects.get(pk=user.pk), call=call)
