"""Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright's sync API.

The tests skip (with the reason) when that browser is absent; ``make browser`` or .ci/run install it.
Playwright's own browser download (``playwright install``) is never used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Full-page screenshots of every step, for a person to look at (var/ is gitignored).
SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots" / "e2e"


@pytest.fixture
def chromium(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    """One headless Chromium per test, started after the test database exists (function scope)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} tidak ada: jalankan `make browser` (apt-get install chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, so Django would refuse
    # the ORM calls made inside the test (seed_demo). Nothing else touches that loop; the pages
    # themselves are served by the live server's threads.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()
        # While the loop runs, Django keys this thread's connections by context (asgiref Local),
        # so the ORM calls made inside the test opened a second connection; close it here, or
        # PostgreSQL refuses to drop the test database at the end ("accessed by other users").
        connections.close_all()


@pytest.fixture
def screenshots(request: pytest.FixtureRequest) -> Path:
    """A fresh folder per test: var/screenshots/e2e/<test name>/."""
    folder = SCREENSHOTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder
