"""The Python client against a live server: publish with an interrupted upload that resumes, review, then a
buyer's search, purchase with the sandbox card and download with every sha256 checked (`mfgdata.client`)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import requests
from api_fixtures import token_for
from factories import package_files, product
from order_fixtures import APPROVE
from package_zip import write_package
from requests.adapters import HTTPAdapter

from mfgdata.client import ApiClient, ApiError
from mfgdata.client.publish import publish_package
from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing, Status, UploadChunk
from mfgdata.web.orders.delivery import delivery_dir, entitled_package
from mfgdata.web.orders.models import Entitlement, Order
from mfgdata.web.review.services import review_decide

pytestmark = pytest.mark.django_db(transaction=True)


class DropsAnswers(HTTPAdapter):
    """A transport that loses the server's answer to some chunk uploads (the chunk did arrive), like a
    connection reset mid-way."""

    def __init__(self, drop: set[int]) -> None:
        super().__init__()
        self.drop, self.chunk_puts = drop, 0

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        response = super().send(request, **kwargs)
        if request.method == "PUT" and "/chunks/" in (request.url or ""):
            self.chunk_puts += 1
            if self.chunk_puts in self.drop:
                raise requests.ConnectionError("connection reset by peer (test)")
        return response


def _client(server: str, token: str, adapter: HTTPAdapter | None = None, retries: int = 3) -> ApiClient:
    session = requests.Session()
    if adapter is not None:
        session.mount("http://", adapter)
    return ApiClient(server, token, session=session, retries=retries, sleep=lambda _seconds: None)


@pytest.fixture
def big_package(tmp_path: Path) -> Path:
    """A valid package of about five 64 kB chunks (incompressible Parquet), as `mfgdata package` lays it out."""
    values = np.random.default_rng(7).random(40_000)
    table = pa.table({"공정": ["도금"] * len(values), "온도": values})
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="none")
    files = {**package_files(), "data/plating.parquet": sink.getvalue()}
    return write_package(tmp_path / "plating-demo-1.0.0.zip", product=product(), files=files)


def test_publish_resumes_after_a_lost_connection_and_submits_only_the_verified_package(
    live_server: Any, seller: User, big_package: Path, tmp_path: Path
) -> None:
    # given a token with the sell scope and a connection that drops after the second chunk
    token = token_for(seller, ["sell"])
    state = tmp_path / "state"
    with pytest.raises(ApiError) as broken:
        publish_package(
            _client(live_server.url, token, DropsAnswers({2, 3}), retries=0), big_package, state_folder=state
        )
    assert broken.value.code == "server-unreachable"
    listing = Listing.objects.get()
    assert listing.status == Status.DRAFT and UploadChunk.objects.count() == 2

    # when the same command runs again, it continues from the server's chunk list (and survives one more drop)
    adapter = DropsAnswers({2})
    result = publish_package(_client(live_server.url, token, adapter), big_package, state_folder=state)

    # then only the missing chunks were sent (one of them twice), and the listing waits for review
    upload = listing.uploads.get()
    assert upload.chunk_count >= 4 and result.resumed_chunks == 2
    assert result.sent_chunks == upload.chunk_count - 2 and adapter.chunk_puts == result.sent_chunks + 1
    assert upload.state == "valid" and upload.sha256 == hashlib.sha256(big_package.read_bytes()).hexdigest()
    assert result.status == "submitted" and Listing.objects.get().status == Status.SUBMITTED
    assert result.review_url == f"{live_server.url}/listings/{listing.pk}/"
    again = publish_package(_client(live_server.url, token), big_package, state_folder=state)
    assert (again.listing_id, again.sent_chunks, Listing.objects.count()) == (listing.pk, 0, 1)


def _cli(*args: str | Path, token: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "MFGDATA_TOKEN": token,
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    command = [sys.executable, "-m", "mfgdata", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


def test_a_product_published_with_the_cli_is_bought_and_downloaded_with_every_sha256_checked(
    live_server: Any, seller: User, operator: User, buyer: User, big_package: Path, tmp_path: Path
) -> None:
    server = live_server.url
    published = _cli("publish", big_package, "--server", server, token=token_for(seller, ["sell"]), home=tmp_path)
    assert published.returncode == 0, published.stderr
    listing = Listing.objects.get()
    assert listing.status == Status.SUBMITTED and f"{server}/listings/{listing.pk}/" in published.stdout

    review_decide(operator=operator, listing=listing, decision="approve", comment="요건 충족")
    buyer_token = token_for(buyer, ["read_catalog", "buy", "download"])
    sell_only = token_for(seller, ["sell"])  # the catalog is public: a token without read_catalog still searches
    found = _cli(
        "search",
        "도금",
        "--category",
        "quality_prediction",
        "--server",
        server,
        "--json",
        token=sell_only,
        home=tmp_path,
    )
    assert found.returncode == 0, found.stderr
    assert [item["slug"] for item in json.loads(found.stdout)["items"]] == [listing.slug]

    no_terms = _cli("buy", listing.slug, "--server", server, "--card", APPROVE, token=buyer_token, home=tmp_path)
    assert no_terms.returncode == 2 and "--accept-terms" in no_terms.stderr and "Traceback" not in no_terms.stderr
    bought = _cli(
        "buy", listing.slug, "--server", server, "--card", APPROVE, "--accept-terms", token=buyer_token, home=tmp_path
    )
    assert bought.returncode == 0, bought.stderr
    assert "1,100,000원" in bought.stdout and Order.objects.get().status in ("paid", "fulfilled")

    downloaded = _cli(
        "download", listing.slug, "--server", server, "-o", tmp_path / "got", token=buyer_token, home=tmp_path
    )
    assert downloaded.returncode == 0, downloaded.stderr
    manifest = json.loads((tmp_path / "got" / listing.slug / "delivery-manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        data = (tmp_path / "got" / listing.slug / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]

    # a file changed after the marketplace signed its manifest is refused, not saved under its name
    entitlement = Entitlement.objects.get()
    served = delivery_dir(entitlement, entitled_package(entitlement)) / "data" / "plating.parquet"
    served.write_bytes(served.read_bytes() + b"tampered")
    tampered = _cli(
        "download", listing.slug, "--server", server, "-o", tmp_path / "again", token=buyer_token, home=tmp_path
    )
    assert tampered.returncode == 2 and "Traceback" not in tampered.stderr
    assert "download-sha256-mismatch" in tampered.stderr and "sha256" in tampered.stderr
    assert not (tmp_path / "again" / listing.slug / "data" / "plating.parquet").exists()


def test_after_requested_changes_a_new_package_goes_to_the_same_listing_and_is_resubmitted(
    live_server: Any, seller: User, operator: User, big_package: Path, tmp_path: Path
) -> None:
    token = token_for(seller, ["sell"])
    first = publish_package(_client(live_server.url, token), big_package, state_folder=tmp_path / "state")
    listing = Listing.objects.get(pk=first.listing_id)
    review_decide(operator=operator, listing=listing, decision="request_changes", comment="샘플 설명을 보완하세요")

    status = _client(live_server.url, token).call("GET", f"/listings/{listing.pk}")
    assert status["status"] == "changes_requested"
    assert [c["comment"] for c in status["review_comments"]] == ["샘플 설명을 보완하세요"]

    fixed = write_package(tmp_path / "fixed.zip", product=product(version="1.0.1"), files=package_files())
    again = publish_package(
        _client(live_server.url, token), fixed, listing_id=listing.pk, state_folder=tmp_path / "state"
    )
    assert (again.listing_id, again.status) == (listing.pk, "resubmitted")
    assert Listing.objects.count() == 1 and Listing.objects.get().version == "1.0.1"
