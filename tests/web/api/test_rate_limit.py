"""Per-token and anonymous rate limits: 429 in the envelope with Retry-After, counted in the database."""

from __future__ import annotations

import pytest
from api_fixtures import api_client, token_for
from django.test import override_settings
from factories import make_organisation, make_user

from mfgdata.web.api.errors import RateLimited
from mfgdata.web.api.models import RateCounter
from mfgdata.web.api.ratelimit import rate_limit_hit

pytestmark = pytest.mark.django_db


@override_settings(MFGDATA_API_RATE_LIMIT=2, MFGDATA_API_RATE_WINDOW_SECONDS=3600)
def test_the_third_request_in_a_window_is_429_with_retry_after() -> None:
    user = make_user()
    make_organisation(user)
    client = api_client(token_for(user))
    assert [client.get("/api/v1/me").status_code for _ in range(2)] == [200, 200]
    refused = client.get("/api/v1/me")
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate-limited"
    assert 1 <= int(refused["Retry-After"]) <= 3600


@override_settings(MFGDATA_API_RATE_LIMIT=1, MFGDATA_API_RATE_WINDOW_SECONDS=3600)
def test_each_token_has_its_own_count() -> None:
    first, second = make_user(), make_user()
    make_organisation(first)
    make_organisation(second)
    assert api_client(token_for(first)).get("/api/v1/me").status_code == 200
    assert api_client(token_for(second)).get("/api/v1/me").status_code == 200


def test_a_new_window_starts_a_new_count_and_drops_old_rows() -> None:
    rate_limit_hit(bucket="token:1", limit=1, window_seconds=60, now=60.0)
    with pytest.raises(RateLimited) as limited:
        rate_limit_hit(bucket="token:1", limit=1, window_seconds=60, now=100.0)
    assert limited.value.retry_after == 20
    rate_limit_hit(bucket="ip:10.0.0.1", limit=1, window_seconds=60, now=100.0)
    rate_limit_hit(bucket="token:1", limit=1, window_seconds=60, now=121.0)
    assert list(RateCounter.objects.values_list("bucket", "window_index", "count")) == [("token:1", 2, 1)]


@override_settings(MFGDATA_API_ANONYMOUS_RATE_LIMIT=1, MFGDATA_API_RATE_WINDOW_SECONDS=3600)
def test_anonymous_callers_are_limited_per_address() -> None:
    client = api_client()
    assert client.get("/api/v1/ping").status_code == 200
    refused = client.get("/api/v1/ping", REMOTE_ADDR="127.0.0.1")
    assert refused.status_code == 429 and refused.json()["code"] == "rate-limited"
    assert client.get("/api/v1/ping", REMOTE_ADDR="10.0.0.2").status_code == 200
