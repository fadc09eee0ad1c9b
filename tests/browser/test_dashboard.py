"""The dashboard in a real Chromium (Debian's ``/usr/bin/chromium``) against a live server.

Celery runs eagerly in the test settings, so the pattern evaluation that each write
queues on commit runs inside the live server, as a worker would run it.
Screenshots go to ``tests/artifacts/`` (git-ignored).
"""

import pytest

from accounts.models import Profile
from alerts.models import Alert
from symptoms.models import Episode
from tests.browser.conftest import ARTIFACTS, CHROMIUM
from tracker.models import Workout

PASSWORD = "a stepper and some tea"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]


def sign_up(page, username):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto("/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    # The time zone is filled from the browser's own (Asia/Jakarta in this context).
    assert page.get_by_label("Time zone").input_value() == "Asia/Jakarta"
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/welcome/1/")  # the first-run screens, then the dashboard
    page.goto("/")


def log_stepper_workout(page):
    page.goto("/workouts/new/")
    page.get_by_label("Stepper", exact=True).check()
    page.get_by_label("30 min", exact=True).check()
    page.get_by_role("button", name="Save workout").click()
    page.get_by_text("Workout saved: Stepper, 30 minutes.").wait_for()


def numb_then_gone(page):
    page.goto("/")
    page.get_by_role("button", name="My legs are numb now").click()
    page.get_by_role("heading", name="Episode in progress").wait_for()
    page.get_by_text("Stop exercising now.").wait_for()
    # The two questions, one tap each; the workout just done is linked once confirmed.
    page.get_by_label("Numbness", exact=True).check()
    page.locator(".bm-region[data-location=foot][data-side=left]").click()
    page.get_by_label("Yes, it started after my workout").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Noted.").wait_for()
    # Every page shows the ongoing episode, with a way to end it.
    page.goto("/workouts/")
    banner = page.get_by_role("status").filter(has_text="Episode in progress")
    banner.get_by_role("button", name="It's gone").click()
    page.get_by_text("Good that it's gone.").wait_for()


def test_three_stepper_episodes_raise_an_alert_that_can_be_acknowledged_then_read_in_indonesian(
    page,
):
    sign_up(page, "stepperfan")
    assert Profile.objects.get(user__username="stepperfan").timezone == "Asia/Jakarta"

    for _round in range(3):
        log_stepper_workout(page)
        numb_then_gone(page)

    assert Workout.objects.filter(activity="stepper").count() == 3
    episodes = Episode.objects.filter(user__username="stepperfan")
    assert episodes.count() == 3
    assert all(e.workout is not None and e.ended_at is not None for e in episodes)

    page.goto("/")
    stepper = page.locator("#open-alerts ~ article.alert-card.level-see_doctor")
    stepper.first.wait_for()
    assert Alert.objects.filter(rule="recurring_with_stepper").count() == 1
    assert "stepper" in stepper.first.inner_text().lower()
    page.screenshot(path=str(ARTIFACTS / "dashboard-alert-1280.png"), full_page=True)

    stepper.first.get_by_role("button", name="Got it, mark as read").click()
    page.get_by_text("Alert marked as read").wait_for()
    assert Alert.objects.get(rule="recurring_with_stepper").acknowledged_at is not None
    assert page.locator("#open-alerts ~ article.level-see_doctor").count() == 0

    page.goto("/settings/")
    page.get_by_label("Language").select_option("id")
    page.get_by_role("button", name="Save settings").click()
    page.get_by_text("Pengaturan Anda sudah disimpan.").wait_for()
    page.goto("/")
    assert page.get_by_role("button", name="Kaki saya mati rasa sekarang").is_visible()
    assert page.get_by_role("heading", name="Sekilas minggu ini").is_visible()
    assert page.locator("html").get_attribute("lang") == "id"

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-id-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto("/")
    page.screenshot(path=str(ARTIFACTS / "dashboard-id-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_dashboard_fits_a_360_pixel_phone_in_english(page):
    sign_up(page, "phoneuser")
    log_stepper_workout(page)
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto("/")
    page.get_by_role("button", name="My legs are numb now").click()
    page.get_by_label("Numbness", exact=True).check()
    page.locator(".bm-region[data-location=calf][data-side=right]").click()
    page.get_by_role("button", name="Save", exact=True).click()
    timer = page.locator("[data-rest-timer]")
    timer.wait_for()  # shown by the script, counting up from the episode's start
    assert timer.locator("[data-rest-clock]").inner_text().startswith("0:")
    page.screenshot(path=str(ARTIFACTS / "episode-ongoing-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("main").get_by_role("button", name="It's gone").click()
    page.get_by_text("Good that it's gone.").wait_for()
    for path, name in [
        ("/", "dashboard-360"),
        ("/episodes/new/", "episode-form-360"),
        ("/workouts/new/", "workout-form-360"),
        ("/alerts/", "alerts-360"),
        ("/settings/", "settings-360"),
    ]:
        page.goto(path)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways: {width} px"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    page.screenshot(path=str(ARTIFACTS / "dashboard-1280.png"), full_page=True)


def test_bad_workout_and_episode_input_shows_errors_and_stores_nothing(page):
    sign_up(page, "typo")
    page.goto("/workouts/new/")
    # Keyboard only: Tab to the activity chips, Space picks one, the focus ring shows.
    for _step in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "activity":
            break
    page.keyboard.press("Space")
    assert page.get_by_label("Running", exact=True).is_checked()
    ring = page.evaluate("getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert ring == "solid"
    page.get_by_text("Exact start or another duration").click()  # folded by default
    page.get_by_label("Duration (minutes)").fill("0")
    page.get_by_role("button", name="Save workout").click()
    errors = page.get_by_role("alert").filter(has_text="Please correct the following:")
    errors.wait_for()
    assert "Duration (minutes)" in errors.inner_text()
    assert Workout.objects.count() == 0

    page.goto("/episodes/new/")
    page.get_by_role("button", name="Save episode").click()
    errors = page.get_by_role("alert").filter(has_text="Please correct the following:")
    errors.wait_for()
    assert "Choose at least one." in errors.inner_text()
    assert Episode.objects.count() == 0


def test_login_page_switches_to_bahasa_indonesia(page):
    page.goto("/login/")
    page.get_by_label("Language").select_option("id")
    page.get_by_role("button", name="Change").click()
    page.get_by_role("heading", name="Masuk").wait_for()
    assert page.get_by_label("Nama pengguna").is_visible()


def test_an_emergency_symptom_says_seek_help_now_first_and_raises_an_urgent_banner(page):
    sign_up(page, "nauseous")
    page.goto("/episodes/new/")
    page.get_by_label("Tingling", exact=True).check()
    page.locator(".bm-region[data-location=calf][data-side=left]").click()
    page.get_by_text("More: other symptoms").click()  # folded below the common case
    page.get_by_label("Nausea").check()
    page.get_by_role("button", name="Save episode").click()

    first_alert = page.get_by_role("alert").first
    first_alert.wait_for()
    assert "Seek medical help now" in first_alert.inner_text()
    assert first_alert.get_by_role("link", name="Call 112").get_attribute("href") == "tel:112"

    page.goto("/")
    banner = page.locator(".banner-urgent")
    banner.wait_for()
    assert banner.get_by_role("link", name="Call 112").is_visible()
    assert Alert.objects.filter(rule="emergency_symptoms", level="urgent").count() == 1
    page.screenshot(path=str(ARTIFACTS / "dashboard-urgent-1280.png"), full_page=True)
