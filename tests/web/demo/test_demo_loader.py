"""The demo: people through the services, and a product built with init + build, packaged and listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from mfgdata.web.accounts.models import Organisation, User, Verification
from mfgdata.web.catalog.selectors import catalog_search
from mfgdata.web.demo.loader import ACCOUNTS, load_people, load_product
from mfgdata.web.demo.products import CC_BY, KAMP, DemoProduct, build_demo_package
from mfgdata.web.listings.models import Status
from mfgdata.web.listings.package_reader import read_package

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit runs as in the real loader


def _csv(folder: Path) -> Path:
    rows = ["시간,도금조,온도(℃),전류(A),불량"]
    rows += [f"2021-09-06 08:{m:02d}:00,A{m % 3},{20 + m % 7}.5,{100 + m},{int(m % 11 == 0)}" for m in range(60)]
    path = folder / "plating.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_people_are_loaded_once_with_verified_organisations() -> None:
    load_people(lambda line: None)
    load_people(lambda line: None)
    assert User.objects.count() == len(ACCOUNTS)
    seller = Organisation.objects.get(memberships__user__email="seller@demo.mfgdata.kr")
    assert seller.verification == Verification.VERIFIED and seller.is_manufacturer
    nonprofit = Organisation.objects.get(memberships__user__email="nonprofit@demo.mfgdata.kr")
    assert nonprofit.is_nonprofit and nonprofit.nonprofit_proof


def test_a_demo_product_is_built_packaged_and_listed(tmp_path: Path) -> None:
    product = DemoProduct(_csv(tmp_path), ["도금", "온도"], CC_BY, "test data")
    package = build_demo_package(product, tmp_path / "work")
    contents = read_package(package)
    assert contents.quality["valid"] is True and contents.price["plans"][0]["price_krw"] > 0
    users = {e: User.objects.get(pk=u.pk) for e, u in load_people(lambda line: None).items()}
    if True:
        listing = load_product(
            product, users["seller@demo.mfgdata.kr"], users["operator@demo.mfgdata.kr"], tmp_path / "work"
        )
    listing.refresh_from_db()
    assert listing.status == Status.LISTED and listing.attribution == "test data"
    assert [x.pk for x in catalog_search(query="도금").listings] == [listing.pk]


def test_kamp_products_are_listed_but_not_for_sale(tmp_path: Path) -> None:
    product = DemoProduct(_csv(tmp_path), ["KAMP"], KAMP, "KAMP", not_for_sale=True)
    users = {e: User.objects.get(pk=u.pk) for e, u in load_people(lambda line: None).items()}
    if True:
        listing = load_product(
            product, users["seller@demo.mfgdata.kr"], users["operator@demo.mfgdata.kr"], tmp_path / "work"
        )
    listing.refresh_from_db()
    assert listing.not_for_sale and listing.licence_id == "KAMP-no-redistribution"
