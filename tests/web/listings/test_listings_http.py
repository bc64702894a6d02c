"""HTTP: the registration request pages and the chunked upload API."""

from __future__ import annotations

import hashlib

import pytest

from mfgdata.web.core.models import Refusal
from mfgdata.web.listings.models import Listing, Status, UploadState

pytestmark = pytest.mark.django_db


def test_new_listing_form_creates_a_draft(client, seller) -> None:
    client.force_login(seller)
    assert client.get("/listings/new/").status_code == 200
    response = client.post(
        "/listings/new/",
        {
            "title_ko": "압출 데이터",
            "category": "process_optimization",
            "process": "extrusion",
            "keywords": "압출, 온도",
            "price_krw": "3000000",
        },
    )
    listing = Listing.objects.get(title_ko="압출 데이터")
    assert response.status_code == 302 and listing.keywords == ["압출", "온도"]
    assert listing.price_plans[0]["price_krw"] == 3_000_000
    assert "3,000,000원 (부가세 별도)" in client.get(f"/listings/{listing.pk}/").content.decode()


def test_upload_api_receives_chunks_and_verifies(
    client, seller, draft, build_package, django_capture_on_commit_callbacks
) -> None:
    client.force_login(seller)
    data = build_package().read_bytes()
    started = client.post(
        f"/listings/{draft.pk}/uploads/", {"filename": "p.zip", "size": len(data)}, content_type="application/json"
    ).json()
    size = started["chunk_bytes"]
    for index in range(started["chunk_count"]):
        chunk = data[index * size : (index + 1) * size]
        response = client.post(
            f"/listings/uploads/{started['id']}/chunks/{index}/",
            chunk,
            content_type="application/octet-stream",
            headers={"X-Chunk-Sha256": hashlib.sha256(chunk).hexdigest()},
        )
        assert response.status_code == 200
    status = client.get(f"/listings/uploads/{started['id']}/").json()
    assert status["received"] == list(range(started["chunk_count"]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/listings/uploads/{started['id']}/complete/", headers={"Accept": "application/json"})
    assert draft.uploads.get().state == UploadState.VALID
    assert "검증" in client.get(f"/jobs/listing/{draft.pk}/").content.decode()


def test_bad_chunk_and_oversize_get_json_errors(client, seller, draft, settings) -> None:
    client.force_login(seller)
    too_big = client.post(
        f"/listings/{draft.pk}/uploads/",
        {"filename": "p.zip", "size": settings.MFGDATA_MAX_UPLOAD_BYTES + 1},
        content_type="application/json",
    )
    assert too_big.status_code == 400 and too_big.json()["code"] == "upload-too-large"
    started = client.post(
        f"/listings/{draft.pk}/uploads/", {"filename": "p.zip", "size": 4}, content_type="application/json"
    ).json()
    bad = client.post(
        f"/listings/uploads/{started['id']}/chunks/0/",
        b"abcd",
        content_type="application/octet-stream",
        headers={"X-Chunk-Sha256": "0" * 64, "Accept": "application/json"},
    )
    assert bad.status_code == 400 and bad.json()["code"] == "chunk-hash-mismatch"


def test_acting_on_another_organisations_listing_is_refused_and_logged(
    client, draft, operator, make_user_fixture, make_org_fixture
) -> None:
    stranger = make_user_fixture()
    make_org_fixture(stranger, verified_by=operator)
    client.force_login(stranger)
    assert client.get(f"/listings/{draft.pk}/").status_code == 403
    response = client.post(f"/listings/{draft.pk}/edit/", {"title_ko": "탈취", "category": "quality_prediction"})
    assert response.status_code == 403
    assert client.post(f"/listings/{draft.pk}/act/", {"action": "submit"}).status_code == 403
    assert Listing.objects.get(pk=draft.pk).title_ko != "탈취"
    assert Refusal.objects.filter(code="not-your-listing", user=stranger).count() == 3


def test_seller_submits_from_the_detail_page(client, seller, submitted) -> None:
    client.force_login(seller)
    page = client.get(f"/listings/{submitted.pk}/").content.decode()
    assert "제출됨" in page and "submit" in page
    assert Listing.objects.get(pk=submitted.pk).status == Status.SUBMITTED
