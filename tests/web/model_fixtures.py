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
from PIL import Image, ImageDraw

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


def scratched_images(root: Path, per_class: int = 30) -> Path:
    """Grey noise images in `ok/` and `defect/`; the defective ones carry a dark scratch."""
    rng = np.random.default_rng(0)
    for name in ("ok", "defect"):
        (root / name).mkdir(parents=True)
        for index in range(per_class):
            pixels = np.clip(rng.normal(rng.integers(100, 140), 8, (48, 48, 3)), 0, 255).astype("uint8")
            image = Image.fromarray(pixels)
            if name == "defect":
                x, y = (int(v) for v in rng.integers(8, 36, 2))
                ImageDraw.Draw(image).line((x, y, x + 10, y + int(rng.integers(-8, 8))), fill=(20, 20, 20), width=2)
            image.save(root / name / f"{name}_{index}.png")
    return root


def _published(raw: Path, project: Path) -> dict[str, bytes]:
    init_project([raw], project)
    build_recipe(project)
    result = validate_ai(project, Settings(n_estimators=40, resamples=100))
    assert result.model_path is not None, result.report["verdict"]
    return {f"model/{path.name}": path.read_bytes() for path in sorted(result.model_path.iterdir())}


@pytest.fixture(scope="session")
def model_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """`model/model.txt` and `model/model_card.json` of a baseline that learns (the package's members)."""
    folder = tmp_path_factory.mktemp("press")
    (folder / "raw").mkdir()
    (folder / "raw" / "press.csv").write_text(_press_log(), encoding="utf-8")
    return _published(folder / "raw" / "press.csv", folder / "press")


@pytest.fixture(scope="session")
def image_model_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """`model/model.json` (logistic parameters) and its card, from scratched and clean images."""
    folder = tmp_path_factory.mktemp("castings")
    return _published(scratched_images(folder / "raw"), folder / "castings")


def list_with_model(seller: User, operator: User, files: dict[str, bytes], zip_path: Path, capture: Any) -> Listing:
    """A listed product whose package carries these model files, offered at 37원 per call."""
    draft = listing_create(
        user=seller, seller=seller.membership.organisation, title_ko="프레스 불량 데이터", category="quality_prediction"
    )
    package = write_package(zip_path, product=product(), files={**package_files(), **files})
    with capture(execute=True):
        upload_bytes(seller, draft, package.read_bytes())
    submitted = listing_act(user=seller, listing=Listing.objects.get(pk=draft.pk), action="submit")
    with capture(execute=True):
        review_decide(operator=operator, listing=submitted, decision="approve", comment="ok")
    return model_plan_offer(user=seller, listing=Listing.objects.get(pk=draft.pk), price_per_call_krw=PRICE_PER_CALL)


@pytest.fixture
def model_listing(
    seller: User, model_files: dict[str, bytes], tmp_path: Path, operator: User, django_capture_on_commit_callbacks: Any
) -> Listing:
    """A listed product whose package carries the tabular model, offered at 37원 per call."""
    return list_with_model(seller, operator, model_files, tmp_path / "model.zip", django_capture_on_commit_callbacks)


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
