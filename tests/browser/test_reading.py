"""What a person reads, in a real Chromium at 360x740 and 1280x800, in both languages:
charts whose text stays >= 12 px and fits the width, the share links and the shared
report within 360 px, Copy/Share, the doctor's language switch. Screenshots go to
``tests/artifacts/`` (git-ignored)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from reports.services import share_link_create
from tests.browser.conftest import ARTIFACTS, CHROMIUM
from tests.factories import BodyWeightFactory, EpisodeFactory, UserFactory, WorkoutFactory

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]

# The smallest on-screen size of the text of every chart drawing that is shown.
SMALLEST_CHART_TEXT = """() => {
  let smallest = Infinity, count = 0;
  for (const svg of document.querySelectorAll('svg[role="img"]')) {
    if (!svg.getClientRects().length) continue;  // the drawing for the other width
    for (const text of svg.querySelectorAll('text')) {
      if (!text.getClientRects().length || !text.textContent.trim()) continue;
      const ctm = text.getScreenCTM();
      const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b);
      smallest = Math.min(smallest, px); count += 1;
    }
  }
  return {smallest, count};
}"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def reader():
    """A person with a few weeks of stepper and running workouts, episodes and weights."""
    user = UserFactory(username="reader")
    now = timezone.now()
    for days in range(2, 60, 4):
        workout = WorkoutFactory(
            user=user,
            activity="stepper" if days % 8 else "running",
            started_at=now - timedelta(days=days, hours=3),
        )
        if days % 12 == 2:
            EpisodeFactory(
                user=user,
                workout=workout,
                started_at=workout.ended_at,
                sensations=["numbness", "tingling"],
                locations=["calf", "foot"],
            )
    for days in (50, 30, 10):
        BodyWeightFactory(user=user, measured_on=(now - timedelta(days=days)).date())
    return user


def _open(browser, live_server, user, *, viewport, language):
    user.profile.language = language
    user.profile.save()
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, locale="id-ID" if language == "id" else "en-GB"
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    context.set_default_timeout(15_000)
    return context, context.new_page()


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_dashboard_charts_fit_the_width_with_text_of_12_px_or_more(
    browser, live_server, reader, language, size
):
    context, page = _open(
        browser,
        live_server,
        reader,
        viewport=PHONE if size == "phone" else DESKTOP,
        language=language,
    )
    page.goto("/")
    page.locator("#charts").scroll_into_view_if_needed()
    text = page.evaluate(SMALLEST_CHART_TEXT)
    chart_overflow = page.evaluate("""() => Math.max(0, ...[...document.querySelectorAll(
        '.chart-svg')].map(box => box.scrollWidth - box.clientWidth))""")
    labels = page.locator("svg[role=img] text").all_text_contents()
    _shot(page, f"dashboard-charts-{size}-{language}")
    context.close()

    assert text["count"] > 20
    assert text["smallest"] >= 12, text
    assert chart_overflow == 0  # no chart scrolls sideways inside its box
    assert page_has_no_iso_dates(labels)
    month = "Des" if language == "id" else "Dec"
    assert any(
        month in label or "Nov" in label or "Okt" in label or "Oct" in label for label in labels
    )


def page_has_no_iso_dates(labels):
    import re

    return not any(re.search(r"\d{4}-\d{2}-\d{2}", label) for label in labels)


@pytest.mark.parametrize("language", ["en", "id"])
def test_share_links_and_shared_report_fit_a_360_px_phone(browser, live_server, reader, language):
    share_link_create(user=reader, expires_in_days=7)
    context, page = _open(browser, live_server, reader, viewport=PHONE, language=language)
    page.goto("/reports/sharing/")
    page.locator("form[action$='share-links/'] button[type=submit]").click()
    page.wait_for_selector("#new-share-url")
    url = page.locator("#new-share-url").input_value()
    copy = page.locator("[data-copy-target]")
    list_overflow = page.evaluate(OVERFLOW)
    # Words in the list of links are never split letter by letter: each cell is wider
    # than its longest word.
    narrowest = page.evaluate("""() => Math.min(...[...document.querySelectorAll(
        '.share-item dd, .share-item dt')].map(el => el.getBoundingClientRect().width))""")
    _shot(page, f"share-links-phone-{language}")
    copy.click()
    copied = page.locator(".share-status").text_content()

    page.goto(url)
    report_overflow = page.evaluate(OVERFLOW)
    text = page.evaluate(SMALLEST_CHART_TEXT)
    _shot(page, f"shared-report-phone-{language}")
    other = "en" if language == "id" else "id"
    page.locator(f".share-languages a[hreflang={other}]").click()
    page.wait_for_function(f"document.documentElement.lang === '{other}'")
    switched = page.locator("html").get_attribute("lang")
    context.close()

    assert "/share/" in url
    assert list_overflow == 0
    assert narrowest >= 60
    assert copied  # "Link copied." (or the fallback's advice), never silence
    assert report_overflow == 0
    assert text["smallest"] >= 12, text
    assert switched == other
