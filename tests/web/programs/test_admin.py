"""The Django admin shows agreements, budget adjustments and claims but never changes them: every change
goes through the services that check the notice's rules and write the audit events."""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_user

from mfgdata.web.accounts.models import User
from mfgdata.web.programs.agreement_services import agreement_create
from mfgdata.web.programs.models import Agreement, Application

MODELS = ("agreement", "budgetadjustment", "claim", "claimline")


@pytest.fixture
def staff(db: None) -> User:
    user = make_user("admin@example.kr")
    User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
    return User.objects.get(pk=user.pk)


def test_agreements_are_viewable_but_not_editable_in_the_admin(
    client, staff: User, pm: User, selected: Application
) -> None:
    agreement = agreement_create(
        user=pm, application=selected, starts_on=date(2026, 4, 1), government_krw=40_000_000, cash_krw=10_000_000
    )
    client.force_login(staff)
    for model in MODELS:
        assert client.get(f"/admin/programs/{model}/").status_code == 200, model
        assert client.get(f"/admin/programs/{model}/add/").status_code == 403, model
    page = client.get(f"/admin/programs/agreement/{agreement.pk}/change/")
    assert page.status_code == 200 and 'name="government_krw"' not in page.content.decode()
    changed = client.post(f"/admin/programs/agreement/{agreement.pk}/change/", {"government_krw": "50000000"})
    assert changed.status_code == 403
    assert client.post(f"/admin/programs/agreement/{agreement.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Agreement.objects.get(pk=agreement.pk).government_krw == 40_000_000
