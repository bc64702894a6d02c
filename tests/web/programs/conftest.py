"""Fixtures for programmes: the agency, the operator, evaluators, an applicant, calls and complete drafts.

Drafts are filled from the definition itself (its facts, documents and sections), so the tests follow the
definition files rather than repeating their numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from factories import make_organisation, make_user
from money_fixtures import (  # noqa: F401  (agreement and claim fixtures)
    cost_accountant,
    make_selected,
    market_seller,
    processor_product,
    product,
    selected,
    sign_purchase_agreement,
)
from programme_factories import ON_TIME, PRODUCTIZATION, PURCHASE, clean_facts, pdf

from mfgdata.rules import get_programme
from mfgdata.rules.documents import applicable_documents
from mfgdata.web.accounts.models import Membership, Organisation, Role, Scope, User
from mfgdata.web.accounts.services import role_grant
from mfgdata.web.programs.models import Application, Call
from mfgdata.web.programs.services import (
    application_create,
    application_document_add,
    application_submit,
    application_update,
    call_open,
)

ON_DAY = ON_TIME.date()


@pytest.fixture
def programme_people(db: None) -> dict[str, User]:
    """The agency, the programme operator (with the marketplace operator role, to verify) for both programmes."""
    agency, operator = make_user("agency@example.kr"), make_user("pm@example.kr")
    make_organisation(agency, name="전담기관")
    make_organisation(operator, name="운영기관")
    role_grant(granted_by=None, user=operator, role=Role.MARKETPLACE_OPERATOR, scope=Scope.MARKETPLACE)
    for programme_id in (PRODUCTIZATION, PURCHASE):
        role_grant(granted_by=None, user=agency, role=Role.AGENCY, scope=Scope.PROGRAMME, programme_id=programme_id)
        role_grant(
            granted_by=None,
            user=operator,
            role=Role.PROGRAMME_OPERATOR,
            scope=Scope.PROGRAMME,
            programme_id=programme_id,
        )
    return {"agency": agency, "operator": User.objects.get(pk=operator.pk)}


@pytest.fixture
def agency(programme_people: dict[str, User]) -> User:
    return programme_people["agency"]


@pytest.fixture
def pm(programme_people: dict[str, User]) -> User:
    return programme_people["operator"]


@pytest.fixture
def make_applicant(pm: User) -> Callable[..., User]:
    def make(email: str | None = None, **flags: Any) -> User:
        user = make_user(email)
        make_organisation(user, verified_by=pm, is_manufacturer=True, **flags)
        return User.objects.get(pk=user.pk)

    return make


@pytest.fixture
def applicant(make_applicant: Callable[..., User]) -> User:
    return make_applicant("applicant@example.kr", name="한빛정밀")


@pytest.fixture
def make_evaluator(db: None) -> Callable[..., User]:
    def make(programme_id: str = PRODUCTIZATION, organisation: Organisation | None = None) -> User:
        user = make_user()
        if organisation is None:
            make_organisation(user, name=f"평가기관 {user.pk}")
        else:
            Membership.objects.create(user=user, organisation=organisation)
        role_grant(granted_by=None, user=user, role=Role.EVALUATOR, scope=Scope.PROGRAMME, programme_id=programme_id)
        return User.objects.get(pk=user.pk)

    return make


@pytest.fixture
def call(agency: User) -> Call:
    return call_open(user=agency, programme_id=PRODUCTIZATION)


@pytest.fixture
def purchase_call(agency: User) -> Call:
    return call_open(user=agency, programme_id=PURCHASE)


@pytest.fixture
def complete_draft() -> Callable[..., Application]:
    """`complete_draft(user, call, on=date, skip=(numbers), issued=date, **update)` → a draft ready to submit."""

    def build(
        user: User,
        call: Call,
        *,
        on: date = ON_DAY,
        skip: tuple[int, ...] = (),
        issued: date | None = None,
        round_id: str | None = None,
        **update: Any,
    ) -> Application:
        programme = get_programme(call.programme_id)
        assert programme is not None
        application = application_create(user=user, call=call, round_id=round_id)
        fields: dict[str, Any] = {
            "participation": "solo",
            "requested_krw": 40_000_000 if call.programme_id == PRODUCTIZATION else 8_000_000,
            "facts": clean_facts(call.programme_id),
            "plan_sections": {s.id: f"{s.name.ko} 계획" for s in programme.evaluation.sections},
            **update,
        }
        application = application_update(user=user, application=application, **fields)
        needed = applicable_documents(
            programme,
            participation=application.participation,
            applicant="sme",
            bonus_claimed=bool(application.claimed_bonuses),
        )
        for document in needed:
            if document.number not in skip:
                application_document_add(
                    user=user,
                    application=application,
                    number=document.number,
                    file=pdf(f"{document.id}.pdf"),
                    issued_on=issued or on - timedelta(days=5),
                )
        return Application.objects.get(pk=application.pk)

    return build


@pytest.fixture
def submitted_application(applicant: User, call: Call, complete_draft: Callable[..., Application]) -> Application:
    return application_submit(user=applicant, application=complete_draft(applicant, call), received_at=ON_TIME)
