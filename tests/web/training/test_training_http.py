"""HTTP: the training page, signing, and the certificate (visible to the organisation and operators only)."""

from __future__ import annotations

import pytest
from factories import publish_training

from mfgdata.web.demo.loader import demo_signature
from mfgdata.web.training.models import TrainingCompletion

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(make_user_fixture, make_org_fixture):
    user = make_user_fixture()
    make_org_fixture(user)
    publish_training()
    return user


def test_training_page_lists_every_statement_and_a_signature_pad(client, member) -> None:
    client.force_login(member)
    page = client.get("/training/").content.decode()
    assert page.count('name="item"') == 4 and 'id="signature-pad"' in page


def test_signing_records_ip_and_shows_the_certificate(client, member) -> None:
    client.force_login(member)
    from mfgdata.web.training.selectors import current_content

    items = [str(i) for i in current_content().items.values_list("id", flat=True)]
    response = client.post(
        "/training/",
        {"item": items, "signature": demo_signature("m"), "typed_name": "김대표"},
        REMOTE_ADDR="192.0.2.10",
    )
    completion = TrainingCompletion.objects.get()
    assert response.status_code == 302 and completion.ip_address == "192.0.2.10"
    page = client.get(response["Location"]).content.decode()
    assert "김대표" in page and "v1" in page and "KST" in page
    assert client.get(f"/training/certificate/{completion.pk}/signature.png")["Content-Type"] == "image/png"


def test_missing_items_are_refused(client, member) -> None:
    client.force_login(member)
    response = client.post("/training/", {"item": [], "signature": demo_signature("m"), "typed_name": "김"})
    assert response.status_code == 400 and not TrainingCompletion.objects.exists()


def test_another_organisation_cannot_see_the_certificate(client, member, make_user_fixture, make_org_fixture) -> None:
    from factories import complete_training

    complete_training(member)
    stranger = make_user_fixture()
    make_org_fixture(stranger)
    client.force_login(stranger)
    assert client.get(f"/training/certificate/{TrainingCompletion.objects.get().pk}/").status_code == 403
