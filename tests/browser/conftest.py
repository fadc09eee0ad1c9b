"""What every browser test shares: Debian's Chromium driven by Playwright, one per module.

Never a browser Playwright downloads: ``/usr/bin/chromium`` (``.ci/services`` installs it).
Screenshots go to ``tests/artifacts/`` (git-ignored).
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
# The machine's network is closed: no background calls, no component updates.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests
    # make between page actions are plain synchronous calls all the same.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Without it Chromium's offline emulation leaves the service worker's own requests online.
    os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = "1"
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@contextmanager
def page_on(browser, live_server, *, width: int, height: int):
    """A page on the live server at ``width`` x ``height`` (English, Asia/Jakarta)."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": height},
        locale="en-US",
        timezone_id="Asia/Jakarta",
    )
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser, live_server):
    """A desktop page (1280 x 900)."""
    with page_on(browser, live_server, width=1280, height=900) as desktop:
        yield desktop
