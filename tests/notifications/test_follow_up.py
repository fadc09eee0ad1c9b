"""Follow-up: one reminder for an alert still unacknowledged 3 days after it was raised."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from notifications.models import OutboxEmail
from notifications.tasks import follow_ups_due_task
from tests.notifications.conftest import text_part

pytestmark = pytest.mark.django_db

RAISED = datetime(2026, 11, 20, 9, 15, tzinfo=UTC)


def hourly_beat(run_task, at):
    with time_machine.travel(at, tick=False):
        run_task(follow_ups_due_task)


def test_unacknowledged_alert_gets_one_follow_up_three_days_later(
    user, make_alert, smtp_server, run_task
):
    alert = make_alert(user, level="see_doctor", rule="prolonged_tingling", created_at=RAISED)

    hourly_beat(run_task, RAISED + timedelta(days=3) - timedelta(minutes=1))
    assert smtp_server.messages == []

    hourly_beat(run_task, RAISED + timedelta(days=3, minutes=45))
    hourly_beat(run_task, RAISED + timedelta(days=3, minutes=45))
    hourly_beat(run_task, RAISED + timedelta(days=3, hours=1, minutes=45))

    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["Subject"] == "LegLog: a reminder to book a visit to a doctor"
    assert f"https://leglog.example/alerts/{alert.id}/" in text_part(message)
    assert "/email/unsubscribe/follow_up/" in str(message["List-Unsubscribe"])
    assert OutboxEmail.objects.get(kind="follow_up").key == f"alert:{alert.id}"


def test_urgent_follow_up_names_the_emergency_number_in_indonesian(
    user, make_alert, smtp_server, run_task
):
    user.profile.language = "id"
    user.profile.save()
    make_alert(user, level="urgent", created_at=RAISED)

    hourly_beat(run_task, RAISED + timedelta(days=3, minutes=5))

    message = smtp_server.messages[0]
    assert message["Subject"] == "LegLog: menanyakan kabar Anda setelah peringatan darurat"
    assert "112" in text_part(message)


def test_acknowledged_alert_gets_no_follow_up(user, make_alert, smtp_server, run_task):
    alert = make_alert(user, level="urgent", created_at=RAISED)
    alert.acknowledged_at = RAISED + timedelta(days=1)
    alert.save()

    hourly_beat(run_task, RAISED + timedelta(days=3, minutes=5))

    assert smtp_server.messages == []


def test_alert_acknowledged_after_the_follow_up_was_queued_is_not_reminded(
    user, make_alert, smtp_server, django_capture_on_commit_callbacks
):
    from notifications.kinds import follow_up
    from notifications.tasks import outbox_deliver_task

    alert = make_alert(user, level="urgent", created_at=RAISED)
    with time_machine.travel(RAISED + timedelta(days=3, minutes=5), tick=False):
        (row,) = follow_up.plan(now=RAISED + timedelta(days=3, minutes=5))
        alert.acknowledged_at = RAISED + timedelta(days=3, minutes=6)
        alert.save()
        outbox_deliver_task.delay(row.id)

    assert smtp_server.messages == []
    assert OutboxEmail.objects.get(kind="follow_up").status == OutboxEmail.Status.SKIPPED


def test_watch_alerts_and_opted_out_people_get_no_follow_up(
    user, other_user, make_alert, smtp_server, run_task
):
    make_alert(user, level="watch", rule="recurring_with_activity", created_at=RAISED)
    other_user.profile.email_alerts = False
    other_user.profile.save()
    make_alert(other_user, level="urgent", created_at=RAISED)

    hourly_beat(run_task, RAISED + timedelta(days=3, minutes=5))

    assert smtp_server.messages == []
