"""Listings through the API: registration requests, the chunk protocol (with bad chunks), submit and status."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from api_fixtures import api_client, token_for
from factories import make_organisation, make_user

from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing, PackageUpload, Status, UploadState
from mfgdata.web.listings.upload_services import upload_file_path

pytestmark = pytest.mark.django_db
BASE = "/api/v1/listings"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def seller_client(seller: User) -> Any:
    return api_client(token_for(seller, ["sell"]))


def _open(client: Any, listing: Listing, data: bytes) -> dict[str, Any]:
    answer = client.post(
        f"{BASE}/{listing.pk}/uploads", {"filename": "p.zip", "size": len(data)}, content_type="application/json"
    )
    assert answer.status_code == 201, answer.content
    return answer.json()


def _put(client: Any, listing: Listing, upload: dict[str, Any], index: int, data: bytes, **overrides: Any) -> Any:
    size = upload["chunk_bytes"]
    chunk = data[index * size : (index + 1) * size]
    headers = {"X-Chunk-Sha256": _sha(chunk), "X-Chunk-Offset": str(index * size), **overrides}
    return client.put(
        f"{BASE}/{listing.pk}/uploads/{upload['id']}/chunks/{index}",
        data=overrides.pop("body", chunk),
        content_type="application/octet-stream",
        headers=headers,
    )


def _upload_all(client: Any, listing: Listing, data: bytes, capture: Callable[..., Any]) -> dict[str, Any]:
    upload = _open(client, listing, data)
    for index in range(upload["chunk_count"]):
        assert _put(client, listing, upload, index, data).status_code == 200
    with capture(execute=True):
        done = client.post(
            f"{BASE}/{listing.pk}/uploads/{upload['id']}/complete", {"sha256": _sha(data)}, "application/json"
        )
    assert done.status_code == 200, done.content
    return client.get(f"{BASE}/{listing.pk}/uploads/{upload['id']}").json()


def test_a_seller_token_creates_a_registration_request_with_the_site_forms_fields(seller_client: Any) -> None:
    body = {"title_ko": "사출 성형 품질 데이터", "category": "quality_prediction", "price_krw": 300_000}
    answer = seller_client.post(BASE, body, content_type="application/json")
    assert answer.status_code == 201, answer.content
    created = answer.json()
    listing = Listing.objects.get(pk=created["id"])
    assert created["status"] == "draft" and listing.title_ko == "사출 성형 품질 데이터"
    assert listing.price_plans[0]["price_krw"] == 300_000
    assert created["review_url"].endswith(f"/listings/{listing.pk}/")


def test_bad_registration_input_is_refused_in_the_envelope(seller_client: Any, seller: User) -> None:
    unknown = seller_client.post(BASE, {"title_ko": "x", "category": "nope"}, content_type="application/json")
    assert unknown.status_code == 422 and "body.category" in str(unknown.json()["fields"])
    period = {"title_ko": "x", "category": "quality_prediction", "data_period_start": "2024-02-01"}
    backwards = seller_client.post(BASE, {**period, "data_period_end": "2024-01-01"}, "application/json")
    assert backwards.status_code == 422 and backwards.json()["code"] == "invalid-input"
    nobody = seller_client.post(
        BASE,
        {"title_ko": "x", "category": "quality_prediction", "seller_business_number": "999-99-99999"},
        "application/json",
    )
    assert nobody.status_code == 404 and nobody.json()["code"] == "seller-not-found"
    blank = seller_client.post(BASE, {"title_ko": "   ", "category": "quality_prediction"}, "application/json")
    assert blank.status_code == 422 and "body.title_ko" in str(blank.json()["fields"])
    malformed = seller_client.post(BASE, "{not json", content_type="application/json")
    assert malformed.status_code == 400 and malformed.json()["code"] == "malformed-body"
    negative = seller_client.post(
        BASE, {"title_ko": "x", "category": "quality_prediction", "price_krw": -1}, content_type="application/json"
    )
    assert negative.status_code == 422 and any(k.endswith("price_krw") for k in negative.json()["fields"])
    buyer_scope = api_client(token_for(seller, ["buy", "read_catalog"]))
    refused = buyer_scope.post(BASE, {"title_ko": "x", "category": "quality_prediction"}, "application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "scope-missing"
    assert not Listing.objects.exists()


def test_chunks_are_checked_for_order_offset_size_and_checksum(
    seller_client: Any, draft: Listing, build_package: Callable[..., Path]
) -> None:
    data = build_package().read_bytes().ljust(150_000, b"\0")  # three chunks of 64 kB
    upload = _open(seller_client, draft, data)
    assert (upload["chunk_count"], upload["received"], upload["next_chunk"]) == (3, [], 0)
    assert _put(seller_client, draft, upload, 0, data).json() == {"index": 0, "next_chunk": 1}

    ahead = _put(seller_client, draft, upload, 2, data)
    assert ahead.status_code == 409 and ahead.json()["code"] == "chunk-out-of-order"
    assert "1" in ahead.json()["message"]
    wrong_hash = _put(seller_client, draft, upload, 1, data, **{"X-Chunk-Sha256": _sha(b"other")})
    assert wrong_hash.status_code == 400 and wrong_hash.json()["code"] == "chunk-hash-mismatch"
    wrong_offset = _put(seller_client, draft, upload, 1, data, **{"X-Chunk-Offset": "10"})
    assert wrong_offset.status_code == 400 and wrong_offset.json()["code"] == "chunk-bad-offset"
    short = _put(seller_client, draft, upload, 1, data, body=b"abc", **{"X-Chunk-Sha256": _sha(b"abc")})
    assert short.status_code == 400 and short.json()["code"] == "chunk-bad-size"
    oversized = _put(seller_client, draft, upload, 1, data, body=b"x" * (upload["chunk_bytes"] + 1))
    assert oversized.status_code == 413 and oversized.json()["code"] == "chunk-too-large"
    missing_header = seller_client.put(
        f"{BASE}/{draft.pk}/uploads/{upload['id']}/chunks/1", data=b"x", content_type="application/octet-stream"
    )
    assert missing_header.status_code == 422

    status = seller_client.get(f"{BASE}/{draft.pk}/uploads/{upload['id']}").json()
    assert (status["received"], status["next_chunk"], status["state"]) == ([0], 1, "receiving")
    assert _put(seller_client, draft, upload, 0, data).status_code == 200  # a resend after a lost answer
    other = b"y" * upload["chunk_bytes"]
    differs = _put(seller_client, draft, upload, 0, data, body=other, **{"X-Chunk-Sha256": _sha(other)})
    assert differs.status_code == 409 and differs.json()["code"] == "chunk-differs"
    assert upload_file_path(PackageUpload.objects.get(pk=upload["id"])).read_bytes()[:10] == data[:10]


def test_nothing_is_submitted_before_the_upload_is_complete_and_verified(
    seller_client: Any, draft: Listing, build_package: Callable[..., Path], django_capture_on_commit_callbacks: Any
) -> None:
    data = build_package().read_bytes()
    upload = _open(seller_client, draft, data)
    early = seller_client.post(f"{BASE}/{draft.pk}/submit")
    assert early.status_code == 409 and early.json()["code"] == "upload-not-verified"
    incomplete = seller_client.post(f"{BASE}/{draft.pk}/uploads/{upload['id']}/complete", {}, "application/json")
    assert incomplete.status_code == 409 and incomplete.json()["code"] == "upload-incomplete"
    for index in range(upload["chunk_count"]):
        _put(seller_client, draft, upload, index, data)
    different = seller_client.post(
        f"{BASE}/{draft.pk}/uploads/{upload['id']}/complete", {"sha256": _sha(b"another file")}, "application/json"
    )
    assert different.status_code == 400 and different.json()["code"] == "upload-hash-mismatch"
    assert Listing.objects.get(pk=draft.pk).status == Status.DRAFT

    verified = _upload_all(seller_client, draft, data, django_capture_on_commit_callbacks)
    assert verified["state"] == UploadState.VALID and verified["sha256"] == _sha(data)
    submitted = seller_client.post(f"{BASE}/{draft.pk}/submit")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"
    status = seller_client.get(f"{BASE}/{draft.pk}").json()
    assert status["status"] == "submitted" and status["upload"]["state"] == "valid"
    assert [e["to_state"] for e in status["events"] if e["to_state"]] == ["submitted"]


def test_a_package_the_server_refuses_keeps_the_listing_a_draft(
    seller_client: Any, draft: Listing, build_package: Callable[..., Path], django_capture_on_commit_callbacks: Any
) -> None:
    broken = build_package()
    data = broken.read_bytes().replace(b"manifest.json", b"manifest.jsox")
    refused = _upload_all(seller_client, draft, data, django_capture_on_commit_callbacks)
    assert refused["state"] == UploadState.INVALID and refused["error"]
    submit = seller_client.post(f"{BASE}/{draft.pk}/submit")
    assert submit.status_code == 409 and submit.json()["code"] == "upload-not-verified"
    assert Listing.objects.get(pk=draft.pk).status == Status.DRAFT


def test_another_organisations_listing_is_not_found_and_left_alone(draft: Listing) -> None:
    stranger = make_user("stranger@example.kr")
    make_organisation(stranger, name="다른기업", is_manufacturer=True)
    other = api_client(token_for(User.objects.get(pk=stranger.pk), ["sell"]))
    assert other.get(f"{BASE}/{draft.pk}").json()["code"] == "not-found"
    opened = other.post(f"{BASE}/{draft.pk}/uploads", {"filename": "p.zip", "size": 10}, "application/json")
    assert opened.status_code == 404
    assert other.post(f"{BASE}/{draft.pk}/submit").status_code == 404
    assert not draft.uploads.exists()
    assert other.get(BASE).json() == []


def test_an_upload_over_the_size_limit_is_refused_before_any_byte(
    seller_client: Any, draft: Listing, settings: Any
) -> None:
    size = settings.MFGDATA_MAX_UPLOAD_BYTES + 1
    answer = seller_client.post(f"{BASE}/{draft.pk}/uploads", {"filename": "p.zip", "size": size}, "application/json")
    assert answer.status_code == 413 and answer.json()["code"] == "upload-too-large"
    assert json.loads(answer.content)["message"].startswith("파일이")


def test_a_nul_character_anywhere_in_the_body_is_refused_before_the_database(seller_client: Any, seller: User) -> None:
    # given keywords with a NUL character (PostgreSQL cannot store it in text or JSON; schemathesis found a 500)
    body = {"title_ko": "x", "category": "quality_prediction", "keywords": ["도금", "a\u0000b"]}
    # when registered; then a 422 in the envelope says what is wrong, and nothing is stored
    answer = seller_client.post(BASE, body, content_type="application/json")
    assert answer.status_code == 422 and answer.json()["code"] == "invalid-input"
    assert "NUL" in str(answer.json()) and not Listing.objects.filter(title_ko="x").exists()


def test_a_package_name_not_ending_in_zip_is_refused_as_the_document_says(seller_client: Any, draft: Listing) -> None:
    # given the document, which states the rule (schemathesis sent a schema-valid name and got an undocumented 400)
    document = seller_client.get("/api/v1/openapi.json").json()
    assert document["components"]["schemas"]["UploadIn"]["properties"]["filename"]["pattern"] == r"\.[Zz][Ii][Pp]$"
    # when a package upload is opened under a name that is not a .zip, or one in capitals
    refused = seller_client.post(f"{BASE}/{draft.pk}/uploads", {"filename": "p.csv", "size": 10}, "application/json")
    newline = seller_client.post(f"{BASE}/{draft.pk}/uploads", {"filename": "p.zip\n", "size": 10}, "application/json")
    opened = seller_client.post(f"{BASE}/{draft.pk}/uploads", {"filename": "P.ZIP", "size": 10}, "application/json")
    # then the first is a 422 naming the field and what to send, and only the second is opened
    assert refused.status_code == newline.status_code == 422 and ".zip" in refused.json()["fields"]["body.filename"]
    assert opened.status_code == 201 and [u.filename for u in draft.uploads.all()] == ["P.ZIP"]
