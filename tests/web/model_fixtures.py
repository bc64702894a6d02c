"""Fixtures for the model service tests: a real baseline (trained once per session by `validate-ai` on a small
generated product), a listed product whose package carries it, and a buyer on its per-call plan."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from factories import package_files, product, upload_bytes
from package_zip import write_package

from mfgdata.ai_validity import Settings, validate_ai
from mfgdata.dictionary.init import init_project
from mfgdata.prep.build import build_recipe
from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.listings.services import listing_act, listing_create
from mfgdata.web.orders.models import Entitlement
from mfgdata.web.orders.services import terms_of
from mfgdata.web.orders.usage import model_plan_offer, usage_plan_activate
from mfgdata.web.review.services import review_decide

PRICE_PER_CALL = 37  # 3 calls: 111원 + 부가세 11원 (11.1 truncated) = 122원


def _press_log(rows: int = 900, seed: int = 5) -> str:
    """Independent pressings: a part is defective when the force runs high (with noise)."""
    rng = np.random.default_rng(seed)
    lines = ["force,speed,die,defect"]
    for _ in range(rows):
        force, speed = rng.normal(50, 8), rng.normal(20, 3)
        defect = int(force > 58 and rng.random() < 0.9)
        lines.append(f"{force:.2f},{speed:.2f},{rng.choice(['A', 'B'])},{defect}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def model_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """`model/model.txt` and `model/model_card.json` of a baseline that learns (the package's members)."""
    folder = tmp_path_factory.mktemp("press")
    (folder / "raw").mkdir()
    (folder / "raw" / "press.csv").write_text(_press_log(), encoding="utf-8")
    init_project([folder / "raw" / "press.csv"], folder / "press")
    build_recipe(folder / "press")
    result = validate_ai(folder / "press", Settings(n_estimators=40, resamples=100))
    assert result.model_path is not None, result.report["verdict"]
    return {f"model/{path.name}": path.read_bytes() for path in sorted(result.model_path.iterdir())}


@pytest.fixture
def model_listing(
    seller: User, model_files: dict[str, bytes], tmp_path: Path, operator: User, django_capture_on_commit_callbacks: Any
) -> Listing:
    """A listed product whose package carries the model, offered at 37원 per call."""
    draft = listing_create(
        user=seller, seller=seller.membership.organisation, title_ko="프레스 불량 데이터", category="quality_prediction"
    )
    package = write_package(tmp_path / "model.zip", product=product(), files={**package_files(), **model_files})
    with django_capture_on_commit_callbacks(execute=True):
        upload_bytes(seller, draft, package.read_bytes())
    submitted = listing_act(user=seller, listing=Listing.objects.get(pk=draft.pk), action="submit")
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(operator=operator, listing=submitted, decision="approve", comment="ok")
    return model_plan_offer(user=seller, listing=Listing.objects.get(pk=draft.pk), price_per_call_krw=PRICE_PER_CALL)


def activate(user: User, listing: Listing) -> Entitlement:
    return usage_plan_activate(
        user=user, listing=listing, plan_id="model-api", accepted_terms_sha256=terms_of(listing)[1]
    )


@pytest.fixture
def model_buyer(buyer: User, model_listing: Listing) -> User:
    """A buyer whose organisation applied for the per-call plan."""
    activate(buyer, model_listing)
    return buyer


@pytest.fixture
def good_rows() -> Callable[[int], list[dict[str, Any]]]:
    def rows(count: int = 2) -> list[dict[str, Any]]:
        return [{"force": 50.0 + i * 5, "speed": 20.0, "die": "A"} for i in range(count)]

    return rows


def new_key() -> str:
    return uuid.uuid4().hex
