"""HTTP: sign-up with e-mail verification, business registration, the operator's verification queue."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from mfgdata.web.accounts.models import Organisation, User, Verification
from mfgdata.web.core.models import Refusal

pytestmark = pytest.mark.django_db
FORM = {
    "business_number": "124-81-00998",
    "name": "한빛정밀",
    "representative": "김대표",
    "address": "서울",
    "size_class": "sme",
    "is_manufacturer": "on",
}


def test_signup_sends_a_verification_mail_and_login_waits_for_it(client) -> None:
    response = client.post(
        "/auth/signup/", {"email": "new@example.kr", "password1": "a-long-pass-2026", "password2": "a-long-pass-2026"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "new@example.kr" in mail.outbox[0].to
    path = re.search(r"/auth/confirm-email/[A-Za-z0-9:_\-]+/", mail.outbox[0].body).group(0)
    client.post(path)
    assert User.objects.get(email="new@example.kr").emailaddress_set.get().verified


def test_home_needs_login(client) -> None:
    assert client.get("/accounts/").status_code == 302


def test_invalid_business_number_is_refused_and_logged(client, make_user_fixture) -> None:
    client.force_login(make_user_fixture())
    response = client.post("/accounts/organisation/new/", {**FORM, "business_number": "124-81-00997"})
    assert response.status_code == 400
    assert "사업자등록번호가 올바르지 않습니다" in response.content.decode()
    assert Refusal.objects.filter(code="invalid-business-number").exists()
    assert not Organisation.objects.exists()


def test_registration_then_operator_verification(client, operator, make_user_fixture) -> None:
    member = make_user_fixture()
    client.force_login(member)
    assert client.post("/accounts/organisation/new/", FORM).status_code == 302
    assert client.get("/accounts/verification/").status_code == 403
    client.force_login(operator)
    page = client.get("/accounts/verification/").content.decode()
    assert "한빛정밀" in page and "1248100998" in page
    org = Organisation.objects.get(name="한빛정밀")
    client.post(f"/accounts/verification/{org.pk}/", {"decision": "approve", "comment": "확인"})
    assert Organisation.objects.get(pk=org.pk).verification == Verification.VERIFIED


def test_a_member_posting_a_verification_is_refused(client, make_user_fixture, make_org_fixture) -> None:
    member = make_user_fixture()
    org = make_org_fixture(member)
    client.force_login(member)
    response = client.post(f"/accounts/verification/{org.pk}/", {"decision": "approve"})
    assert response.status_code == 403
    assert Organisation.objects.get(pk=org.pk).verification == Verification.PENDING
