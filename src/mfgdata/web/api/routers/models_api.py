"""The model service (issue 12): a product's published baseline, its card, and predictions for entitled buyers.

`POST /models/{slug}/predict` (the product's slug, as in the catalog) takes JSON
`{"rows": [{column: value, …}, …]}`, a CSV body (`text/csv`), or a multipart upload (`file`: a CSV;
`images`: image files for an image model); at most 1,000 rows per call. Every row is checked against the
model card (the contract's columns, types, categories) before anything is predicted: a bad cell is 422
`invalid-rows` with `fields` naming `rows.<row>.<column>`. Only organisations on the product's per-call plan
may call (token scope `download`, which covers what the organisation is entitled to); others get 403
`not-entitled`. Each answered call is metered once, a refused one never.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from mfgdata.ai_validity.inputs import PredictionInputError
from mfgdata.web.api.auth import PUBLIC, TOKEN, caller_token, require_scope
from mfgdata.web.api.errors import ERROR_STATUSES, ApiError, ErrorOut, not_found
from mfgdata.web.api.models import TokenScope
from mfgdata.web.catalog.selectors import listed_product
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.model_service import model_card_of
from mfgdata.web.orders.usage import model_predict

router = Router(tags=["models"])
ERRORS = {ERROR_STATUSES: ErrorOut}
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
ROW_SCHEMA = {"type": "object", "additionalProperties": {"type": ["number", "string", "boolean", "null"]}}
REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["rows"],
                    "properties": {"rows": {"type": "array", "items": ROW_SCHEMA, "minItems": 1, "maxItems": 1000}},
                }
            },
            "text/csv": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "images": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    },
                }
            },
        },
    }
}


class PredictionOut(Schema):
    """One answer per row: `prediction` (a class or a value) and, for classifiers, `probabilities` by class."""

    product: str
    task: str
    target: str
    rows: int
    call_id: int
    month: str
    predictions: list[dict[str, Any]]


def _with_model(slug: str) -> Listing:
    listing = listed_product(slug=slug)
    if listing is None or model_card_of(listing) is None:
        raise not_found("이 상품의 AI 모델", "This product's AI model")
    return listing


def _bad_body(ko: str, en: str, status: int = 400) -> ApiError:
    return ApiError("malformed-body", ko, en, status=status)


def _json_rows(request: HttpRequest) -> list[Any]:
    try:
        body = json.loads(request.body or b"null")
    except ValueError as error:
        raise _bad_body("요청 본문이 올바른 JSON이 아닙니다.", "The request body is not valid JSON.") from error
    if not isinstance(body, dict) or not isinstance(body.get("rows"), list):
        raise _bad_body(
            '본문은 {"rows": [{열: 값, …}, …]} 형식이어야 합니다.',
            'The body must be {"rows": [{column: value, …}, …]}.',
            status=422,
        )
    return body["rows"]


def _too_large() -> ApiError:
    return ApiError(
        "upload-too-large",
        f"한 번에 올릴 수 있는 파일은 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB까지입니다.",
        f"An upload may be at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
        status=400,
    )


def _input(request: HttpRequest) -> dict[str, Any]:
    """The request's rows, CSV bytes or images, by content type."""
    kind = (request.content_type or "").lower()
    if kind == "text/csv":
        if len(request.body) > MAX_UPLOAD_BYTES:
            raise _too_large()
        return {"csv_data": request.body}
    if kind == "multipart/form-data":
        files = request.FILES.getlist("images")
        if any(f.size > MAX_UPLOAD_BYTES for f in [*files, *request.FILES.getlist("file")]):
            raise _too_large()
        if files:
            return {"images": [f.read() for f in files]}
        if "file" in request.FILES:
            return {"csv_data": request.FILES["file"].read()}
        raise _bad_body("CSV 파일(file) 또는 이미지(images)를 올리세요.", "Upload a CSV `file` or `images`.", 422)
    return {"rows": _json_rows(request)}


def _invalid_rows(error: PredictionInputError) -> ApiError:
    fields = {}
    for problem in error.problems:
        where = ".".join(str(part) for part in ("rows", problem.row, problem.column) if part is not None)
        fields[where] = f"{problem.code}: {problem.en}"
    code = "invalid-rows" if any(p.row is not None for p in error.problems) else error.code
    return ApiError(code, error.text.ko, error.text.en, status=422, fields=fields)


@router.post(
    "/models/{slug}/predict",
    auth=TOKEN,
    response={200: PredictionOut, **ERRORS},
    openapi_extra=REQUEST_BODY,
    summary="Predict with the product's model (per call, metered)",
)
def predict(request: HttpRequest, slug: str) -> dict[str, Any]:
    token = require_scope(request, TokenScope.DOWNLOAD)
    listing = _with_model(slug)
    try:
        prediction, call = model_predict(user=token.user, listing=listing, **_input(request))
    except PredictionInputError as error:
        raise _invalid_rows(error) from error
    card = prediction.card
    return {
        "product": listing.slug,
        "task": card["task"],
        "target": card["target"]["column"],
        "rows": call.rows,
        "call_id": call.pk,
        "month": f"{call.month:%Y-%m}",
        "predictions": prediction.as_json(),
    }


@router.get(
    "/models/{slug}/card",
    auth=PUBLIC,
    response={200: dict[str, Any], **ERRORS},
    summary="The model card of a product's model (public, like the product page)",
)
def card(request: HttpRequest, slug: str) -> dict[str, Any]:
    if caller_token(request) is not None:
        require_scope(request, TokenScope.READ_CATALOG)
    return model_card_of(_with_model(slug)) or {}
