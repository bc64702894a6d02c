"""The HTTP side of the client: one `requests` session, the token, retries, and the API's error envelope.

Every refusal the API sends (`{code, message, fields}`) becomes an :class:`ApiError` with the server's stable
code, so the CLI renders it like any other mfgdata error. A dropped connection, a timeout, `429` or a `5xx`
gateway error is retried with backoff (honouring `Retry-After`) for requests that are safe to repeat.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import requests

from mfgdata import __version__
from mfgdata.client.config import normalise_server
from mfgdata.errors import ErrorText, MfgdataError

API_PREFIX = "/api/v1"
RETRY_STATUSES = {429, 502, 503, 504}
TRANSPORT_ERRORS = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)
MAX_RETRY_AFTER_SECONDS = 60.0


class ApiError(MfgdataError):
    """The server refused the request (its code and message), or could not be reached at all."""

    def __init__(self, code: str, text: ErrorText, status: int = 0, fields: Any = None) -> None:
        super().__init__(code, text)
        self.status = status
        self.fields = fields

    def one_line(self, language: str = "both") -> str:
        """The server answers in one language (`Accept-Language`); its sentence is not repeated."""
        if self.text.ko == self.text.en:
            fields = self.fields if isinstance(self.fields, dict) else {}
            detail = "; ".join(f"{k}: {v}" for k, v in fields.items())
            return self.text.ko + (f" ({detail})" if detail else "")
        return super().one_line(language)


def interface_language() -> str:
    """`en` when the user's locale is English (`LC_ALL`, `LANG`), else `ko`: the language of server messages."""
    locale = os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "en" if locale.lower().startswith("en") else "ko"


def _unreachable(server: str, error: Exception) -> ApiError:
    return ApiError(
        "server-unreachable",
        ErrorText(
            ko=f"서버({server})에 연결하지 못했습니다. 주소와 네트워크를 확인한 뒤 다시 실행하면 이어서 진행합니다.",
            en=f"Could not reach the server ({server}); check the address and network, then run again to resume.",
        ),
    )


def error_from_response(response: requests.Response) -> ApiError:
    """The API's error envelope as an ApiError; a body that is not the envelope still gives a clear message."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("code"), str):
        message = str(body.get("message") or body["code"])
        return ApiError(body["code"], ErrorText(ko=message, en=message), response.status_code, body.get("fields"))
    return ApiError(
        f"http-{response.status_code}",
        ErrorText(
            ko=f"서버가 요청을 처리하지 못했습니다 (HTTP {response.status_code}).",
            en=f"The server could not handle the request (HTTP {response.status_code}).",
        ),
        response.status_code,
    )


def _retry_after(response: requests.Response | None, attempt: int, backoff: float) -> float:
    header = response.headers.get("Retry-After", "") if response is not None else ""
    if header.strip().isdigit():
        return min(float(header), MAX_RETRY_AFTER_SECONDS)
    return backoff * (2**attempt)


class ApiClient:
    """A session with the marketplace API at `server` (e.g. `http://127.0.0.1:8000`), authenticated by `token`."""

    def __init__(
        self,
        server: str,
        token: str | None = None,
        *,
        session: requests.Session | None = None,
        retries: int = 4,
        backoff: float = 0.5,
        timeout: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.server = normalise_server(server)
        self.session = session or requests.Session()
        self.retries, self.backoff, self.timeout, self.sleep = retries, backoff, timeout, sleep
        self.session.headers["User-Agent"] = f"mfgdata/{__version__}"
        self.session.headers["Accept-Language"] = interface_language()
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def url(self, path: str) -> str:
        """An absolute URL for an API path (`/listings`) or a server path (`/review/1/`), or a full URL as is."""
        if path.startswith(("http://", "https://")):
            return path
        return f"{self.server}{path if path.startswith(API_PREFIX) or not path.startswith('/') else API_PREFIX + path}"

    def site_url(self, path: str) -> str:
        """A link to a page of the site (not the API)."""
        return path if path.startswith(("http://", "https://")) else f"{self.server}{path}"

    def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        data: bytes | memoryview | None = None,
        headers: Mapping[str, str] | None = None,
        retry: bool = True,
    ) -> Any:
        """Send one request and return its JSON body; refusals raise ApiError, transport failures are retried."""
        with self.response(method, path, json=json, params=params, data=data, headers=headers, retry=retry) as answer:
            return answer.json() if answer.content else None

    @contextmanager
    def response(
        self,
        method: str,
        path: str,
        *,
        stream: bool = False,
        retry: bool = True,
        **kwargs: Any,
    ) -> Iterator[requests.Response]:
        """The successful response (closed afterwards); for streaming downloads and for `call`."""
        attempts = self.retries + 1 if retry else 1
        for attempt in range(attempts):
            answer = self._send(method, path, stream=stream, last=attempt == attempts - 1, **kwargs)
            if answer is None or (answer.status_code in RETRY_STATUSES and attempt < attempts - 1):
                self.sleep(_retry_after(answer, attempt, self.backoff))
                continue
            try:
                if answer.status_code >= 400:
                    raise error_from_response(answer)
                yield answer
            finally:
                answer.close()
            return

    def _send(self, method: str, path: str, *, stream: bool, last: bool, **kwargs: Any) -> requests.Response | None:
        """The response, or None after a transport failure that may be retried (raises on the last attempt)."""
        try:
            return self.session.request(method, self.url(path), stream=stream, timeout=self.timeout, **kwargs)
        except TRANSPORT_ERRORS as error:
            if last:
                raise _unreachable(self.server, error) from error
            return None
