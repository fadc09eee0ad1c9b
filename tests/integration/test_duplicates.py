"""Figure 8: the same evaluation queued 10 times at once gives one alert and one email;
two beats running side by side for three periods send no email twice.

Real workers (prefork, several processes) on a private Redis, mail to a local aiosmtpd.
The beats are two ``celery -A config beat`` processes with their own schedule files and
every entry's interval cut to a few seconds (``FIGURES_BEAT_SECONDS``).
"""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from alerts.models import Alert
from common.tasknames import TaskName
from notifications.models import OutboxEmail
from tests.factories import EpisodeFactory, UserFactory, WorkoutFactory
from tests.integration.conftest import wait_for
from tests.integration.processes import start_beat, start_worker
from tests.integration.smtp import Flaky, serving

pytestmark = pytest.mark.integration

Status = OutboxEmail.Status
QUEUED = 10
CONCURRENCY = "3"
BEAT_SECONDS = 3
PERIODS = 3
WITHIN_SECONDS = 40
ENTRIES = len(settings.CELERY_BEAT_SCHEDULE)


def sends(beat) -> int:
    return beat.output().count("Sending due task")


def finished(log: str, task: str) -> int:
    return sum(f"Task {task}[" in line and "succeeded" in line for line in log.splitlines())


def settled() -> bool:
    return not OutboxEmail.objects.filter(status__in=[Status.PENDING, Status.SENDING]).exists()


def doubled_alerts() -> int:
    return (
        Alert.objects.values("user", "rule", "identity").annotate(n=Count("id")).filter(n__gt=1)
    ).count()


@pytest.mark.django_db(transaction=True)
def test_the_same_evaluation_queued_10_times_at_once_gives_one_alert_and_one_email(
    needs_postgresql, web_publishes_to, tmp_path, record_property
):
    from config.celery import app

    inbox = Flaky(failures=0)
    with serving(inbox) as port:
        worker = start_worker(
            web_publishes_to.url,
            tmp_path / "worker.log",
            concurrency=int(CONCURRENCY),
            FIGURES_SMTP_PORT=str(port),
        )
        try:
            user = UserFactory()
            EpisodeFactory(user=user, accompanying=["nausea"])
            for _ in range(QUEUED):
                app.send_task(TaskName.EVALUATE_USER, args=[user.id])
            ran = wait_for(
                lambda: finished(worker.output(), TaskName.EVALUATE_USER) == QUEUED
                and OutboxEmail.objects.filter(user=user, status=Status.SENT).exists()
                and settled(),
                seconds=WITHIN_SECONDS,
            )
            time.sleep(1)  # an extra email task, if any, would finish meanwhile
        finally:
            worker.stop()

    alerts = Alert.objects.filter(user=user).count()
    record_property(
        "figure",
        f"evaluation_queued_10x evaluations_run={finished(worker.output(), TaskName.EVALUATE_USER)}"
        f" alerts={alerts} emails={len(inbox.messages)} (target: 1 alert, 1 email)",
    )
    assert ran, worker.output()[-4000:]
    assert alerts == 1
    assert doubled_alerts() == 0
    assert len(inbox.messages) == 1


def people_with_an_email_due(now):
    """One person for each email kind beat can make now (the digest is due on Mondays
    only): an urgent alert whose email task was lost, an alert 3 days old and not
    acknowledged, a workout 2 hours ago without an answer, a daily reminder time just
    passed."""
    lost = UserFactory()
    Alert.objects.create(
        user=lost,
        rule="emergency_symptoms",
        level="urgent",
        identity="episode:1",
        context={"symptoms": ["nausea"], "locations": ["calf"], "minutes": 20},
        created_at=now - timedelta(minutes=5),
    )
    unanswered = UserFactory()
    Alert.objects.create(
        user=unanswered,
        rule="prolonged_tingling",
        level="see_doctor",
        identity="episode:1",
        context={"locations": ["calf"], "minutes": 90},
        created_at=now - timedelta(days=3, hours=1),
    )
    walker = UserFactory()
    walker.profile.log_reminders = True  # opt-in
    walker.profile.save()
    workout = WorkoutFactory(user=walker, started_at=now - timedelta(hours=3), duration_minutes=40)
    type(workout).objects.filter(pk=workout.pk).update(created_at=now - timedelta(hours=3))
    reminded = UserFactory()
    reminded.profile.reminder_time = (now - timedelta(minutes=10)).time()
    reminded.profile.timezone = "UTC"
    reminded.profile.save()
    return {"alert": lost, "follow_up": unanswered, "log_reminder": walker, "daily": reminded}


@pytest.mark.django_db(transaction=True)
def test_two_beats_for_three_periods_send_no_email_twice(
    needs_postgresql, web_publishes_to, tmp_path, record_property
):
    due = people_with_an_email_due(timezone.now())
    inbox = Flaky(failures=0)
    with serving(inbox) as port:
        options = {"FIGURES_SMTP_PORT": str(port), "FIGURES_BEAT_SECONDS": str(BEAT_SECONDS)}
        worker = start_worker(
            web_publishes_to.url, tmp_path / "worker.log", concurrency=2, **options
        )
        beats = []
        try:
            for name in ("beat-a", "beat-b"):
                beats.append(
                    start_beat(
                        web_publishes_to.url,
                        tmp_path / f"{name}.log",
                        tmp_path / f"{name}-schedule",
                        **options,
                    )
                )
            # Three periods each, counted in what the beats sent, not guessed from a clock.
            wait_for(
                lambda: all(sends(beat) >= PERIODS * ENTRIES for beat in beats),
                seconds=BEAT_SECONDS * PERIODS + WITHIN_SECONDS,
            )
            for beat in beats:
                beat.stop()
            drained = wait_for(
                lambda: len(inbox.messages) >= len(due) and settled(), seconds=WITHIN_SECONDS
            )
            time.sleep(2)  # a duplicate still queued would be sent meanwhile
        finally:
            for beat in beats:
                beat.stop()
            worker.stop()

    sent = [sends(beat) for beat in beats]
    ids = Counter(message["Message-ID"] for message in inbox.messages)
    per_person = Counter(message["To"] for message in inbox.messages)
    duplicates = sum(n - 1 for n in ids.values()) + sum(n - 1 for n in per_person.values())
    record_property(
        "figure",
        f"two_beats periods={PERIODS} beat_sends={'+'.join(map(str, sent))} "
        f"emails={len(inbox.messages)} kinds_due={len(due)} duplicates={duplicates} "
        f"digests_due=0 (a digest is due on Mondays only) (target: duplicates=0)",
    )
    rows = list(OutboxEmail.objects.values_list("kind", "status", "note", "last_error"))
    assert drained, rows
    assert all(n >= PERIODS * ENTRIES for n in sent), [beat.output()[-2000:] for beat in beats]
    assert duplicates == 0
    assert sorted(per_person) == sorted(user.email for user in due.values())
    assert doubled_alerts() == 0
