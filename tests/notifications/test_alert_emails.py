"""Alert emails against a real SMTP server: once, in the reader's language, with links."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from celery.signals import task_retry
from django.utils import timezone, translation

from notifications.models import OutboxEmail
from notifications.services import MAX_ATTEMPTS
from notifications.tasks import alert_email_task, outbox_deliver_task, outbox_sweep_task
from tests.notifications.conftest import html_part, text_part

pytestmark = pytest.mark.django_db

Status = OutboxEmail.Status


def wording(alert, language):
    """Title, what was seen and what to do, as the alert page shows them."""
    from alerts import messages

    with translation.override(language):
        advice = messages.alert_advice(alert)
        seen = messages.alert_message(alert).removesuffix(advice).strip()
        return messages.alert_title(alert), seen, advice


def test_urgent_alert_sends_exactly_one_email_to_the_owner_in_english(
    user, make_alert, smtp_server
):
    alert = make_alert(user, level="urgent")

    alert_email_task.delay(alert.id)

    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert smtp_server.inbox.envelopes[0][1] == [user.email]
    assert message["To"] == user.email
    assert message["Subject"] == "LegLog: please seek medical help now"
    assert message["Content-Language"] == "en"
    title, seen, advice = wording(alert, "en")
    text = text_part(message)
    assert title in text
    assert seen in text
    assert advice in text
    assert text.count(advice) == 1
    assert "call 112" in text
    assert f"https://leglog.example/alerts/{alert.id}/" in text
    assert f'href="https://leglog.example/alerts/{alert.id}/"' in html_part(message)


def test_urgent_alert_email_carries_one_click_unsubscribe_headers(user, make_alert, smtp_server):
    alert = make_alert(user, level="urgent")

    alert_email_task.delay(alert.id)

    message = smtp_server.messages[0]
    header = str(message["List-Unsubscribe"]).strip()
    assert header.startswith("<https://leglog.example/email/unsubscribe/alert/")
    assert header.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header[1:-1] in text_part(message)
    assert urlsplit(header[1:-1]).path.startswith("/email/unsubscribe/alert/")


def test_urgent_alert_email_is_in_indonesian_for_an_indonesian_reader(
    user, make_alert, smtp_server
):
    user.profile.language = "id"
    user.profile.save()
    alert = make_alert(user, level="urgent")

    alert_email_task.delay(alert.id)

    message = smtp_server.messages[0]
    assert message["Subject"] == "LegLog: segera cari pertolongan medis"
    assert message["Content-Language"] == "id"
    title, seen, advice = wording(alert, "id")
    text = text_part(message)
    assert title in text
    assert seen in text
    assert advice in text
    assert "112" in text
    assert "Berhenti berlangganan" in text


@pytest.mark.parametrize(
    ("language", "subject", "seek_help"),
    [
        ("en", "LegLog: please seek medical help now", "Seek emergency care now: call 112"),
        ("id", "LegLog: segera cari pertolongan medis", "hubungi 112"),
    ],
)
def test_possible_cauda_equina_alert_email_says_what_was_seen_and_to_call_the_number(
    user, make_alert, smtp_server, language, subject, seek_help
):
    user.profile.language = language
    user.profile.save()
    alert = make_alert(
        user,
        rule="possible_cauda_equina",
        saddle=True,
        symptoms=["difficulty_urinating"],
        lower_back=True,
        both_sides=False,
    )

    alert_email_task.delay(alert.id)

    [message] = smtp_server.messages
    assert message["Subject"] == subject
    title, seen, advice = wording(alert, language)
    text = text_part(message)
    assert title in text
    assert seen in text
    assert text.count(advice) == 1
    assert seek_help in text
    assert "NHS" in seen


def test_see_doctor_alert_subject_asks_to_see_a_doctor_without_symptom_details(
    user, make_alert, smtp_server
):
    alert = make_alert(user, level="see_doctor", rule="prolonged_tingling")

    alert_email_task.delay(alert.id)

    message = smtp_server.messages[0]
    assert message["Subject"] == "LegLog: please consider seeing a doctor"
    assert "Seek medical help now" not in text_part(message)


def test_watch_alert_sends_no_email(user, make_alert, smtp_server):
    alert = make_alert(user, level="watch", rule="recurring_with_activity", activity="running")

    alert_email_task.delay(alert.id)

    assert smtp_server.messages == []
    assert not OutboxEmail.objects.exists()


def test_alert_email_is_not_sent_when_alert_emails_are_off(user, make_alert, smtp_server):
    user.profile.email_alerts = False
    user.profile.save()
    alert = make_alert(user, level="urgent")

    alert_email_task.delay(alert.id)

    assert smtp_server.messages == []
    assert OutboxEmail.objects.get().status == Status.SKIPPED


def test_alert_email_task_run_twice_sends_one_email(user, make_alert, smtp_server):
    alert = make_alert(user, level="urgent")

    alert_email_task.delay(alert.id)
    alert_email_task.delay(alert.id)
    outbox_deliver_task.delay(OutboxEmail.objects.get().id)

    assert len(smtp_server.messages) == 1
    row = OutboxEmail.objects.get()
    assert (row.status, row.attempts, row.key) == (Status.SENT, 1, f"alert:{alert.id}")


def test_alert_email_for_a_deleted_alert_is_quietly_nothing(user, make_alert, smtp_server):
    alert = make_alert(user)
    alert_id = alert.id
    alert.delete()

    alert_email_task.delay(alert_id)

    assert smtp_server.messages == []


def test_alert_email_arrives_once_after_the_smtp_server_comes_back(
    user, make_alert, smtp_down, eager_retries
):
    alert = make_alert(user, level="urgent")
    retries = []

    def server_comes_back(request=None, reason=None, **kwargs):
        retries.append(str(reason))
        smtp_down.start()

    task_retry.connect(server_comes_back, weak=False)
    try:
        alert_email_task.delay(alert.id)
    finally:
        task_retry.disconnect(server_comes_back)

    assert len(retries) == 1
    assert "Connection refused" in retries[0] or "Errno" in retries[0]
    assert len(smtp_down.messages) == 1
    row = OutboxEmail.objects.get()
    assert (row.status, row.attempts) == (Status.SENT, 2)
    assert row.last_error.startswith("ConnectionRefusedError")


def test_alert_email_fails_with_its_error_after_the_last_attempt_and_stays_failed(
    user, make_alert, smtp_down, eager_retries
):
    alert = make_alert(user, level="urgent")

    alert_email_task.delay(alert.id)
    smtp_down.start()
    alert_email_task.delay(alert.id)

    assert smtp_down.messages == []
    row = OutboxEmail.objects.get()
    assert (row.status, row.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    assert "ConnectionRefusedError" in row.last_error


def test_sweep_sends_the_email_of_an_alert_whose_task_was_lost(
    user, make_alert, smtp_server, run_task
):
    alert = make_alert(user, level="see_doctor", rule="prolonged_tingling")

    with time_machine.travel(alert.created_at + timedelta(minutes=1), tick=False):
        run_task(outbox_sweep_task)
    assert smtp_server.messages == []

    with time_machine.travel(alert.created_at + timedelta(minutes=5), tick=False):
        run_task(outbox_sweep_task)
        run_task(outbox_sweep_task)

    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["Subject"] == "LegLog: please consider seeing a doctor"


def test_email_left_sending_by_a_dead_worker_is_resent_with_the_same_message_id(
    user, make_alert, smtp_server, run_task
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        alert = make_alert(user, level="urgent")
        alert_email_task.delay(alert.id)
        # The worker died after the server took the message, before marking the row sent.
        OutboxEmail.objects.update(status=Status.SENDING, claimed_at=start, sent_at=None)

    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        run_task(outbox_sweep_task)
    assert len(smtp_server.messages) == 1

    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        run_task(outbox_sweep_task)
        run_task(outbox_sweep_task)

    first, second = smtp_server.messages
    assert first["Message-ID"] == second["Message-ID"]
    assert OutboxEmail.objects.get().status == Status.SENT


def test_logging_an_episode_with_nausea_emails_the_urgent_alert_once(
    user, smtp_server, django_capture_on_commit_callbacks
):
    from symptoms.services import episode_create

    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        episode_create(
            user=user,
            started_at=now - timedelta(minutes=20),
            ended_at=now - timedelta(minutes=5),
            sensations=["tingling"],
            locations=["calf"],
            accompanying=["nausea"],
        )

    assert [m["Subject"] for m in smtp_server.messages] == ["LegLog: please seek medical help now"]
    alert = user.alerts.get()
    assert f"https://leglog.example/alerts/{alert.id}/" in text_part(smtp_server.messages[0])
