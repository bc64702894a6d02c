"""The account pages where a member creates, sees and revokes tokens."""

from __future__ import annotations

import pytest
from factories import make_organisation, make_user

from mfgdata.web.api.models import AccessToken

pytestmark = pytest.mark.django_db


def test_created_token_is_shown_once_then_listed_by_prefix_only(client) -> None:
    user = make_user("pages@example.kr")
    make_organisation(user)
    client.force_login(user)
    created = client.post(
        "/accounts/tokens/", {"name": "야간 배치", "scopes": ["read_catalog", "download"], "lifetime_days": "90"}
    )
    token = AccessToken.objects.get()
    html = created.content.decode()
    assert "지금 복사해 두세요" in html and f"mfg_{token.prefix}_" in html
    assert created["Cache-Control"] == "no-store"
    listed = client.get("/accounts/tokens/").content.decode()
    assert "야간 배치" in listed and "지금 복사해 두세요" not in listed
    secret_tail = html.split(f"mfg_{token.prefix}_", 1)[1].split("<", 1)[0]
    assert secret_tail not in listed


def test_revoking_from_the_page_and_someone_elses_token_is_404(client) -> None:
    owner, other = make_user(), make_user()
    make_organisation(owner)
    make_organisation(other)
    client.force_login(owner)
    client.post("/accounts/tokens/", {"name": "a", "scopes": ["buy"], "lifetime_days": "30"})
    token = AccessToken.objects.get()
    client.force_login(other)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    client.force_login(owner)
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert AccessToken.objects.get().revoked_at is not None
    assert "폐기됨" in client.get("/accounts/tokens/").content.decode()


def test_the_docs_page_uses_local_assets_and_the_schema_is_openapi_3_1(client) -> None:
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
