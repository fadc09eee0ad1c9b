"""Weekly digest: Monday 08:00 in each person's own time zone, never for an empty week."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from notifications.models import OutboxEmail
from notifications.tasks import digests_due_task
from tests.factories import EpisodeFactory, UserFactory, WorkoutFactory
from tests.notifications.conftest import html_part, text_part

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")  # UTC+7
NEW_YORK = ZoneInfo("America/New_York")  # UTC-5 in November
# Monday 23 Nov 2026; the digest covers Monday 16 to Sunday 22 November.
MONDAY = datetime(2026, 11, 23)


def person(zone, *, language="en", **switches):
    user = UserFactory()
    profile = user.profile
    profile.timezone = zone.key
    profile.language = language
    for name, value in switches.items():
        setattr(profile, name, value)
    profile.save()
    return user


def busy_week(user, zone):
    """A workout and a 40-minute episode on Wednesday 18 November, local time."""
    start = datetime(2026, 11, 18, 18, 0, tzinfo=zone)
    workout = WorkoutFactory(user=user, started_at=start, duration_minutes=50)
    EpisodeFactory(
        user=user,
        workout=workout,
        started_at=start + timedelta(minutes=40),
        ended_at=start + timedelta(minutes=80),
    )


def beat(run_task, at):
    with time_machine.travel(at, tick=False):
        run_task(digests_due_task)


def recipients(smtp_server):
    return [m["To"] for m in smtp_server.messages]


def test_digest_goes_out_at_eight_on_monday_in_jakarta_and_in_new_york(smtp_server, run_task):
    jakarta, new_york = person(JAKARTA), person(NEW_YORK)
    busy_week(jakarta, JAKARTA)
    busy_week(new_york, NEW_YORK)

    beat(run_task, datetime(2026, 11, 23, 0, 59, tzinfo=UTC))  # Jakarta 07:59
    assert recipients(smtp_server) == []

    beat(run_task, datetime(2026, 11, 23, 1, 0, tzinfo=UTC))  # Jakarta 08:00, NY Sun 20:00
    assert recipients(smtp_server) == [jakarta.email]

    beat(run_task, datetime(2026, 11, 23, 12, 59, tzinfo=UTC))  # NY 07:59
    assert recipients(smtp_server) == [jakarta.email]

    beat(run_task, datetime(2026, 11, 23, 13, 0, tzinfo=UTC))  # NY 08:00
    assert recipients(smtp_server) == [jakarta.email, new_york.email]


def test_beat_twice_in_the_same_minute_sends_one_digest(smtp_server, run_task):
    jakarta = person(JAKARTA)
    busy_week(jakarta, JAKARTA)
    at = datetime(2026, 11, 23, 1, 15, tzinfo=UTC)

    beat(run_task, at)
    beat(run_task, at)
    beat(run_task, at + timedelta(minutes=30))

    assert recipients(smtp_server) == [jakarta.email]
    assert OutboxEmail.objects.get().key == "digest:2026-W47"


def test_digest_counts_the_local_week_only(smtp_server, run_task):
    jakarta = person(JAKARTA)
    busy_week(jakarta, JAKARTA)
    # Sunday 23:30 in Jakarta is last week; Monday 00:30 in Jakarta is this week,
    # though both are Sunday in UTC.
    WorkoutFactory(user=jakarta, started_at=datetime(2026, 11, 22, 23, 30, tzinfo=JAKARTA))
    WorkoutFactory(user=jakarta, started_at=datetime(2026, 11, 23, 0, 30, tzinfo=JAKARTA))

    beat(run_task, datetime(2026, 11, 23, 1, 5, tzinfo=UTC))

    text = text_part(smtp_server.messages[0])
    assert "Workouts: 2 (95 min)" in text
    assert "Episodes of symptoms logged: 1" in text
    assert "Minutes with symptoms: 40" in text
    assert "https://leglog.example/reports/" in text
    assert 'href="https://leglog.example/reports/"' in html_part(smtp_server.messages[0])
    assert smtp_server.messages[0]["Subject"] == ("LegLog: your week, 16 Nov to 22 Nov 2026")


def test_digest_lists_new_and_open_alerts_including_watch(smtp_server, run_task, make_alert):
    jakarta = person(JAKARTA)
    old = make_alert(
        jakarta,
        level="see_doctor",
        rule="prolonged_tingling",
        created_at=datetime(2026, 11, 10, tzinfo=UTC),
    )
    acknowledged = make_alert(
        jakarta,
        level="see_doctor",
        rule="prolonged_tingling",
        created_at=datetime(2026, 11, 11, tzinfo=UTC),
    )
    acknowledged.acknowledged_at = datetime(2026, 11, 12, tzinfo=UTC)
    acknowledged.save()
    watch = make_alert(
        jakarta,
        level="watch",
        rule="recurring_with_activity",
        activity="running",
        created_at=datetime(2026, 11, 19, tzinfo=UTC),
    )

    beat(run_task, datetime(2026, 11, 23, 1, 5, tzinfo=UTC))

    text = text_part(smtp_server.messages[0])
    new_part, open_part = text.split("Earlier alerts still open:")
    assert f"/alerts/{watch.id}/" in new_part
    assert "Worth watching" in new_part
    assert f"/alerts/{old.id}/" in open_part
    assert f"/alerts/{acknowledged.id}/" not in text


def test_digest_is_in_indonesian_for_an_indonesian_reader(smtp_server, run_task):
    jakarta = person(JAKARTA, language="id")
    busy_week(jakarta, JAKARTA)

    beat(run_task, datetime(2026, 11, 23, 1, 5, tzinfo=UTC))

    message = smtp_server.messages[0]
    assert message["Subject"] == ("LegLog: ringkasan minggu Anda, 16 Nov sampai 22 Nov 2026")
    assert "Latihan: 1 (50 menit)" in text_part(message)


def test_no_digest_for_an_empty_week(smtp_server, run_task):
    jakarta = person(JAKARTA)
    WorkoutFactory(user=jakarta, started_at=datetime(2026, 11, 10, 7, 0, tzinfo=JAKARTA))

    beat(run_task, datetime(2026, 11, 23, 1, 5, tzinfo=UTC))

    assert smtp_server.messages == []
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SKIPPED


def test_people_who_turned_the_digest_off_get_none(smtp_server, run_task):
    jakarta = person(JAKARTA, weekly_digest=False)
    busy_week(jakarta, JAKARTA)

    beat(run_task, datetime(2026, 11, 23, 1, 5, tzinfo=UTC))

    assert smtp_server.messages == []
    assert not OutboxEmail.objects.exists()


def test_digest_costs_the_same_queries_for_a_quiet_and_a_busy_week(smtp_server, make_alert):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from notifications.outbox import outbox_ensure
    from notifications.services import outbox_deliver

    def queries_for(user):
        row = outbox_ensure(user=user, kind="digest", key="digest:2026-W47")
        with (
            time_machine.travel(datetime(2026, 11, 23, 1, 5, tzinfo=UTC), tick=False),
            CaptureQueriesContext(connection) as captured,
        ):
            outbox_deliver(outbox_id=row.id)
        return len(captured)

    quiet, busy = person(JAKARTA), person(JAKARTA)
    busy_week(quiet, JAKARTA)
    for day in range(16, 23):
        busy_week(busy, JAKARTA)
        make_alert(
            busy,
            level="watch",
            rule="recurring_with_activity",
            activity="running",
            created_at=datetime(2026, 11, day, 12, tzinfo=UTC),
        )

    assert queries_for(quiet) == queries_for(busy)
    assert len(smtp_server.messages) == 2
