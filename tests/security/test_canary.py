"""Figure 10: a canary written in the notes of episodes and workouts, through the API and
the page forms, then carried through the evaluation and every kind of email, appears
0 times in the logs (every logger, DEBUG), the published task messages, the email
subjects and headers, the outbox rows and every URL produced.

Celery publishes here for real, to kombu's in-memory transport: the messages are read
off the queue as a worker would, scanned, and run, until the queue is empty.
"""

import logging
import queue
import uuid
from datetime import timedelta
from typing import Any

import pytest
from celery.signals import before_task_publish
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from alerts.models import Alert
from notifications.kinds import digest, follow_up, log_reminder
from notifications.models import OutboxEmail
from tests.factories import UserFactory
from tests.security.canary import episode_bodies, occurrences, urls_in, workout_body
from tests.security.people import report
from tracker.models import Workout

pytestmark = pytest.mark.django_db


class MemoryBroker:
    """Celery pointed at ``memory://`` with eager execution off; ``drain()`` plays worker."""

    def __init__(self, run_on_commit: Any) -> None:
        from config.celery import app

        self.app = app
        self.run_on_commit = run_on_commit
        self.published: list[dict[str, Any]] = []  # what before_task_publish saw
        self.raw: list[bytes] = []  # the message bodies as they sat on the queue
        self.ran: list[str] = []

    def __enter__(self) -> "MemoryBroker":
        keys = ("CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_TRANSPORT_OPTIONS")
        self.saved = {key: self.app.conf.get(key) for key in keys}
        self.app.conf.update(
            CELERY_BROKER_URL=f"memory://canary-{uuid.uuid4().hex}",
            CELERY_TASK_ALWAYS_EAGER=False,
            CELERY_BROKER_TRANSPORT_OPTIONS={},
        )
        self.app._after_fork()
        before_task_publish.connect(self._seen, weak=False)
        return self

    def __exit__(self, *exc: object) -> None:
        before_task_publish.disconnect(self._seen)
        self.app.conf.update(self.saved)
        self.app._after_fork()

    def _seen(self, sender: Any = None, body: Any = None, headers: Any = None, **kw: Any) -> None:
        self.published.append({"task": sender, "body": body, "headers": headers})

    def drain(self, limit: int = 200) -> None:
        """Take each message off the queue and run its task, until none is left."""
        with self.app.connection_for_read() as connection:
            tasks = connection.SimpleQueue("celery")
            for _ in range(limit):
                try:
                    message = tasks.get(block=False)
                except queue.Empty:
                    return
                self.raw.append(message.body)
                name = message.headers["task"]
                args, kwargs, _embed = message.payload
                with self.run_on_commit(execute=True):
                    self.app.tasks[name].apply(args=args, kwargs=kwargs, throw=True)
                self.ran.append(name)
                message.ack()
            tasks.close()
        raise AssertionError(f"the queue did not empty in {limit} tasks")


