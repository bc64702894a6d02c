"""The client's HTTP behaviour without a server: the error envelope, retries with Retry-After, no retry for
requests that are not safe to repeat, and a clear error when the server cannot be reached."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from requests.adapters import BaseAdapter

from mfgdata.client import ApiClient, ApiError


class Scripted(BaseAdapter):
    """Answers requests from a list: an int status with a JSON body, or an exception to raise."""

    def __init__(self, *answers: Any) -> None:
        super().__init__()
        self.answers, self.requests = list(answers), []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.requests.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        status, body, headers = answer
        response = requests.Response()
        response.status_code, response.request, response.url = status, request, request.url
        response._content = json.dumps(body).encode()
        response.headers.update({"Content-Type": "application/json", **headers})
        return response

    def close(self) -> None:
        pass


def _client(adapter: Scripted, slept: list[float]) -> ApiClient:
    session = requests.Session()
    session.mount("http://", adapter)
    return ApiClient("http://api.test", "mfg_x_y", session=session, sleep=slept.append, retries=2)


def test_the_error_envelope_becomes_an_error_with_the_servers_code_and_fields() -> None:
    adapter = Scripted(
        (422, {"code": "invalid-input", "message": "입력값이 올바르지 않습니다.", "fields": {"q": "too long"}}, {})
    )
    with pytest.raises(ApiError) as refused:
        _client(adapter, []).call("GET", "/catalog/products")
    assert (refused.value.code, refused.value.status) == ("invalid-input", 422)
    assert refused.value.one_line() == "입력값이 올바르지 않습니다. (q: too long)"
    assert adapter.requests[0].headers["Authorization"] == "Bearer mfg_x_y"
    assert adapter.requests[0].url == "http://api.test/api/v1/catalog/products"


def test_a_rate_limited_request_waits_as_told_and_is_sent_again() -> None:
    slept: list[float] = []
    adapter = Scripted((429, {"code": "rate-limited", "message": "..."}, {"Retry-After": "7"}), (200, {"ok": 1}, {}))
    assert _client(adapter, slept).call("GET", "/me") == {"ok": 1}
    assert slept == [7.0] and len(adapter.requests) == 2


def test_a_dropped_connection_is_retried_then_reported_clearly() -> None:
    slept: list[float] = []
    adapter = Scripted(*[requests.ConnectionError("reset")] * 3)
    with pytest.raises(ApiError) as unreachable:
        _client(adapter, slept).call("GET", "/me")
    assert unreachable.value.code == "server-unreachable" and len(adapter.requests) == 3
    assert "다시 실행" in unreachable.value.one_line() and "run again" in unreachable.value.one_line()


def test_a_request_that_is_not_safe_to_repeat_is_sent_once() -> None:
    adapter = Scripted(requests.ConnectionError("reset"), (201, {"id": 1}, {}))
    with pytest.raises(ApiError):
        _client(adapter, []).call("POST", "/listings", json={}, retry=False)
    assert len(adapter.requests) == 1
