"""Personal access tokens: shown once, stored hashed, refused when expired, revoked or lacking a scope."""

from __future__ import annotations

from datetime import timedelta

import pytest
from api_fixtures import api_client, token_for
from factories import make_organisation, make_user

from mfgdata.web.accounts.models import Membership, User
from mfgdata.web.api.models import AccessToken
from mfgdata.web.api.services import access_token_create, access_token_revoke
from mfgdata.web.core.errors import Refused, SiteError
from mfgdata.web.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def member() -> User:
    user = make_user("member@example.kr")
    make_organisation(user, name="한빛정밀")
    return User.objects.get(pk=user.pk)


def test_the_secret_is_returned_once_and_only_its_hash_is_stored(member: User) -> None:
    issued = access_token_create(user=member, name="파이프라인", scopes=["buy", "read_catalog"])
    row = AccessToken.objects.get(pk=issued.token.pk)
    assert issued.secret.startswith(f"mfg_{row.prefix}_")
    stored = " ".join(str(v) for v in AccessToken.objects.filter(pk=row.pk).values().get().values())
    assert issued.secret.split("_", 2)[2] not in stored
    assert row.scopes == ["read_catalog", "buy"]
    assert AuditEvent.objects.filter(object_id=row.pk, action="token-create").exists()


def test_a_user_without_an_organisation_cannot_create_a_token() -> None:
    with pytest.raises(Refused) as refused:
        access_token_create(user=make_user(), name="x", scopes=["buy"])
    assert refused.value.code == "no-organisation"


@pytest.mark.parametrize(
    ("name", "scopes", "days", "code"),
    [
        ("", ["buy"], 90, "token-name-invalid"),
        ("x", [], 90, "token-scopes-invalid"),
        ("x", ["admin"], 90, "token-scopes-invalid"),
        ("x", ["buy"], 400, "token-lifetime-invalid"),
    ],
)
def test_bad_token_requests_are_refused(member: User, name: str, scopes: list[str], days: int, code: str) -> None:
    with pytest.raises(SiteError) as error:
        access_token_create(user=member, name=name, scopes=scopes, lifetime_days=days)
    assert error.value.code == code
    assert not AccessToken.objects.exists()


def test_me_answers_with_the_caller_and_their_organisation(member: User) -> None:
    response = api_client(token_for(member, ["read_catalog"])).get("/api/v1/me")
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == "member@example.kr"
    assert body["organisation"]["name"] == "한빛정밀"
    assert body["token"]["scopes"] == ["read_catalog"]
    assert AccessToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    ("header", "code"),
    [
        (None, "auth-required"),
        ("Bearer mfg_00000000_nope", "token-invalid"),
        ("Basic abc", "token-invalid"),
        ("Bearer not-a-token", "token-invalid"),
    ],
)
def test_me_without_a_valid_token_is_401_in_the_envelope(header: str | None, code: str) -> None:
    from django.test import Client

    response = Client(headers={"Authorization": header} if header else {}).get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["code"] == code
    assert response.json()["message"]


def test_a_tampered_secret_with_a_real_prefix_is_refused(member: User) -> None:
    secret = token_for(member)
    response = api_client(secret[:-2] + ("aa" if not secret.endswith("aa") else "bb")).get("/api/v1/me")
    assert response.json()["code"] == "token-invalid"


def test_an_expired_token_is_refused(member: User) -> None:
    secret = token_for(member)
    AccessToken.objects.update(expires_at=AccessToken.objects.get().created_at - timedelta(seconds=1))
    response = api_client(secret).get("/api/v1/me")
    assert (response.status_code, response.json()["code"]) == (401, "token-expired")


def test_a_revoked_token_is_refused_and_only_its_owner_revokes_it(member: User) -> None:
    secret = token_for(member)
    token = AccessToken.objects.get()
    colleague = make_user()
    with pytest.raises(Refused):
        access_token_revoke(user=colleague, token=token)
    access_token_revoke(user=member, token=token)
    response = api_client(secret).get("/api/v1/me")
    assert (response.status_code, response.json()["code"]) == (401, "token-revoked")
    assert AuditEvent.objects.filter(object_id=token.pk, action="token-revoke", actor=member).exists()


def test_a_token_stops_working_when_its_user_leaves_the_organisation(member: User) -> None:
    secret = token_for(member)
    Membership.objects.filter(user=member).delete()
    make_organisation(User.objects.get(pk=member.pk), name="새 회사")
    response = api_client(secret).get("/api/v1/me")
    assert (response.status_code, response.json()["code"]) == (401, "token-invalid")


def test_english_messages_on_request(member: User) -> None:
    response = api_client().get("/api/v1/me", headers={"Accept-Language": "en"})
    assert response.json()["message"].startswith("An API token is required")


def test_unknown_api_urls_answer_in_the_envelope() -> None:
    from django.test import Client

    response = Client().get("/api/v1/no-such-thing")
    assert response.status_code == 404 and response.json()["code"] == "unknown-endpoint"


def test_an_unexpected_error_is_a_500_in_the_envelope_without_a_traceback(member: User, monkeypatch) -> None:
    from mfgdata.web.api.routers import me as me_router

    monkeypatch.setattr(me_router, "caller_token", lambda request: 1 / 0)
    response = api_client(token_for(member)).get("/api/v1/me")
    assert response.status_code == 500
    assert response.json()["code"] == "server-error" and "Traceback" not in response.content.decode()
