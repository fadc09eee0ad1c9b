"""The calendar feed: a secret, revocable iCal address of workouts, episodes, follow-ups."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from icalendar import Calendar

from alerts.models import Alert
from alerts.presenters import alert_wording
from feeds import services
from feeds.models import CalendarFeed
from tests.factories import EpisodeFactory, WorkoutFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _alert(user, level, *, acknowledged=False, created_at=NOW - timedelta(days=1)):
    count = Alert.objects.filter(user=user).count()
    return Alert.objects.create(
        user=user,
        rule="emergency_symptoms" if level == "urgent" else "prolonged_tingling",
        level=level,
        identity=f"episode:{count + 1}",
        context={
            "date": "2026-11-20",
            "time": "07:30",
            "minutes": 75,
            "ongoing": False,
            "locations": ["calf"],
            "symptoms": ["nausea"],
        },
        created_at=created_at,
        acknowledged_at=NOW if acknowledged else None,
    )


def _events(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def history(user):
    user.profile.timezone = "Asia/Jakarta"
    user.profile.save()
    WorkoutFactory(user=user, activity="stepper", started_at=NOW - timedelta(days=2))
    EpisodeFactory(user=user, started_at=NOW - timedelta(days=2, hours=-1))
    _alert(user, "see_doctor", created_at=datetime(2026, 11, 24, 20, 0, tzinfo=UTC))
    _alert(user, "urgent", acknowledged=True)
    _alert(user, "watch")
    return user


def test_feed_lists_workouts_episodes_and_open_doctor_follow_ups(history):
    _feed, token = services.calendar_feed_create(user=history)
    with time_machine.travel(NOW, tick=False):
        response = Client().get(f"/calendar/{token}.ics")

    assert response.status_code == 200
    events = _events(response)
    assert set(events) == {"Workout: Stepper", "Leg symptoms", "Book a doctor's visit"}
    workout = events["Workout: Stepper"]
    assert workout.decoded("dtstart") == NOW - timedelta(days=2)
    assert workout.decoded("dtend") - workout.decoded("dtstart") == timedelta(minutes=45)
    follow_up = events["Book a doctor's visit"]
    # Three days after the alert, on the person's own calendar day (Jakarta, UTC+7).
    assert follow_up.decoded("dtstart") == date(2026, 11, 28)
    see_doctor = Alert.objects.get(level="see_doctor")
    assert str(follow_up["description"]) == alert_wording(see_doctor).title
    assert response["Cache-Control"] == "no-store, private"


def test_feed_speaks_the_persons_language(history):
    history.profile.language = "id"
    history.profile.save()
    _feed, token = services.calendar_feed_create(user=history)
    with time_machine.travel(NOW, tick=False):
        events = _events(Client().get(f"/calendar/{token}.ics"))
    assert "Buat janji ke dokter" in events
    assert "Keluhan kaki" in events


def test_revoked_or_replaced_address_answers_404(history):
    _feed, old = services.calendar_feed_create(user=history)
    _feed, new = services.calendar_feed_create(user=history)
    assert Client().get(f"/calendar/{old}.ics").status_code == 404
    assert Client().get(f"/calendar/{new}.ics").status_code == 200

    services.calendar_feed_revoke(user=history)
    assert Client().get(f"/calendar/{new}.ics").status_code == 404


def test_unknown_or_altered_token_answers_404(history):
    _feed, token = services.calendar_feed_create(user=history)
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert Client().get(f"/calendar/{altered}.ics").status_code == 404


def test_feed_shows_only_its_owners_data(history, other_user):
    WorkoutFactory(user=other_user, activity="yoga", started_at=NOW - timedelta(days=1))
    _feed, token = services.calendar_feed_create(user=history)
    with time_machine.travel(NOW, tick=False):
        events = _events(Client().get(f"/calendar/{token}.ics"))
    assert "Workout: Yoga" not in events


def test_only_the_hash_of_the_token_is_stored(user):
    _feed, token = services.calendar_feed_create(user=user)
    stored = CalendarFeed.objects.get()
    assert token not in stored.token_hash
    assert stored.token_hash == services.token_hash(token)


def test_page_shows_the_address_once_and_revokes_it(user):
    browser = Client()
    browser.force_login(user)
    assert browser.get("/calendar/").status_code == 200

    made = browser.post("/calendar/new/")
    assert made.status_code == 200
    assert ".ics" in made.text
    assert ".ics" not in browser.get("/calendar/").text

    assert browser.post("/calendar/revoke/").status_code == 302
    assert not CalendarFeed.objects.filter(revoked_at__isnull=True).exists()


def test_page_needs_login():
    assert Client().get("/calendar/").status_code == 302