@pytest.fixture
def broker(django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://leglog.example"
    with MemoryBroker(django_capture_on_commit_callbacks) as memory:
        yield memory


def test_a_canary_in_the_notes_shows_nowhere_but_in_the_notes(
    broker, caplog, capsys, django_capture_on_commit_callbacks, record_property
):
    caplog.set_level(logging.DEBUG)
    canary = f"canary{uuid.uuid4().hex}"
    now = timezone.now()
    person = UserFactory()
    person.profile.log_reminders = True
    person.profile.save()
    token, _ = Token.objects.get_or_create(user=person)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    web = Client()
    web.force_login(person)
    answers: list[Any] = []

    def write(client: Client, method: str, url: str, body: Any, **kw: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            response = getattr(client, method)(url, body, **kw)
        answers.append(response)
        broker.drain()
        return response

    # Through the API: a workout, two episodes (one links the workout), a change, a refusal.
    workout = write(
        api, "post", "/api/v1/workouts/", workout_body(canary, now), content_type="application/json"
    )
    assert workout.status_code == 201, workout.content
    urgent, prolonged = episode_bodies(canary, now)
    for body in (dict(urgent, workout=workout.json()["id"]), prolonged):
        created = write(api, "post", "/api/v1/episodes/", body, content_type="application/json")
        assert created.status_code == 201, created.content
    write(
        api,
        "patch",
        f"/api/v1/workouts/{workout.json()['id']}/",
        {"notes": f"api changed {canary}"},
        content_type="application/json",
    )
    refused = write(
        api,
        "post",
        "/api/v1/episodes/",
        dict(
            prolonged, started_at=now.isoformat(), ended_at=(now - timedelta(hours=1)).isoformat()
        ),
        content_type="application/json",
    )
    assert refused.status_code == 400
    share = write(
        api, "post", "/api/v1/share-links/", {"expires_in_days": 3}, content_type="application/json"
    )
    assert share.status_code == 201

    # Through the page forms: a workout left unanswered (for the log reminder) and an episode.
    local = timezone.localtime(now - timedelta(hours=30))
    page_workout = write(
        web,
        "post",
        "/workouts/new/",
        {
            "activity": "running",
            "started_at": local.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 30,
            "notes": f"web workout {canary}",
        },
    )
    assert page_workout.status_code == 302
    page_episode = write(
        web,
        "post",
        "/episodes/new/",
        {
            "started_at": timezone.localtime(now - timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"),
            "ended_at": timezone.localtime(now - timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"),
            "sensations": ["tingling", "burning"],
            "locations": ["foot_sole"],
            "side": "left",
            "notes": f"web episode {canary}",
        },
    )
    assert page_episode.status_code == 302

    # The evaluation by hand, then every other email: follow-ups, digest, log reminder.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("evaluate", user=person.username)
    broker.drain()
    unanswered = Workout.objects.get(user=person, notes__startswith="web workout")
    # Logged late, so the reminder is due 2 hours after it was logged.
    reminder_at = max(unanswered.ended_at, unanswered.created_at) + timedelta(hours=2, minutes=5)
    monday = (now + timedelta(days=7 - now.weekday())).replace(hour=8, minute=30)
    for plan, at in [
        (follow_up.plan, now + timedelta(days=3, hours=1)),
        (digest.plan, monday),
        (log_reminder.plan, reminder_at),
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            plan(now=at)
        broker.drain()

    emails = mail.outbox
    subjects = [m.subject for m in emails]
    headers = [f"{k}: {v}" for m in emails for k, v in m.message().items()]
    bodies = [m.body for m in emails] + [
        str(alt[0]) for m in emails for alt in getattr(m, "alternatives", [])
    ]
    urls = [*urls_in(bodies), share.json()["url"]]
    urls += [r["Location"] for r in answers if r.has_header("Location")]
    outbox_text = [
        f"{row.subject} {row.key} {row.note} {row.last_error} {row.message_id}"
        for row in OutboxEmail.objects.filter(user=person)
    ]
    logs = [caplog.text] + [repr(r.args) for r in caplog.records]
    printed = capsys.readouterr()
    tasks = [repr(p["body"]) + repr(p["headers"]) for p in broker.published]

    found = {
        "logs": occurrences(canary, logs),
        "printed": occurrences(canary, [printed.out, printed.err]),
        "task_messages": occurrences(canary, tasks)
        + occurrences(canary, [b.decode() for b in broker.raw]),
        "email_subjects": occurrences(canary, subjects),
        "email_headers": occurrences(canary, headers),
        "outbox_rows": occurrences(canary, outbox_text),
        "urls": occurrences(canary, urls),
    }
    report(
        record_property,
        "canary",
        occurrences=sum(found.values()),
        log_records=len(caplog.records),
        task_messages=len(broker.raw),
        emails=len(emails),
        urls=len(urls),
        email_bodies_with_it=occurrences(canary, bodies),  # not asserted: the reader's own
        **{f"in_{k}": v for k, v in found.items()},
    )
    # The canary did travel: it is in the notes, so a scan that finds nothing means something.
    assert Workout.objects.filter(user=person, notes__contains=canary).count() == 2
    assert Alert.objects.filter(user=person, level="urgent").exists()
    assert Alert.objects.filter(user=person, level="see_doctor").exists()
    assert {OutboxEmail.Kind.ALERT, OutboxEmail.Kind.LOG_REMINDER} <= set(
        OutboxEmail.objects.filter(user=person, status="sent").values_list("kind", flat=True)
    )
    assert len(broker.raw) == len(broker.published) > 0
    assert found == dict.fromkeys(found, 0)
