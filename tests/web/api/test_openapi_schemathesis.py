"""Schemathesis against a live test server: every operation of the OpenAPI document, with generated input,
answers without a 5xx and as the document says (status codes, content types, bodies).

The examples per operation are bounded (`MAX_EXAMPLES`) so the whole run stays well under a minute. The
operations are driven one by one with Hypothesis here (schemathesis' own pytest loader trips over pytest 9).
Generated path values rarely name a real product or order, so each operation is also called once with the
real ones (`_known_values`), which reaches the 200 answers.
"""

from __future__ import annotations

import urllib.request
from typing import Any

import pytest
import schemathesis
from api_fixtures import token_for
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.models import Order
from mfgdata.web.orders.services import terms_of

MAX_EXAMPLES = 20
HYPOTHESIS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    database=None,
)


# Rules between two fields that a JSON schema cannot state, answered 422 with `fields` (a listing's data period
# must not end before it starts): schema-valid input may be refused there.
CROSS_FIELD_RULES = {"POST /api/v1/listings"}


def _generated(operation: Any, headers: dict[str, str]) -> None:
    excluded = [positive_data_acceptance] if operation.label in CROSS_FIELD_RULES else []

    @HYPOTHESIS
    @given(case=operation.as_strategy())
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, excluded_checks=excluded)

    check()


def _known_values(listing: Listing, order: Order) -> dict[str, Any]:
    return {
        "slug": listing.slug,
        "reference": order.reference,
        "entitlement_id": order.entitlement.pk,
        "application_id": 1,
        "link": "not-a-link",
        "listing_id": listing.pk,
        "upload_id": listing.uploads.get().pk,
        "index": 0,
    }


@pytest.mark.django_db(transaction=True)
def test_every_operation_conforms_to_the_document(
    live_server, on_sale: Listing, paid_order: Order, buyer: User, settings
) -> None:
    # given a live server with a listed product, a paid order and the buyer's all-scope token
    settings.MFGDATA_API_RATE_LIMIT = 1_000_000
    settings.MFGDATA_API_ANONYMOUS_RATE_LIMIT = 1_000_000
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    # The API refuses NUL characters in stored text by design (TextIn; its own test in test_listings_api.py).
    schema.config.generation.update(allow_x00=False)
    headers = {"Authorization": f"Bearer {token_for(buyer)}"}
    known = _known_values(on_sale, paid_order)
    checkout = {"product": on_sale.slug, "plan_id": "annual", "accept_terms_sha256": terms_of(on_sale)[1]}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    statuses = set()
    for operation in operations:
        # when it is called with real values, then with generated ones — then every answer conforms
        names = [p.name for p in operation.path_parameters]
        body = checkout if operation.label == "POST /api/v1/orders" else ({} if operation.body else None)
        payload = {} if body is None else {"body": body, "media_type": "application/json"}  # JSON where several
        case = operation.Case(path_parameters={n: known[n] for n in names}, **payload)
        statuses.add((operation.label, case.call_and_validate(headers=headers).status_code))
        _generated(operation, headers)
    assert ("GET /api/v1/catalog/products/{slug}", 200) in statuses
    assert ("POST /api/v1/orders", 201) in statuses


def test_the_docs_page_loads_its_assets_from_the_site(live_server) -> None:
    with urllib.request.urlopen(f"{live_server.url}/static/ninja/swagger-ui-bundle.js") as response:
        assert response.status == 200 and len(response.read()) > 100_000
