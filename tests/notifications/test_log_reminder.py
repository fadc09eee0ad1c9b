"""Log reminder: 2 hours after an unanswered workout, with one-click answers."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import Client

from notifications import links
from notifications.models import OutboxEmail
from notifications.tasks import log_reminders_due_task
from tests.factories import EpisodeFactory, WorkoutFactory
from tests.notifications.conftest import text_part

pytestmark = pytest.mark.django_db

STARTED = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
ENDED = STARTED + timedelta(minutes=45)


@pytest.fixture
def keen(user):
    """Someone who turned log reminders on, with a 45-minute run logged as they started it."""
    user.profile.log_reminders = True
    user.profile.save()
    with time_machine.travel(STARTED, tick=False):
        workout = WorkoutFactory(user=user, started_at=STARTED, duration_minutes=45)
    return workout


def beat(run_task, at):
    with time_machine.travel(at, tick=False):
        run_task(log_reminders_due_task)


def test_reminder_goes_out_two_hours_after_the_workout_ends_and_only_once(
    keen, smtp_server, run_task
):
    beat(run_task, ENDED + timedelta(hours=2) - timedelta(minutes=1))
    assert smtp_server.messages == []

    beat(run_task, ENDED + timedelta(hours=2))
    beat(run_task, ENDED + timedelta(hours=2))
    beat(run_task, ENDED + timedelta(hours=2, minutes=15))

    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["Subject"] == "LegLog: how did your legs feel?"
    text = text_part(message)
    assert f"https://leglog.example/episodes/new/?workout={keen.id}" in text
    assert "https://leglog.example/email/no-symptoms/" in text
    assert "/email/unsubscribe/log_reminder/" in str(message["List-Unsubscribe"])


def test_reminder_subject_is_in_indonesian_for_an_indonesian_reader(keen, smtp_server, run_task):
    keen.user.profile.language = "id"
    keen.user.profile.save()

    beat(run_task, ENDED + timedelta(hours=2, minutes=5))

    assert smtp_server.messages[0]["Subject"] == "LegLog: bagaimana kondisi kaki Anda?"


def test_no_reminder_when_an_episode_was_logged_for_the_workout(keen, smtp_server, run_task):
    EpisodeFactory(user=keen.user, workout=keen, started_at=ENDED, ended_at=ENDED)

    beat(run_task, ENDED + timedelta(hours=2, minutes=5))

    assert smtp_server.messages == []


def test_no_reminder_when_an_unlinked_episode_started_within_two_hours_of_the_end(
    keen, smtp_server, run_task
):
    start = ENDED + timedelta(minutes=90)
    EpisodeFactory(user=keen.user, started_at=start, ended_at=start + timedelta(minutes=5))

    beat(run_task, ENDED + timedelta(hours=2, minutes=5))

    assert smtp_server.messages == []


def test_no_reminder_when_log_reminders_are_off(user, smtp_server, run_task):
    WorkoutFactory(user=user, started_at=STARTED, duration_minutes=45)  # off by default

    beat(run_task, ENDED + timedelta(hours=2, minutes=5))

    assert smtp_server.messages == []


def test_no_reminder_for_a_workout_answered_before_it_was_due(keen, smtp_server, run_task):
    keen.symptom_free_at = ENDED + timedelta(minutes=30)
    keen.save()

    beat(run_task, ENDED + timedelta(hours=2, minutes=5))

    assert smtp_server.messages == []


def test_workout_logged_long_after_it_ended_is_reminded_two_hours_after_logging(
    user, smtp_server, run_task
):
    user.profile.log_reminders = True
    user.profile.save()
    logged = ENDED + timedelta(hours=6)
    with time_machine.travel(logged, tick=False):
        WorkoutFactory(user=user, started_at=STARTED, duration_minutes=45)

    beat(run_task, logged + timedelta(minutes=15))
    assert smtp_server.messages == []
    beat(run_task, logged + timedelta(hours=2))
    assert len(smtp_server.messages) == 1


def no_symptoms_path(smtp_server):
    text = text_part(smtp_server.messages[0])
    url = next(line for line in text.splitlines() if "/email/no-symptoms/" in line)
    return urlsplit(url.strip()).path


def test_one_click_no_symptoms_link_records_the_answer_without_login(keen, smtp_server, run_task):
    beat(run_task, ENDED + timedelta(hours=2, minutes=5))
    path = no_symptoms_path(smtp_server)
    browser = Client(enforce_csrf_checks=True)

    page = browser.get(path)
    keen.refresh_from_db()
    assert page.status_code == 200
    assert keen.symptom_free_at is None

    answered = browser.post(path)
    keen.refresh_from_db()
    assert answered.status_code == 200
    assert b"Thank you" in answered.content
    assert keen.symptom_free_at is not None


def test_no_symptoms_link_refuses_when_an_episode_is_logged_for_the_workout(keen):
    EpisodeFactory(user=keen.user, workout=keen, started_at=ENDED, ended_at=ENDED)
    path = urlsplit(links.no_symptoms_url(user_id=keen.user_id, workout_id=keen.id)).path

    response = Client().post(path)

    keen.refresh_from_db()
    assert response.status_code == 400
    assert keen.symptom_free_at is None


def test_no_symptoms_link_with_a_bad_signature_changes_nothing(keen):
    path = urlsplit(links.no_symptoms_url(user_id=keen.user_id, workout_id=keen.id)).path

    response = Client().post(path.rstrip("/") + "x/")

    keen.refresh_from_db()
    assert response.status_code == 400
    assert keen.symptom_free_at is None


def test_no_symptoms_link_for_another_persons_workout_answers_404(keen, other_user):
    path = urlsplit(links.no_symptoms_url(user_id=other_user.id, workout_id=keen.id)).path

    response = Client().post(path)

    keen.refresh_from_db()
    assert response.status_code == 404
    assert keen.symptom_free_at is None


def test_answered_reminder_is_not_sent_by_a_late_retry(keen, smtp_server, run_task):
    from notifications.kinds import log_reminder
    from notifications.services import workout_answer_no_symptoms
    from notifications.tasks import outbox_deliver_task

    with time_machine.travel(ENDED + timedelta(hours=2, minutes=5), tick=False):
        (row,) = log_reminder.plan(now=ENDED + timedelta(hours=2, minutes=5))
        workout_answer_no_symptoms(workout=keen)
        outbox_deliver_task.delay(row.id)

    assert smtp_server.messages == []
    assert OutboxEmail.objects.get().note == "already answered"


def _imported(user, *, created_at):
    with time_machine.travel(created_at, tick=False):
        return WorkoutFactory(
            user=user,
            started_at=STARTED,
            duration_minutes=45,
            source="fit",
            source_id="abc:0",
            intensity=None,
        )


def test_no_reminder_for_a_workout_imported_after_its_reminder_was_due(user, smtp_server, run_task):
    user.profile.log_reminders = True
    user.profile.save()
    # Synced the next evening: within the selector's window, but an old session by then.
    _imported(user, created_at=ENDED + timedelta(hours=10))

    beat(run_task, ENDED + timedelta(hours=12))
    beat(run_task, ENDED + timedelta(hours=20))

    assert smtp_server.messages == []
    assert not OutboxEmail.objects.exists()


def test_reminder_for_a_workout_the_watch_synced_right_after_it(user, smtp_server, run_task):
    user.profile.log_reminders = True
    user.profile.save()
    _imported(user, created_at=ENDED + timedelta(minutes=10))

    beat(run_task, ENDED + timedelta(hours=2, minutes=10))

    assert len(smtp_server.messages) == 1
