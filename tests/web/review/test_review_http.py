"""HTTP: the operator's queue and decision page."""

from __future__ import annotations

import pytest

from mfgdata.web.listings.models import Listing, Status

pytestmark = pytest.mark.django_db


def test_queue_is_for_operators_only(client, seller, operator, submitted) -> None:
    client.force_login(seller)
    assert client.get("/review/").status_code == 403
    client.force_login(operator)
    assert submitted.title_ko in client.get("/review/").content.decode()


def test_detail_shows_the_checklist_and_approving_lists(client, operator, submitted) -> None:
    client.force_login(operator)
    page = client.get(f"/review/{submitted.pk}/").content.decode()
    assert 'data-requirement="quality-passed"' in page and "req-passed" in page
    assert client.post(f"/review/{submitted.pk}/", {"decision": "approve", "comment": "ok"}).status_code == 302
    assert Listing.objects.get(pk=submitted.pk).status == Status.LISTED


def test_rejecting_needs_a_comment(client, operator, submitted) -> None:
    client.force_login(operator)
    assert client.post(f"/review/{submitted.pk}/", {"decision": "reject", "comment": ""}).status_code == 400
    client.post(f"/review/{submitted.pk}/", {"decision": "reject", "comment": "라이선스 불명확"})
    assert Listing.objects.get(pk=submitted.pk).status == Status.REJECTED
