"""The app shell in a real Chromium: phone-first pages, dark mode, axe-core, offline logging.

Every page is opened at 360x740 (a phone) and 1280x800, in English and Bahasa Indonesia:
its primary content or action shows without scrolling, nothing scrolls sideways, no text
overflows its box, and axe-core finds no serious or critical violation (light and dark).
Screenshots of each go to ``tests/artifacts/shell/`` (git-ignored).

axe-core comes from the npm registry (``package.json``, installed by ``npm ci``) and is
injected by the tests only; the app never serves it.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Profile
from symptoms.models import Episode
from tests.browser.conftest import CHROMIUM
from tests.factories import BodyWeightFactory, EpisodeFactory, UserFactory, WorkoutFactory
from tests.histories import evaluate

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts" / "shell"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]

# Page -> the element that must show in the first screen (its primary content or action).
PAGES = {
    "/": ".button-numb",
    "/workouts/": "main .item-list > li",
    "/episodes/": "main .item-list > li",
    "/alerts/": "main article.alert-card",
    "/weights/": "main form button[type=submit]",
    "/reports/": "main button[value=pdf]",
    "/workouts/new/": "main form",
    "/episodes/new/": "main form",
    "/settings/": "main form",
}

# Elements whose content may be wider than their box: they scroll inside it on purpose.
OVERFLOW_CHECK = """() => {
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
    if (el.closest('.table-wrap, .chart-svg, svg, select, .visually-hidden, .skip-link')) continue;
    const style = getComputedStyle(el);
    if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      const name = `${el.tagName.toLowerCase()}.${el.className}`;
      wide.push(`${name}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
  }
  return wide;
}"""

OUTBOX_COUNT = """() => new Promise(resolve => {
  const open = indexedDB.open('leglog-outbox', 1);
  open.onsuccess = () => {
    const count = open.result.transaction('entries').objectStore('entries').count();
    count.onsuccess = () => { open.result.close(); resolve(count.result); };
  };
})"""

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  if (!result.passes.length) return ['axe-core checked nothing'];
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ` +
      v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
}"""


def signed_in_context(browser, live_server, user, *, viewport, color_scheme="light"):
    """A browser context with ``user``'s session (made by Django's test client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        base_url=live_server.url,
        viewport=viewport,
        locale="en-US",
        timezone_id="Asia/Jakarta",
        color_scheme=color_scheme,
        bypass_csp=True,  # lets the tests inject axe-core under script-src 'self'
    )
    context.set_default_timeout(15_000)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context


def person_with_history(language):
    """Someone with a workout, an episode over an hour long (an alert) and a body weight."""
    user = UserFactory(username=f"shell{language}")
    Profile.objects.filter(user=user).update(language=language, timezone="Asia/Jakarta")
    workout = WorkoutFactory(user=user, activity="stepper")
    start = timezone.now() - timedelta(hours=3)
    EpisodeFactory(
        user=user, workout=workout, started_at=start, ended_at=start + timedelta(minutes=75)
    )
    BodyWeightFactory(user=user)
    evaluate(user)
    return user


