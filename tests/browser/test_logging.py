"""Logging on a phone and a desktop, in English and Indonesian, in Debian's Chromium.

Asserted: the primary action is in the first viewport, nothing scrolls sideways, an
episode can be logged with the keyboard alone, and the three logging paths (a quick
workout, a past episode, "my legs are numb now") take at most five taps and no typing.
Taps are trusted clicks counted by a script in the page (across page loads); typed
fields are the text, number and date fields that received trusted input. Figures are
printed (``-s``) and written to ``tests/artifacts/logging-taps.txt`` with screenshots.
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Profile
from symptoms.models import Episode
from tests.browser.conftest import ARTIFACTS, CHROMIUM
from tests.factories import BodyWeightFactory, UserFactory, WorkoutFactory
from tracker.models import Workout

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]

PASSWORD = "correct horse battery"
SIZES = {"phone": (360, 740), "desktop": (1280, 800)}

COUNTER = """
(() => {
  const bump = (key, value) => {
    const all = JSON.parse(sessionStorage.getItem("leglog-count") || '{"taps":0,"fields":[]}');
    if (key === "taps") { all.taps += 1; }
    else if (!all.fields.includes(value)) { all.fields.push(value); }
    sessionStorage.setItem("leglog-count", JSON.stringify(all));
  };
  document.addEventListener("click", (e) => { if (e.isTrusted) { bump("taps"); } }, true);
  document.addEventListener("input", (e) => {
    const t = e.target;
    if (e.isTrusted && t && /^(text|number|datetime-local|date|search|)$/.test(t.type || "")) {
      bump("fields", t.name);
    }
  }, true);
})();
"""


@pytest.fixture(params=["en", "id"])
def language(request):
    return request.param


@pytest.fixture(params=list(SIZES))
def size(request):
    return request.param


def open_page(browser, live_server, *, size="phone", language="en"):
    width, height = SIZES[size]
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": height},
        locale="id-ID" if language == "id" else "en-US",
        timezone_id="Asia/Jakarta",
        has_touch=size == "phone",
    )
    context.set_default_timeout(15_000)
    context.add_init_script(COUNTER)
    return context, context.new_page()


def log_in(page, *, language="en"):
    user = UserFactory()
    Profile.objects.filter(user=user).update(language=language, timezone="Asia/Jakarta")
    page.goto("/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").last.click()
    page.wait_for_url("**/")
    reset_count(page)
    return user


def reset_count(page):
    page.evaluate("sessionStorage.removeItem('leglog-count')")


def count(page):
    return page.evaluate(
        "JSON.parse(sessionStorage.getItem('leglog-count') || '{\"taps\":0,\"fields\":[]}')"
    )


def no_sideways_scroll(page):
    width = page.viewport_size["width"]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways: {scroll} px in {width} px"


def in_first_viewport(page, locator):
    page.evaluate("window.scrollTo(0, 0)")
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    assert box is not None, f"{page.url}: the primary action is not shown"
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= height, (
        f"{page.url}: the primary action is at {box['y']:.0f} px, below the first {height} px"
    )


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def record(line):
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "logging-taps.txt").open("a", encoding="utf-8") as out:
        out.write(line + "\n")
    print(line)  # noqa: T201 -- the figures the report quotes


def test_logging_pages_show_their_primary_action_at_once_and_fit_the_width(
    browser,
    live_server,
    size,
    language,
):
    context, page = open_page(browser, live_server, size=size, language=language)
    user = log_in(page, language=language)
    WorkoutFactory(user=user, activity="stepper", started_at=timezone.now() - timedelta(hours=1))
    weight = BodyWeightFactory(user=user)
    since = int(timezone.now().timestamp())
    pages = [
        ("/episodes/new/", "episode-form", "main form[data-logging-form] button[type=submit]"),
        ("/workouts/new/", "workout-form", "main form[data-workout-form] button[type=submit]"),
        (f"/episodes/now/?since={since}", "numb-now", "main form button[type=submit]"),
        (f"/weights/{weight.pk}/edit/", "weight-edit", "main form button[type=submit]"),
        ("/welcome/1/", "welcome-1", "main .actions .button"),
        ("/welcome/2/", "welcome-2", "main .actions .button"),
        ("/welcome/3/", "welcome-3", "main form button[type=submit]"),
        ("/settings/", "settings", "main form button[type=submit]"),
    ]
    for path, name, primary in pages:
        page.goto(path)
        shot(page, f"{name}-{language}-{size}")
        no_sideways_scroll(page)
        if name != "settings":  # the settings page is the shell's; shot for the record only
            in_first_viewport(page, page.locator(primary).first)
    if size == "phone":
        page.goto("/episodes/new/")
        common = page.evaluate(
            "(() => { const f = document.querySelector('form[data-logging-form]');"
            " const d = f.querySelector('details.logging-more');"
            " return d.getBoundingClientRect().top + window.scrollY; })()"
        )
        record(f"episode form, common case ends at {common:.0f} px ({language}, 360x740)")
    context.close()


def test_a_quick_workout_takes_five_taps_from_the_dashboard_and_no_typing(browser, live_server):
    context, page = open_page(browser, live_server)
    user = log_in(page)
    started = time.monotonic()
    page.get_by_role("link", name="Log a workout").click()
    page.locator("input[name=activity][value=stepper]").click()
    page.locator("input[name=duration_quick][value='30']").click()
    page.locator("input[name=when][value=finished]").click()
    page.get_by_role("button", name="Save workout").click()
    page.get_by_text("Workout saved: Stepper, 30 minutes.").wait_for()
    seconds = time.monotonic() - started
    figures = count(page)
    record(
        f"quick workout: {figures['taps']} taps, {len(figures['fields'])} typed fields, "
        f"{seconds:.1f} s (scripted)"
    )
    workout = Workout.objects.get(user=user)
    assert (workout.activity, workout.duration_minutes) == ("stepper", 30)
    assert workout.ended_at <= timezone.now() + timedelta(minutes=1)
    assert figures["taps"] <= 5
    assert figures["fields"] == []
    context.close()


def test_a_past_episode_takes_five_taps_on_the_form_and_no_typing(browser, live_server):
    context, page = open_page(browser, live_server)
    user = log_in(page)
    page.goto("/episodes/new/")
    reset_count(page)
    started = time.monotonic()
    page.locator("input[name=sensations][value=tingling]").click()
    page.locator(".bm-region[data-location=calf][data-side=left]").click()
    page.locator("input[name=started_ago][value='30']").click()
    page.locator("input[name=lasted][value='10']").click()
    shot(page, "episode-form-filled-en-phone")
    page.get_by_role("button", name="Save episode").click()
    page.get_by_text("Episode saved.").wait_for()
    seconds = time.monotonic() - started
    figures = count(page)
    record(
        f"past episode: {figures['taps']} taps on the form (+1 to open it from the dashboard), "
        f"{len(figures['fields'])} typed fields, {seconds:.1f} s (scripted)"
    )
    episode = Episode.objects.get(user=user)
    assert (episode.sensations, episode.locations, episode.side) == (["tingling"], ["calf"], "left")
    assert episode.duration_minutes == 10
    assert abs((timezone.now() - episode.started_at) - timedelta(minutes=30)) < timedelta(minutes=2)
    assert episode.workout is None
    assert figures["taps"] <= 5
    assert figures["fields"] == []
    context.close()


def test_my_legs_are_numb_now_asks_what_and_where_in_four_taps(browser, live_server):
    context, page = open_page(browser, live_server)
    user = log_in(page)
    WorkoutFactory(user=user, activity="stepper", started_at=timezone.now() - timedelta(minutes=50))
    page.goto("/")
    reset_count(page)
    started = time.monotonic()
    page.get_by_role("button", name="My legs are numb now").click()
    page.get_by_role("heading", name="Episode in progress").wait_for()
    assert not Episode.objects.exists()  # nothing guessed, nothing stored yet
    page.locator("[data-rest-timer]").wait_for()  # first aid with the rest timer at once
    shot(page, "numb-now-en-phone")
    page.locator("input[name=sensations][value=numbness]").click()
    page.locator(".bm-region[data-location=foot][data-side=right]").click()
    page.locator("main form button[type=submit]").first.click()
    page.get_by_text("Noted.").wait_for()
    seconds = time.monotonic() - started
    figures = count(page)
    record(
        f"my legs are numb now: {figures['taps']} taps, {len(figures['fields'])} typed fields, "
        f"{seconds:.1f} s (scripted)"
    )
    episode = Episode.objects.get(user=user)
    assert (episode.sensations, episode.locations, episode.side) == (
        ["numbness"],
        ["foot"],
        "right",
    )
    assert episode.ended_at is None
    assert episode.workout is None  # the stepper 50 minutes ago was not confirmed
    assert figures["taps"] <= 5
    assert figures["fields"] == []
    shot(page, "episode-ongoing-en-phone")
    context.close()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_episode_can_be_logged_with_the_keyboard_alone(browser, live_server, lang):
    context, page = open_page(browser, live_server, size="desktop", language=lang)
    user = log_in(page, language=lang)
    page.goto("/episodes/new/")

    def tab_to(selector, limit=80):
        for _step in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("input[name=sensations][value=numbness]")
    page.keyboard.press("Space")
    tab_to("[data-body-map-list] > summary")
    page.keyboard.press("Enter")  # the list of places opens
    tab_to("input[name=locations][value=thigh]")
    page.keyboard.press("Space")
    tab_to("input[name=side]")
    page.keyboard.press("ArrowRight")  # radios: the arrow moves and chooses (left, right)
    tab_to("input[name=started_ago]")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # "15 min ago"
    tab_to("input[name=lasted]")
    page.keyboard.press("ArrowRight")  # "5 min"
    tab_to("form[data-logging-form] button[type=submit]")
    page.keyboard.press("Enter")
    shot(page, f"episode-keyboard-{lang}-desktop")
    page.wait_for_url(lambda url: "/new/" not in url)
    episode = Episode.objects.get(user=user)
    assert episode.sensations == ["numbness"]
    assert episode.locations == ["thigh"]
    assert episode.side != "both"
    assert episode.duration_minutes == 5
    shot(page, f"episode-saved-by-keyboard-{lang}-desktop")
    context.close()
