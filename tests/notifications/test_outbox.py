"""The outbox: one email per (user, kind, key) even when workers race; visible in the admin."""

import threading
import time

import pytest
from django.db import connection

from notifications.models import OutboxEmail
from notifications.outbox import outbox_ensure
from notifications.services import outbox_deliver

Status = OutboxEmail.Status


class SlowInbox:
    """Holds each message a moment, so a second worker arrives while the first is sending."""

    def __init__(self, inbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
        import asyncio

        await asyncio.sleep(0.3)
        return await self.inbox.handle_DATA(server, session, envelope)


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database cannot take writes from two threads",
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_the_same_email_at_once_send_it_once(user, make_alert, smtp_down):
    from aiosmtpd.controller import Controller

    smtp_down.controller = Controller(
        SlowInbox(smtp_down.inbox), hostname="127.0.0.1", port=smtp_down.port
    )
    smtp_down.controller.start()
    alert = make_alert(user, level="urgent")
    row = outbox_ensure(user=user, kind="alert", key=f"alert:{alert.id}", alert=alert)
    start = threading.Barrier(2)
    errors = []

    def worker():
        try:
            start.wait()
            outbox_deliver(outbox_id=row.id)
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    time.sleep(0.1)

    assert errors == []
    assert len(smtp_down.messages) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 1)


@pytest.mark.django_db
def test_the_same_email_queued_twice_is_one_outbox_row_with_one_message_id(user):
    first = outbox_ensure(user=user, kind="digest", key="digest:2026-W47")
    second = outbox_ensure(user=user, kind="digest", key="digest:2026-W47")

    assert first.pk == second.pk
    assert OutboxEmail.objects.count() == 1
    assert first.message_id.startswith("<")
    assert first.message_id.endswith(">")


@pytest.mark.django_db
def test_admin_lists_status_attempts_and_last_error(
    admin_client, user, make_alert, smtp_down, eager_retries
):
    from notifications.tasks import alert_email_task

    alert_email_task.delay(make_alert(user, level="urgent").id)

    page = admin_client.get("/admin/notifications/outboxemail/")

    assert page.status_code == 200
    body = page.content.decode()
    assert "Failed" in body
    assert "ConnectionRefusedError" in body
    assert f"alert:{OutboxEmail.objects.get().alert_id}" in body


@pytest.mark.django_db
def test_admin_retry_sends_a_failed_email_once_the_server_is_back(
    admin_client, user, make_alert, smtp_down, eager_retries, django_capture_on_commit_callbacks
):
    from notifications.tasks import alert_email_task

    alert_email_task.delay(make_alert(user, level="urgent").id)
    row = OutboxEmail.objects.get()
    smtp_down.start()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/notifications/outboxemail/",
            {"action": "retry_failed", "_selected_action": [row.id]},
        )

    row.refresh_from_db()
    assert row.status == Status.SENT
    assert len(smtp_down.messages) == 1
