"""The daily reminder at the time the person chose, in their own zone, once a day."""

from datetime import UTC, datetime, time

import pytest
import time_machine
from django.test import Client

from accounts.models import Profile
from notifications.models import OutboxEmail
from notifications.services import email_resubscribe, email_unsubscribe
from notifications.tasks import daily_reminders_due_task
from tests.factories import EpisodeFactory, UserFactory
from tests.notifications.conftest import text_part

pytestmark = pytest.mark.django_db

KIND = OutboxEmail.Kind.DAILY_REMINDER


def person(username, *, zone, at, language="en"):
    user = UserFactory(username=username)
    Profile.objects.filter(user=user).update(timezone=zone, reminder_time=at, language=language)
    return user


def beat(run_task, at):
    with time_machine.travel(at, tick=False):
        run_task(daily_reminders_due_task)


def reminded(user):
    return OutboxEmail.objects.filter(user=user, kind=KIND).count()


def test_each_person_is_reminded_at_their_chosen_local_time_in_their_own_zone(
    smtp_server, run_task
):
    # 19:30 in Jakarta (UTC+7) is 12:30 UTC; 19:30 in New York (UTC-5 in November) 00:30 UTC.
    jakarta = person("jakarta", zone="Asia/Jakarta", at=time(19, 30))
    new_york = person("newyork", zone="America/New_York", at=time(19, 30))

    beat(run_task, datetime(2026, 11, 23, 12, 29, tzinfo=UTC))
    assert (reminded(jakarta), reminded(new_york)) == (0, 0)

    beat(run_task, datetime(2026, 11, 23, 12, 30, tzinfo=UTC))
    beat(run_task, datetime(2026, 11, 23, 12, 45, tzinfo=UTC))
    assert (reminded(jakarta), reminded(new_york)) == (1, 0)

    beat(run_task, datetime(2026, 11, 24, 0, 30, tzinfo=UTC))
    assert (reminded(jakarta), reminded(new_york)) == (1, 1)
    assert OutboxEmail.objects.get(user=new_york).key == "daily:2026-11-23"

    assert len(smtp_server.messages) == 2
    message = smtp_server.messages[0]
    assert message["Subject"] == "LegLog: how were your legs today?"
    assert "https://leglog.example/episodes/new/" in text_part(message)
    assert "/email/unsubscribe/daily_reminder/" in str(message["List-Unsubscribe"])


def test_a_beat_run_up_to_an_hour_late_still_reminds_once_and_a_later_one_does_not(
    smtp_server, run_task
):
    late = person("late", zone="Asia/Jakarta", at=time(23, 50))  # 16:50 UTC

    beat(run_task, datetime(2026, 11, 23, 17, 5, tzinfo=UTC))  # 00:05 the next local day
    assert OutboxEmail.objects.get(user=late).key == "daily:2026-11-23"

    early = person("early", zone="Asia/Jakarta", at=time(7, 0))
    beat(run_task, datetime(2026, 11, 23, 1, 1, tzinfo=UTC))  # 08:01 local: too late
    assert reminded(early) == 0


def test_the_next_day_brings_the_next_reminder(smtp_server, run_task):
    user = person("daily", zone="Asia/Jakarta", at=time(8, 0))

    beat(run_task, datetime(2026, 11, 23, 1, 0, tzinfo=UTC))
    beat(run_task, datetime(2026, 11, 24, 1, 0, tzinfo=UTC))

    assert sorted(OutboxEmail.objects.filter(user=user).values_list("key", flat=True)) == [
        "daily:2026-11-23",
        "daily:2026-11-24",
    ]
    assert len(smtp_server.messages) == 2


def test_no_reminder_without_a_chosen_time_or_after_logging_that_day(smtp_server, run_task):
    person("never", zone="Asia/Jakarta", at=None)
    logged = person("logged", zone="Asia/Jakarta", at=time(20, 0))
    with time_machine.travel(datetime(2026, 11, 23, 10, 0, tzinfo=UTC), tick=False):
        EpisodeFactory(user=logged)

    beat(run_task, datetime(2026, 11, 23, 13, 0, tzinfo=UTC))

    assert smtp_server.messages == []


def test_the_subject_is_in_indonesian_for_an_indonesian_reader(smtp_server, run_task):
    person("budi", zone="Asia/Jakarta", at=time(20, 0), language="id")

    beat(run_task, datetime(2026, 11, 23, 13, 0, tzinfo=UTC))

    assert smtp_server.messages[0]["Subject"] == "LegLog: bagaimana kaki Anda hari ini?"


def test_unsubscribing_clears_the_time_and_resubscribing_brings_it_back_at_eight_pm():
    user = person("quiet", zone="Asia/Jakarta", at=time(7, 15))

    email_unsubscribe(user=user, kind=KIND)
    assert Profile.objects.get(user=user).reminder_time is None

    email_resubscribe(user=user, kind=KIND)
    assert Profile.objects.get(user=user).reminder_time == time(20, 0)


def test_the_settings_page_saves_the_chosen_time(user):
    client = Client()
    client.force_login(user)
    page = client.get("/settings/")
    assert 'type="time"' in page.content.decode()
    data = {
        "email": user.email,
        "language": "en",
        "timezone": "Asia/Jakarta",
        "reminder_time": "06:45",
    }

    response = client.post("/settings/", data)

    assert response.status_code == 302
    assert Profile.objects.get(user=user).reminder_time == time(6, 45)
    client.post("/settings/", {**data, "reminder_time": ""})
    assert Profile.objects.get(user=user).reminder_time is None
