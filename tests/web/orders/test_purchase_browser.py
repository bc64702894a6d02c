"""The purchase in a real browser (Playwright driving Debian's chromium; never a downloaded browser): the buyer
searches the marketplace → opens the product → buys it with the sandbox card → gets the receipt (PDF) → downloads
the Parquet file, which carries their fingerprint, matches the signed delivery manifest, and still satisfies the
product's signed quality certificate (same rows, different bytes); a user of another organisation gets nothing
from the same link. axe-core checks the search, checkout and order pages."""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from browser_support import axe_clean
from django.test import Client
from factories import package_files, product
from order_fixtures import parquet_bytes
from package_zip import write_package

from mfgdata.delivery.manifest import public_key_text, verify
from mfgdata.quality.certificate import build_statement, data_entry, write_certificate
from mfgdata.quality.certificate_check import check_certificate
from mfgdata.web.accounts.models import User
from mfgdata.web.listings.models import Listing
from mfgdata.web.orders.delivery import signing_key
from mfgdata.web.orders.models import Order, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def build_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The product's package with a quality certificate signed over its Parquet file (rows and bytes)."""
    monkeypatch.setenv("MFGDATA_SIGNING_KEY", str(tmp_path / "keys" / "signing.pem"))
    files = {**package_files(), "data/plating.parquet": parquet_bytes()}
    built = tmp_path / "built"
    (built / "data").mkdir(parents=True)
    (built / "quality").mkdir()
    (built / "data/plating.parquet").write_bytes(files["data/plating.parquet"])
    (built / "quality/results.json").write_bytes(files["quality/results.json"])
    results = {"engine": "duckdb", "contract": None, "valid": True, "score": {"grade": "A", "conformance_rate": 1.0}}
    parquet = built / "data/plating.parquet"
    statement = build_statement(
        results, built / "quality/results.json", [data_entry("data/plating.parquet", parquet, parquet, 3)]
    )
    files["quality/certificate.json"] = write_certificate(statement, built / "quality").read_bytes()

    def build(name: str = "package.zip", **overrides: Any) -> Path:
        return write_package(tmp_path / name, product=product(**overrides), files=files)

    return build


def _signed_in(browser: Any, base: str, user: User) -> Any:
    """A browser context with the user's session (sign-in itself is the site's journey)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(accept_downloads=True, locale="ko-KR")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    return context


def test_buyer_buys_downloads_and_a_stranger_cannot(
    browser: Any, live_server: Any, on_sale: Listing, buyer: User, other_buyer: User, tmp_path: Path
) -> None:
    base = live_server.url
    page = _signed_in(browser, base, buyer).new_page()
    page.goto(f"{base}/market/?q=도금")
    axe_clean(page, "search", screenshot=False)
    page.get_by_role("link", name=on_sale.title_ko).first.click()
    page.wait_for_url(re.compile(r".*/market/[^/?]+/$"))
    page.click("text=구매하기")
    axe_clean(page, "checkout", screenshot=False)
    assert "1,100,000원" in page.content()
    page.fill("#card_number", "4242 4242 4242 4242")
    page.click("label[for=accept_terms]")
    page.click("form.checkout button[type=submit]")
    page.wait_for_url(re.compile(r".*/orders/mfg-[0-9a-f]+/"))
    axe_clean(page, "order", screenshot=False)
    assert "이용 가능" in page.content() and "매출전표" in page.content()
    order = Order.objects.get()
    assert order.status == Status.FULFILLED
    receipt = page.request.get(base + page.locator("#document a:text-is('PDF')").get_attribute("href"))
    assert receipt.headers["content-type"] == "application/pdf" and receipt.body().startswith(b"%PDF")
    with page.expect_download() as parquet_download:
        page.click("a.download-link:text-is('data/plating.parquet')")
    data = Path(parquet_download.value.path()).read_bytes()
    manifest_link = page.locator("a.download-link:text-is('delivery-manifest.json')").get_attribute("href")
    manifest = json.loads(page.request.get(base + manifest_link).body())
    verify(manifest, public_key_text(signing_key().public_key()))
    entry = next(e for e in manifest["files"] if e["path"] == "data/plating.parquet")
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    fingerprint = json.loads(pq.read_schema(io.BytesIO(data)).metadata[b"mfgdata.fingerprint"])
    assert fingerprint["buyer_name"] == "대성금속"
    # the product's quality certificate, downloaded too, still holds on the fingerprinted copy
    certificate_link = page.locator("a.download-link:text-is('quality/certificate.json')").get_attribute("href")
    certificate = tmp_path / "delivered" / "quality" / "certificate.json"
    certificate.parent.mkdir(parents=True)
    certificate.write_bytes(page.request.get(base + certificate_link).body())
    copy = tmp_path / "delivered" / "plating.parquet"
    copy.write_bytes(data)
    check = check_certificate(certificate, data=copy)
    assert check.holds, check.problems
    assert any("rows identical" in note for note in check.notes)  # the bytes differ (fingerprint), the rows do not
    # a user of another organisation opening the same link gets a refusal, not the file
    link = page.locator("a.download-link:text-is('data/plating.csv')").get_attribute("href")
    stranger = _signed_in(browser, base, other_buyer).new_page()
    response = stranger.goto(base + link)
    assert response.status == 403
    assert "다른 사람에게 발급된 다운로드 링크" in stranger.content()
