"""Basic training: every item agreed separately, a real drawn signature, and a new version needs new consent."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from mfgdata.web.core.errors import SiteError
from mfgdata.web.demo.loader import TRAINING, demo_signature
from mfgdata.web.training.selectors import current_content, training_status
from mfgdata.web.training.services import training_complete, training_content_publish

pytestmark = pytest.mark.django_db


def _blank_canvas() -> str:
    buffer = io.BytesIO()
    Image.new("RGBA", (480, 160), (0, 0, 0, 0)).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


BLANK_PNG = _blank_canvas()


@pytest.fixture
def member(make_user_fixture, make_org_fixture):
    user = make_user_fixture()
    make_org_fixture(user)
    return user


def test_completion_records_version_time_ip_and_signature(member) -> None:
    content = training_content_publish(version=1, **TRAINING)
    ids = list(content.items.values_list("id", flat=True))
    completion = training_complete(
        user=member,
        content=content,
        agreed_item_ids=ids,
        signature_data_url=demo_signature("k"),
        typed_name=" 김대표 ",
        ip_address="10.0.0.7",
    )
    assert completion.content.version == 1 and completion.ip_address == "10.0.0.7"
    assert completion.typed_name == "김대표" and bytes(completion.signature_png).startswith(b"\x89PNG")
    assert training_status(organisation=member.membership.organisation).is_current


def test_every_item_must_be_agreed(member) -> None:
    content = training_content_publish(version=1, **TRAINING)
    first = content.items.first().pk
    with pytest.raises(SiteError) as refused:
        training_complete(
            user=member,
            content=content,
            agreed_item_ids=[first],
            signature_data_url=demo_signature("k"),
            typed_name="김",
            ip_address=None,
        )
    assert refused.value.code == "checklist-incomplete"


@pytest.mark.parametrize("signature", ["", "data:image/jpeg;base64,AAAA", "data:image/png;base64,!!!", BLANK_PNG])
def test_missing_fake_or_blank_signatures_are_refused(member, signature: str) -> None:
    content = training_content_publish(version=1, **TRAINING)
    with pytest.raises(SiteError) as refused:
        training_complete(
            user=member,
            content=content,
            agreed_item_ids=list(content.items.values_list("id", flat=True)),
            signature_data_url=signature,
            typed_name="김",
            ip_address=None,
        )
    assert refused.value.code == "invalid-signature"


def test_a_new_version_requires_agreeing_again(member) -> None:
    old = training_content_publish(version=1, **TRAINING)
    training_complete(
        user=member,
        content=old,
        agreed_item_ids=list(old.items.values_list("id", flat=True)),
        signature_data_url=demo_signature("k"),
        typed_name="김",
        ip_address=None,
    )
    training_content_publish(version=2, **TRAINING)
    status = training_status(organisation=member.membership.organisation)
    assert current_content().version == 2
    assert not status.is_current and status.outdated is not None
    with pytest.raises(SiteError):
        training_content_publish(version=2, **TRAINING)
