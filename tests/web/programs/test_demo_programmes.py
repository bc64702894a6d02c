"""The demo loader's programmes: a call per shipped definition, roles, the processor pool; idempotent."""

from __future__ import annotations

import pytest
from factories import make_organisation, make_user

from mfgdata.rules import load_programmes
from mfgdata.web.accounts.models import User
from mfgdata.web.demo.programmes import AGENCY_EMAIL, load_programme_calls
from mfgdata.web.programs.models import Call, ProcessorPoolEntry
from mfgdata.web.programs.permissions import is_programme_operator

pytestmark = pytest.mark.django_db


def test_the_demo_opens_one_call_per_definition_and_fills_the_pool() -> None:
    operator, processor = make_user("operator@demo.mfgdata.kr"), make_user("processor@demo.mfgdata.kr")
    make_organisation(processor, is_processor=True)
    users = {u.email: User.objects.get(pk=u.pk) for u in (operator, processor)}
    for _ in range(2):
        load_programme_calls(users, "pw-123456789", say=lambda _: None)
    ids = sorted(p.id for p in load_programmes())
    assert sorted(Call.objects.values_list("programme_id", flat=True)) == ids
    assert ProcessorPoolEntry.objects.get().organisation == users["processor@demo.mfgdata.kr"].membership.organisation
    assert all(is_programme_operator(user=operator, programme_id=i) for i in ids)
    assert User.objects.filter(email=AGENCY_EMAIL).count() == 1
