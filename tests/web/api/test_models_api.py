"""`POST /api/v1/models/{product}/predict`: entitled buyers get predictions (JSON rows, CSV body or upload); bad
rows are 422 naming row and column; others are refused; each answered call is metered exactly once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from api_fixtures import api_client, token_for
from django.core.files.uploadedfile import SimpleUploadedFile
from model_fixtures import activate, list_with_model, scratched_images

from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import ModelCall

pytestmark = pytest.mark.django_db
Rows = Callable[[int], list[dict[str, Any]]]


def _url(listing: Listing) -> str:
    return f"/api/v1/models/{listing.slug}/predict"


def test_an_entitled_buyer_gets_one_prediction_per_row_and_one_metered_call(
    model_listing: Listing, model_buyer: User, good_rows: Rows
) -> None:
    client = api_client(token_for(model_buyer, ["download"]))
    response = client.post(_url(model_listing), {"rows": good_rows(4)}, content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["task"], body["target"], body["rows"]) == ("binary", "defect", 4)
    assert [p["row"] for p in body["predictions"]] == [1, 2, 3, 4]
    assert {p["prediction"] for p in body["predictions"]} <= {"0", "1"}
    assert list(ModelCall.objects.values_list("pk", "rows")) == [(body["call_id"], 4)]


def test_a_csv_body_and_a_csv_upload_are_answered_like_json(
    model_listing: Listing, model_buyer: User, good_rows: Rows
) -> None:
    client = api_client(token_for(model_buyer, ["download"]))
    csv = "\ufeffforce,speed,die\n50,20,A\n55,20,A\n".encode()
    as_json = client.post(_url(model_listing), {"rows": good_rows(2)}, content_type="application/json").json()
    as_body = client.post(_url(model_listing), csv, content_type="text/csv").json()
    uploaded = client.post(_url(model_listing), {"file": SimpleUploadedFile("rows.csv", csv, "text/csv")}).json()
    assert as_json["predictions"] == as_body["predictions"] == uploaded["predictions"]
    assert ModelCall.objects.count() == 3


def test_bad_rows_are_422_naming_row_and_column_and_are_not_metered(
    model_listing: Listing, model_buyer: User, good_rows: Rows
) -> None:
    client = api_client(token_for(model_buyer, ["download"]))
    rows = good_rows(3)
    del rows[1]["force"]
    rows[2]["speed"] = "fast"
    rows[0]["colour"] = "red"
    response = client.post(_url(model_listing), {"rows": rows}, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid-rows" and "1행" in body["message"]
    assert set(body["fields"]) == {"rows.1.colour", "rows.2.force", "rows.3.speed"}
    assert body["fields"]["rows.3.speed"].startswith("wrong-type")
    assert client.post(_url(model_listing), b"{not json", content_type="application/json").status_code == 400
    assert client.post(_url(model_listing), {"rows": []}, content_type="application/json").status_code == 422
    assert not ModelCall.objects.exists()


def test_callers_without_the_plan_scope_or_token_are_refused_and_not_metered(
    model_listing: Listing, model_buyer: User, other_buyer: User, good_rows: Rows
) -> None:
    body = {"rows": good_rows(1)}
    other = api_client(token_for(other_buyer, ["download"])).post(_url(model_listing), body, "application/json")
    assert (other.status_code, other.json()["code"]) == (403, "not-entitled")
    no_scope = api_client(token_for(model_buyer, ["read_catalog"])).post(_url(model_listing), body, "application/json")
    assert (no_scope.status_code, no_scope.json()["code"]) == (403, "scope-missing")
    assert api_client().post(_url(model_listing), body, "application/json").status_code == 401
    assert not ModelCall.objects.exists()


def test_a_product_without_a_model_is_404(listed: Listing, buyer: User, good_rows: Rows) -> None:
    client = api_client(token_for(buyer, ["download"]))
    response = client.post(_url(listed), {"rows": good_rows(1)}, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (404, "not-found")
    assert api_client().get(f"/api/v1/models/{listed.slug}/card").status_code == 404


def test_the_model_card_is_public(model_listing: Listing) -> None:
    card = api_client().get(f"/api/v1/models/{model_listing.slug}/card").json()
    assert card["format"] == "mfgdata-model-card/1" and [f["name"] for f in card["features"]] == [
        "force", "speed", "die"
    ]  # fmt: skip


def test_an_image_model_answers_uploaded_images(
    seller: User,
    operator: User,
    buyer: User,
    image_model_files: dict[str, bytes],
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a product whose package carries an image model, and a buyer on its per-call plan
    listing = list_with_model(
        seller, operator, image_model_files, tmp_path / "i.zip", django_capture_on_commit_callbacks
    )
    activate(buyer, listing)
    images = scratched_images(tmp_path / "new", per_class=2)
    files = [SimpleUploadedFile(p.name, p.read_bytes(), "image/png") for p in sorted(images.rglob("*.png"))]
    # when four images are uploaded
    response = api_client(token_for(buyer, ["download"])).post(_url(listing), {"images": files})
    # then each gets a class with both probabilities, and the call is metered once with four rows
    assert response.status_code == 200, response.content
    predictions = response.json()["predictions"]
    assert len(predictions) == 4 and all(set(p["probabilities"]) == {"defect", "ok"} for p in predictions)
    assert list(ModelCall.objects.values_list("rows", flat=True)) == [4]
    bad = api_client(token_for(buyer, ["download"])).post(
        _url(listing), {"images": [SimpleUploadedFile("x.png", b"not an image", "image/png")]}
    )
    assert (bad.status_code, bad.json()["code"]) == (422, "bad-image")


def test_control_characters_in_a_request_are_quoted_not_a_server_error(
    model_listing: Listing, model_buyer: User, good_rows: Rows
) -> None:
    # given a row with a NUL byte in a column name and in a category (PostgreSQL text cannot hold NUL)
    row = good_rows(1)[0] | {"die": "A\x00", "x\x00y": 1}
    # when it is sent
    response = api_client(token_for(model_buyer, ["download"])).post(
        _url(model_listing), {"rows": [row]}, content_type="application/json"
    )
    # then it is refused like any bad cell, the NUL shown escaped
    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"rows.1.die", "rows.1.x\\x00y"}
    assert "\x00" not in response.json()["message"]
