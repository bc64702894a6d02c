"""Programme application status of the caller's organisation."""

from __future__ import annotations

import pytest
from api_fixtures import api_client, token_for
from factories import make_organisation, make_user

from mfgdata.web.accounts.models import Role, Scope, User
from mfgdata.web.accounts.services import role_grant
from mfgdata.web.programs.services import application_create, call_open

pytestmark = pytest.mark.django_db


def test_an_organisation_sees_its_own_applications_and_not_others(operator: User) -> None:
    agency = make_user()
    make_organisation(agency, name="전담기관")
    role_grant(
        granted_by=None, user=agency, role=Role.AGENCY, scope=Scope.PROGRAMME, programme_id="productization-2026"
    )
    call = call_open(user=agency, programme_id="productization-2026")
    applicant, other = make_user(), make_user()
    make_organisation(applicant, verified_by=operator, is_manufacturer=True)
    make_organisation(other, verified_by=operator)
    application = application_create(user=User.objects.get(pk=applicant.pk), call=call)
    mine = api_client(token_for(User.objects.get(pk=applicant.pk), ["read_catalog"]))
    [row] = mine.get("/api/v1/programmes/applications").json()
    assert (row["id"], row["status"], row["status_label"]) == (application.pk, "draft", "작성 중")
    assert row["programme_id"] == "productization-2026" and row["result"] == {}
    assert mine.get(f"/api/v1/programmes/applications/{application.pk}").status_code == 200
    theirs = api_client(token_for(User.objects.get(pk=other.pk), ["read_catalog"]))
    assert theirs.get("/api/v1/programmes/applications").json() == []
    response = theirs.get(f"/api/v1/programmes/applications/{application.pk}")
    assert (response.status_code, response.json()["code"]) == (404, "not-found")
    assert api_client().get("/api/v1/programmes/applications").status_code == 401
