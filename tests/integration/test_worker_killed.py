"""Figure 7: a worker SIGKILLed in the middle of sending an urgent alert's email leaves
exactly one alert per identity and, in the end, one email per alert.

The SMTP server holds the first message (as a slow provider does) so that the kill lands
mid-task, with no product code patched. The whole worker (main process and pool child)
is killed at once, so nothing acknowledges or rejects the task; Redis hands it to the
new worker after the visibility timeout (``acks_late``; one hour in production,
5 s here). The
redelivered task finds the row claimed by the dead worker and leaves it (SMTP cannot
say whether the server kept the message); the outbox sweep resends it once the claim is
stale (15 minutes; the test ages the claim rather than waiting).
"""

import time
from datetime import timedelta

import pytest
from django.db.models import Count, F

from alerts.models import Alert
from common.tasknames import TaskName
from notifications.models import OutboxEmail
from notifications.selectors import STALE_CLAIM
from tests.factories import EpisodeFactory, UserFactory
from tests.integration.conftest import wait_for
from tests.integration.processes import start_worker
from tests.integration.smtp import Stalling, serving

pytestmark = pytest.mark.integration

Status = OutboxEmail.Status
VISIBILITY_SECONDS = "5"
# A consumer restores unacknowledged tasks older than the visibility timeout when it
# connects (then only every 100 s): the new worker starts once the timeout has passed.
REDELIVERED_WITHIN_SECONDS = 20
WITHIN_SECONDS = 30


def done(log: str, task: str) -> bool:
    return any(f"Task {task}[" in line and "succeeded" in line for line in log.splitlines())


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_email_leaves_one_alert_and_one_email(
    needs_postgresql, web_publishes_to, tmp_path, record_property
):
    from config.celery import app

    handler = Stalling(seconds=30)
    with serving(handler) as port:
        options = {
            "FIGURES_SMTP_PORT": str(port),
            "FIGURES_VISIBILITY_SECONDS": VISIBILITY_SECONDS,
        }
        first = start_worker(web_publishes_to.url, tmp_path / "first.log", **options)
        second = None
        try:
            user = UserFactory()
            EpisodeFactory(user=user, accompanying=["nausea"])
            app.send_task(TaskName.EVALUATE_USER, args=[user.id])
            assert wait_for(lambda: handler.attempts >= 1, seconds=WITHIN_SECONDS), first.output()

            first.kill_group()
            assert wait_for(lambda: handler.dropped == 1, seconds=WITHIN_SECONDS)
            time.sleep(float(VISIBILITY_SECONDS) + 1)
            second = start_worker(web_publishes_to.url, tmp_path / "second.log", **options)
            redelivered = wait_for(
                lambda: done(second.output(), TaskName.ALERT_EMAIL),
                seconds=REDELIVERED_WITHIN_SECONDS,
            )
            # The dead worker's claim is fresh: the redelivered task must not send.
            sent_by_redelivery = len(handler.messages)

            # 15 minutes later, as the outbox sweep sees the dead worker's claim.
            row = OutboxEmail.objects.get(user=user, kind=OutboxEmail.Kind.ALERT)
            OutboxEmail.objects.filter(pk=row.pk).update(
                claimed_at=F("claimed_at") - STALE_CLAIM - timedelta(minutes=1)
            )
            app.send_task(TaskName.OUTBOX_SWEEP)
            sent = wait_for(
                lambda: OutboxEmail.objects.filter(pk=row.pk, status=Status.SENT).exists(),
                seconds=WITHIN_SECONDS,
            )
        finally:
            first.stop()
            if second is not None:
                second.stop()

    alerts = Alert.objects.filter(user=user)
    doubled = alerts.values("rule", "identity").annotate(n=Count("id")).filter(n__gt=1).count()
    row.refresh_from_db()
    record_property(
        "figure",
        f"worker_sigkill alerts={alerts.count()} doubled_identities={doubled} "
        f"emails={len(handler.messages)} unacknowledged_sends={handler.dropped} "
        f"redelivered={bool(redelivered)} (target: 1 alert per identity, 1 email per alert)",
    )
    assert redelivered, second.output()[-4000:] if second else ""
    assert sent, (second.output() if second else "")[-4000:]
    assert alerts.count() == 1
    assert doubled == 0
    assert len(handler.messages) == 1
    assert handler.dropped == 1
    assert sent_by_redelivery == 0
    assert row.attempts == 2