def assert_fits(page, path, primary, viewport):
    first = page.locator(primary).first
    first.wait_for()
    box = first.bounding_box()
    assert box is not None, f"{path}: {primary} is not shown"
    # An action shows whole; a list's first entry or a form at least starts on screen.
    is_action = first.evaluate("el => el.matches('button, a, .button')")
    shown_to = box["y"] + box["height"] if is_action else box["y"] + 1
    assert shown_to <= viewport["height"], (
        f"{path}: {primary} ends at {shown_to:.0f} px, below the first screen"
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{path} scrolls sideways: {width} px"
    assert page.evaluate(OVERFLOW_CHECK) == [], f"{path}: text wider than its box"


def axe_serious(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


@pytest.mark.skipif(
    not AXE.exists() and not os.environ.get("CI"), reason="axe-core is not installed: run `npm ci`"
)
@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_page_shows_its_primary_action_first_fits_the_screen_and_passes_axe(
    browser, live_server, language, size
):
    viewport = PHONE if size == "phone" else DESKTOP
    user = person_with_history(language)
    context = signed_in_context(browser, live_server, user, viewport=viewport)
    page = context.new_page()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    try:
        for path, primary in PAGES.items():
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language
            name = path.strip("/").replace("/", "-") or "dashboard"
            page.screenshot(
                path=str(ARTIFACTS / f"{name}-{language}-{viewport['width']}.png"), full_page=True
            )
            assert_fits(page, path, primary, viewport)
            if found := axe_serious(page):
                problems[path] = found
    finally:
        context.close()
    assert problems == {}, json.dumps(problems, indent=2)


@pytest.mark.skipif(
    not AXE.exists() and not os.environ.get("CI"), reason="axe-core is not installed: run `npm ci`"
)
@pytest.mark.parametrize("language", ["en", "id"])
def test_dark_mode_pages_and_the_open_menu_pass_axe_on_a_phone(browser, live_server, language):
    user = person_with_history(language)
    context = signed_in_context(browser, live_server, user, viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    try:
        for path in PAGES:
            page.goto(path)
            name = path.strip("/").replace("/", "-") or "dashboard"
            page.screenshot(path=str(ARTIFACTS / f"{name}-{language}-360-dark.png"), full_page=True)
            if found := axe_serious(page):
                problems[path] = found
        page.goto("/alerts/")
        page.locator(".site-menu > summary").click()
        assert page.locator(".site-menu-nav a[aria-current=page]").is_visible()
        page.screenshot(path=str(ARTIFACTS / f"menu-open-{language}-360-dark.png"))
        if found := axe_serious(page):
            problems["menu"] = found
    finally:
        context.close()
    assert problems == {}, json.dumps(problems, indent=2)


@pytest.mark.skipif(
    not AXE.exists() and not os.environ.get("CI"), reason="axe-core is not installed: run `npm ci`"
)
@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_signed_out_pages_fit_and_pass_axe(browser, live_server, language, size):
    viewport = PHONE if size == "phone" else DESKTOP
    context = browser.new_context(base_url=live_server.url, viewport=viewport, bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    problems = {}
    try:
        # Sign-up is a form of five fields: its first field shows first; the others, their
        # button.
        for path, primary in [
            ("/login/", "main form button[type=submit]"),
            ("/signup/", "main form input:not([type=hidden])"),
            ("/password-reset/", "main form button[type=submit]"),
        ]:
            page.goto(path)
            name = path.strip("/")
            page.screenshot(
                path=str(ARTIFACTS / f"{name}-{language}-{viewport['width']}.png"), full_page=True
            )
            assert_fits(page, path, primary, viewport)
            if found := axe_serious(page):
                problems[path] = found
    finally:
        context.close()
    assert problems == {}, json.dumps(problems, indent=2)


def test_history_filters_are_folded_until_one_is_set(browser, live_server):
    user = person_with_history("en")
    context = signed_in_context(browser, live_server, user, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto("/episodes/")
        filters = page.locator("details.filters-box")
        assert filters.get_attribute("open") is None
        assert not page.get_by_role("button", name="Filter").is_visible()
        filters.locator("summary").click()
        page.get_by_label("Activity").select_option("stepper")
        page.get_by_role("button", name="Filter").click()
        page.wait_for_url("**/episodes/?*activity=stepper*")
        assert page.locator("details.filters-box").get_attribute("open") is not None
    finally:
        context.close()


def test_the_manifest_and_service_worker_are_served_from_the_root(browser, live_server):
    user = person_with_history("en")
    context = signed_in_context(browser, live_server, user, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto("/")
        manifest_url = page.locator("link[rel=manifest]").get_attribute("href")
        manifest = page.request.get(manifest_url)
        assert manifest.headers["content-type"] == "application/manifest+json"
        icons = manifest.json()["icons"]
        assert {icon["sizes"] for icon in icons} >= {"192x192", "512x512"}
        for icon in icons:
            assert page.request.get(icon["src"]).ok, icon["src"]
        scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
        assert scope == f"{live_server.url}/"
    finally:
        context.close()


def test_an_episode_logged_offline_is_saved_exactly_once_when_back_online(browser, live_server):
    user = UserFactory(username="gymgoer")
    Profile.objects.filter(user=user).update(timezone="Asia/Jakarta")
    context = signed_in_context(browser, live_server, user, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto("/")
        page.evaluate("async () => { await navigator.serviceWorker.ready; }")
        # Controlled by the worker from now on: these two pages are kept for offline use.
        page.reload()
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        page.goto("/episodes/new/")
        page.goto("/")

        context.set_offline(True)
        page.goto("/episodes/new/")  # the copy kept by the service worker
        page.get_by_label("Tingling", exact=True).check()
        # Where: a tap on the body map (it sets the hidden location boxes and the side).
        page.locator(".bm-region[data-location=calf][data-side=left]").click()
        page.get_by_role("button", name="Save episode").click()
        page.wait_for_url("**/?offline-saved=1")
        note = page.locator("[data-outbox]")
        note.wait_for()
        assert "Saved on this phone while offline" in note.inner_text()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "offline-saved-en-360.png"), full_page=True)
        assert Episode.objects.filter(user=user).count() == 0

        # Back online, the first send reaches the server but its answer is lost (the
        # connection drops): the entry stays on the phone and is sent again later.
        lost = []

        def drop_first_answer(route):
            if route.request.method == "POST" and not lost:
                lost.append(route.fetch().status)
                route.abort("connectionreset")
            else:
                route.continue_()

        page.route("**/api/v1/episodes/", drop_first_answer)
        context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        for _attempt in range(100):
            if lost:
                break
            page.wait_for_timeout(100)
        assert lost == [201]
        assert Episode.objects.filter(user=user).count() == 1
        assert page.evaluate(OUTBOX_COUNT) == 1

        page.reload()  # the next page sends what is still kept
        page.wait_for_function(f"async () => (await ({OUTBOX_COUNT})()) === 0")
        page.wait_for_selector("html[data-outbox-sent]", state="attached")
        page.screenshot(path=str(ARTIFACTS / "offline-sent-en-360.png"), full_page=True)
        episodes = Episode.objects.filter(user=user)
        assert episodes.count() == 1
        episode = episodes.get()
        assert episode.sensations == ["tingling"]
        assert episode.locations == ["calf"]
        assert episode.side == "left"
    finally:
        context.close()
