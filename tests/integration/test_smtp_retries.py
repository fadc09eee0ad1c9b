"""Figure 9: an SMTP server failing three times then recovering gets the email once;
one failing for good leaves the row ``failed`` with its error, shown in the admin.

A real worker delivers with the product's retry policy (autoretry, exponential back-off
with jitter, the outbox's ``MAX_ATTEMPTS``); only the waits are scaled down
(``FIGURES_RETRY_SCALE``) so that six attempts take seconds, not minutes.
"""

import pytest

from common.tasknames import TaskName
from notifications.models import OutboxEmail
from notifications.services import MAX_ATTEMPTS
from tests.factories import UserFactory
from tests.integration.conftest import wait_for
from tests.integration.processes import start_worker
from tests.integration.smtp import Flaky, serving

pytestmark = pytest.mark.integration

Status = OutboxEmail.Status
# 30 s x 2^n back-off becomes at most 0.5, 1, 2, 4, 8 s.
RETRY_SCALE = 1 / 60
SETTLED_WITHIN_SECONDS = 45


def urgent_alert(user):
    from django.utils import timezone

    from alerts.models import Alert

    return Alert.objects.create(
        created_at=timezone.now(),
        user=user,
        rule="emergency_symptoms",
        level="urgent",
        identity="episode:1",
        context={
            "date": "2026-11-20",
            "time": "07:30",
            "minutes": 25,
            "ongoing": False,
            "locations": ["calf"],
            "symptoms": ["nausea"],
        },
    )


def deliver_through_worker(web_publishes_to, tmp_path, failures):
    """Queue one urgent alert's email to a worker whose SMTP server fails ``failures``
    times (always when None); the settled outbox row and the server's handler."""
    from config.celery import app

    handler = Flaky(failures)
    with serving(handler) as port:
        worker = start_worker(
            web_publishes_to.url,
            tmp_path / "worker.log",
            pool="solo",
            FIGURES_SMTP_PORT=str(port),
            FIGURES_RETRY_SCALE=str(RETRY_SCALE),
        )
        try:
            alert = urgent_alert(UserFactory())
            app.send_task(TaskName.ALERT_EMAIL, args=[alert.id])
            settled = wait_for(
                lambda: OutboxEmail.objects.filter(
                    alert=alert, status__in=[Status.SENT, Status.FAILED]
                ).first(),
                seconds=SETTLED_WITHIN_SECONDS,
            )
        finally:
            worker.stop()
    assert settled, f"not settled in {SETTLED_WITHIN_SECONDS} s:\n{worker.output()[-4000:]}"
    return settled, handler, worker


@pytest.mark.django_db(transaction=True)
def test_smtp_failing_three_times_then_recovering_delivers_the_email_once(
    needs_postgresql, web_publishes_to, tmp_path, record_property
):
    row, handler, worker = deliver_through_worker(web_publishes_to, tmp_path, failures=3)

    record_property(
        "figure",
        f"smtp_flaky failures=3 attempts={handler.attempts} "
        f"delivered={len(handler.messages)} status={row.status} (target: delivered=1)",
    )
    assert row.status == Status.SENT
    assert len(handler.messages) == 1
    assert handler.attempts == 4
    assert row.attempts == 4
    assert "451" in row.last_error  # the admin shows that a retry was needed, and why
    assert worker.output().count("Retry in") == 3


@pytest.mark.django_db(transaction=True)
def test_smtp_failing_for_good_is_recorded_failed_and_shown_in_the_admin(
    needs_postgresql, web_publishes_to, tmp_path, client, record_property
):
    row, handler, _worker = deliver_through_worker(web_publishes_to, tmp_path, failures=None)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get("/admin/notifications/outboxemail/?status=failed")

    body = page.content.decode()
    shown = page.status_code == 200 and f"alert:{row.alert_id}" in body and "Failed" in body
    record_property(
        "figure",
        f"smtp_down_for_good attempts={handler.attempts} delivered={len(handler.messages)} "
        f"status={row.status} shown_in_admin={shown} (target: failed, shown)",
    )
    assert row.status == Status.FAILED
    assert row.attempts == handler.attempts == MAX_ATTEMPTS
    assert handler.messages == []
    assert "451" in row.last_error
    assert shown, body[-3000:]
