"""The Insights page in a real Chromium at phone width, in both languages, with a history
made by ``bench.generate``. Screenshots go to ``tests/artifacts/``."""

import pytest
from django.utils import timezone

from bench.generate import history_generate
from tests.browser.conftest import ARTIFACTS, CHROMIUM, page_on

PASSWORD = "a stepper and some tea"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]


@pytest.fixture
def phone(browser, live_server):
    with page_on(browser, live_server, width=360, height=780) as page:
        yield page


@pytest.fixture
def history(db):
    made = history_generate(
        username="insightful",
        years=1,
        episodes=120,
        now=timezone.now(),
        symptom_free_share=0.7,
    )
    made.user.set_password(PASSWORD)
    made.user.save()
    return made


def log_in(page, username):
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def test_insights_page_reads_on_a_phone_in_english_and_bahasa_indonesia(phone, history):
    ARTIFACTS.mkdir(exist_ok=True)
    log_in(phone, "insightful")
    card = phone.locator("#insights-card").locator("..")
    assert "likely between" in card.inner_text()

    phone.get_by_role("link", name="All insights").click()
    phone.get_by_role("heading", name="Insights", exact=True).wait_for()
    text = phone.locator("main").inner_text()
    assert "Stepper" in text
    assert "likely between" in text
    assert "have no answer yet" in text
    # One chart, drawn twice (wide and narrow): the phone shows only the narrow drawing.
    assert phone.locator("figure.chart").count() == 1
    assert phone.locator("figure.chart svg:visible").count() == 1
    # Phone-first: nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(ARTIFACTS / "insights-en-360.png"), full_page=True)

    profile = history.user.profile
    profile.language = "id"
    profile.save()
    phone.goto("/insights/")
    phone.get_by_role("heading", name="Wawasan", exact=True).wait_for()
    text = phone.locator("main").inner_text()
    assert "kemungkinan antara" in text
    assert "Seberapa sering" in text
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.screenshot(path=str(ARTIFACTS / "insights-id-360.png"), full_page=True)


def test_no_symptoms_button_on_the_dashboard_answers_for_the_latest_workout(phone, history):
    from datetime import timedelta

    from tracker.models import Workout

    ARTIFACTS.mkdir(exist_ok=True)
    latest = Workout.objects.create(
        user=history.user,
        activity="stepper",
        started_at=timezone.now() - timedelta(hours=1),
        duration_minutes=30,
    )
    log_in(phone, "insightful")

    item = phone.locator("#latest-workouts ~ ul li").filter(
        has=phone.locator(f'a[href="/workouts/{latest.pk}/"]')
    )
    item.screenshot(path=str(ARTIFACTS / "dashboard-workout-unanswered-360.png"))
    item.get_by_role("button", name="No symptoms after this workout").click()
    phone.get_by_text("Noted: no symptoms after this workout.").wait_for()

    latest.refresh_from_db()
    assert latest.symptom_free_at is not None
    assert phone.locator(f'form[action="/workouts/{latest.pk}/no-symptoms/"]').count() == 0
    phone.screenshot(path=str(ARTIFACTS / "dashboard-no-symptoms-360.png"), full_page=True)
