"""Fixtures for the site's tests, built from `factories` (packages in the shared `mfgdata-package/1` format)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_support import launched_chromium
from factories import (
    complete_training,
    make_organisation,
    make_user,
    package_files,
    product,
    upload_bytes,
)
from package_zip import write_package

from mfgdata.web.accounts.models import Organisation, Role, Scope, User
from mfgdata.web.accounts.services import role_grant
from mfgdata.web.listings.models import Listing
from mfgdata.web.listings.services import listing_act, listing_create
from mfgdata.web.review.services import review_decide


@pytest.fixture
def build_package(tmp_path: Path) -> Callable[..., Path]:
    """`build_package(name="p.zip", files=..., product=...)` → a package zip in the shared format."""

    def build(name: str = "package.zip", files: dict[str, bytes] | None = None, **product_overrides: Any) -> Path:
        return write_package(tmp_path / name, product=product(**product_overrides), files=files or package_files())

    return build


@pytest.fixture
def operator(db: None) -> User:
    user = make_user("operator@example.kr")
    role_grant(granted_by=None, user=user, role=Role.MARKETPLACE_OPERATOR, scope=Scope.MARKETPLACE)
    make_organisation(user, name="운영기관")
    return user


@pytest.fixture
def seller(operator: User) -> User:
    """A member of a verified manufacturer that completed the current training."""
    user = make_user("seller@example.kr")
    make_organisation(user, verified_by=operator, name="한빛정밀", is_manufacturer=True)
    complete_training(User.objects.get(pk=user.pk))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def draft(seller: User) -> Listing:
    return listing_create(
        user=seller,
        seller=seller.membership.organisation,
        title_ko="도금 공정 품질 데이터",
        category="quality_prediction",
    )


@pytest.fixture
def submitted(
    seller: User, draft: Listing, build_package: Callable[..., Path], django_capture_on_commit_callbacks: Any
) -> Listing:
    with django_capture_on_commit_callbacks(execute=True):
        upload_bytes(seller, draft, build_package().read_bytes())
    return listing_act(user=seller, listing=Listing.objects.get(pk=draft.pk), action="submit")


@pytest.fixture
def listed(operator: User, submitted: Listing, django_capture_on_commit_callbacks: Any) -> Listing:
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(operator=operator, listing=submitted, decision="approve", comment="ok")
    return Listing.objects.get(pk=submitted.pk)


@pytest.fixture
def make_user_fixture(db: None) -> Callable[..., User]:
    return make_user


@pytest.fixture
def make_org_fixture(db: None) -> Callable[..., Organisation]:
    return make_organisation


@pytest.fixture
def complete_training_fixture(db: None) -> Callable[[User], None]:
    return complete_training


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Headless Debian chromium for a browser journey (tests marked `browser`)."""
    yield from launched_chromium(monkeypatch)
