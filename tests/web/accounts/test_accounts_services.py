"""Organisation registration and verification through the services."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from mfgdata.web.accounts.models import SizeClass, Verification
from mfgdata.web.accounts.permissions import why_not_sell
from mfgdata.web.accounts.selectors import has_role
from mfgdata.web.accounts.services import organisation_register, organisation_verify
from mfgdata.web.core.errors import Refused, SiteError

pytestmark = pytest.mark.django_db


def test_argon2_is_the_production_password_hasher() -> None:
    import mfgdata.web.settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert settings.LANGUAGE_CODE == "ko" and settings.TIME_ZONE == "Asia/Seoul"


def test_invalid_business_number_is_refused(make_user_fixture) -> None:
    user = make_user_fixture()
    with pytest.raises(SiteError) as refused:
        organisation_register(
            user=user,
            business_number="124-81-00997",
            name="x",
            representative="y",
            address="z",
            size_class=SizeClass.SME,
        )
    assert refused.value.code == "invalid-business-number"
    assert not hasattr(user, "membership")


def test_a_registered_number_cannot_be_registered_twice(make_user_fixture) -> None:
    first, second = make_user_fixture(), make_user_fixture()
    organisation_register(
        user=first, business_number="124-81-00998", name="a", representative="b", address="c", size_class=SizeClass.SME
    )
    with pytest.raises(SiteError) as refused:
        organisation_register(
            user=second,
            business_number="1248100998",
            name="a",
            representative="b",
            address="c",
            size_class=SizeClass.SME,
        )
    assert refused.value.code == "business-number-taken"


def test_nonprofit_needs_proof(make_user_fixture) -> None:
    with pytest.raises(SiteError) as refused:
        organisation_register(
            user=make_user_fixture(),
            business_number="220-81-62517",
            name="대학",
            representative="총장",
            address="대전",
            size_class=SizeClass.NONPROFIT,
        )
    assert refused.value.code == "nonprofit-proof-missing"
    org = organisation_register(
        user=make_user_fixture(),
        business_number="220-81-62517",
        name="대학",
        representative="총장",
        address="대전",
        size_class=SizeClass.NONPROFIT,
        nonprofit_proof=SimpleUploadedFile("proof.pdf", b"%PDF-1.4 proof"),
    )
    assert org.is_nonprofit and org.nonprofit_proof.name.endswith(".pdf")


def test_operator_verifies_and_the_organisation_can_then_sell(operator, make_user_fixture, make_org_fixture) -> None:
    org = make_org_fixture(make_user_fixture())
    assert why_not_sell(organisation=org).code == "organisation-not-verified"
    verified = organisation_verify(operator=operator, organisation=org, approve=True, comment="서류 확인")
    assert verified.verification == Verification.VERIFIED and verified.verified_by == operator
    assert why_not_sell(organisation=verified) is None
    assert org.memberships.get().user.notifications.count() == 1


def test_a_member_cannot_verify_and_an_operator_cannot_verify_their_own(
    operator, make_user_fixture, make_org_fixture
) -> None:
    member = make_user_fixture()
    org = make_org_fixture(member)
    with pytest.raises(Refused) as refused:
        organisation_verify(operator=member, organisation=org, approve=True)
    assert refused.value.code == "not-marketplace-operator"
    with pytest.raises(Refused) as refused:
        organisation_verify(operator=operator, organisation=operator.membership.organisation, approve=True)
    assert refused.value.code == "own-organisation"


def test_programme_roles_are_scoped_to_their_programme(make_user_fixture) -> None:
    from mfgdata.web.accounts.models import Role, Scope
    from mfgdata.web.accounts.services import role_grant

    user = make_user_fixture()
    role_grant(granted_by=None, user=user, role=Role.PROGRAMME_OPERATOR, scope=Scope.PROGRAMME, programme_id="p-2026")
    assert has_role(user=user, role=Role.PROGRAMME_OPERATOR, scope=Scope.PROGRAMME, programme_id="p-2026")
    assert not has_role(user=user, role=Role.PROGRAMME_OPERATOR, scope=Scope.PROGRAMME, programme_id="p-2025")
    assert not has_role(user=user, role=Role.MARKETPLACE_OPERATOR)
