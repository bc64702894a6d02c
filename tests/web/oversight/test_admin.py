"""The Django admin lists the 사후관리 records (read-only: each is written by a service with its audit event)."""

from __future__ import annotations

from factories import make_user

from mfgdata.web.accounts.models import User
from mfgdata.web.oversight.services import inspection_record

MODELS = (
    "projectlisting",
    "consultingmeeting",
    "completion",
    "labourevidence",
    "inspection",
    "consortiumshare",
    "organisationcontact",
    "integrityflag",
    "measure",
)


def test_oversight_records_are_viewable_not_editable(client, make_project, maker, pm) -> None:
    inspection = inspection_record(
        user=pm,
        application=make_project(maker),
        kind="adhoc",
        inspected_on=maker.date_joined.date(),
        findings="정상 진행 확인",
    )
    staff = make_user("admin@example.kr")
    User.objects.filter(pk=staff.pk).update(is_staff=True, is_superuser=True)
    client.force_login(User.objects.get(pk=staff.pk))
    for model in MODELS:
        assert client.get(f"/admin/oversight/{model}/").status_code == 200, model
        assert client.get(f"/admin/oversight/{model}/add/").status_code == 403, model
    page = client.get(f"/admin/oversight/inspection/{inspection.pk}/change/").content.decode()
    assert "정상 진행 확인" in page and 'name="findings"' not in page
    assert client.post(f"/admin/oversight/inspection/{inspection.pk}/delete/", {"post": "yes"}).status_code == 403
