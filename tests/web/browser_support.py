"""What the browser journeys share: Debian's chromium driven by Playwright (never a downloaded browser), the
launch flags this closed network needs, and the axe-core check with a screenshot for docs/screenshots/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "docs" / "screenshots"
# Without the background-networking flags chromium keeps trying hosts this machine cannot reach.
FLAGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


def launched_chromium(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A headless chromium for one test; skips, saying what installs it, when chromium or axe-core is absent."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make chromium installs it)")
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make assets installs it from npm)")
    sync_api = pytest.importorskip("playwright.sync_api")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API keeps an event loop here
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS, timeout=60_000)
        yield browser
        browser.close()


def axe_clean(page: Any, name: str, *, screenshot: bool = True) -> None:
    """No serious or critical axe-core finding on this page; a screenshot named `name` for the docs."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], f"{name}: {bad}"
    if screenshot:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
