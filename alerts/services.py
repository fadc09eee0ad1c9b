"""The one write path for alerts: evaluate a user's history, sweep, acknowledge."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.models import Profile
from accounts.selectors import (
    profile_evaluation_requested_user_ids,
    profile_evaluation_state,
)
from alerts.models import EMAILED_LEVELS, Alert
from alerts.rules import NewAlert, evaluate, new_alerts
from alerts.selectors import SNAPSHOT, alert_priors_and_orphans, history_get
from common.queue import enqueue_on_commit
from common.tasknames import TaskName
from symptoms.selectors import episode_ongoing_user_ids

logger = logging.getLogger(__name__)

# Per-episode alerts are created after their episode started (give or take the clock
# tolerance of a phone); a day of slack when looking them up.
PRIOR_SLACK = timedelta(days=1)


def _store(*, user_id: int, decision: NewAlert, now: datetime) -> Alert | None:
    """Insert one alert with its evidence, or None when a concurrent evaluation won the
    race for its identity (the unique constraint; the savepoint keeps the rest going)."""
    finding = decision.finding
    try:
        with transaction.atomic():
            alert = Alert.objects.create(
                user_id=user_id,
                rule=decision.rule.code,
                level=decision.rule.level.value,
                identity=decision.identity,
                context=finding.params,
                created_at=now,
            )
            Alert.episodes.through.objects.bulk_create(
                [
                    Alert.episodes.through(alert_id=alert.id, episode_id=i)
                    for i in finding.episode_ids
                ]
            )
            if finding.workout_ids:
                Alert.workouts.through.objects.bulk_create(
                    [
                        Alert.workouts.through(alert_id=alert.id, workout_id=i)
                        for i in finding.workout_ids
                    ]
                )
    except IntegrityError:
        logger.info("alert %s %s already raised", decision.rule.code, decision.identity)
        return None
    return alert


# PostgreSQL advisory locks are named by two integers: this one, for "evaluating the
# alerts of", and the user's id.
EVALUATION_LOCK = 0x4C4C4556  # "LLEV"


def _lock_evaluations_of(*, user_id: int) -> None:
    """Hold off every other evaluation of this user until the transaction ends.

    PostgreSQL: a transaction-level advisory lock, which writes nothing (a row lock on the
    profile would make the transaction write, and wait on a WAL flush at commit). SQLite:
    nothing to do, the transaction began with ``BEGIN IMMEDIATE`` and holds the one write
    lock already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [EVALUATION_LOCK, user_id])


def alerts_evaluate(*, user: Any, now: datetime) -> list[Alert]:
    """Run every rule over the user's recent history and store what is new.

    ``user`` is a user or a user's id: a task holds only the id, and reading the user
    first would only prove that they exist, which the evaluation finds out anyway (a
    user who is gone has no profile, no episodes, and so no finding).

    Reads first, with no lock: the profile's time zone and mark, the alerts already
    raised, the history (``history_get``); most evaluations find nothing new and stop
    there, having written nothing (3 to 5 queries, whatever the size of the history).
    When there is something to write, one transaction holds every other evaluation of the
    user off (``_lock_evaluations_of``), reads the alerts again (another evaluation may
    have raised some since), deletes alerts left with no evidence episode (their
    episodes were deleted), raises each new finding once per identity and queues an
    email after commit for each new ``urgent`` or ``see_doctor`` alert.

    Last, the user's "needs evaluation" mark is cleared if it is still the one read at
    the start and was set before the evaluation began: a write that commits later sets
    another, which stays for the evaluation it queued (or the sweep). ``now`` is the
    rules' clock. Returns the new alerts.
    """
    user_id: int = getattr(user, "pk", user)
    started = timezone.now()
    state = profile_evaluation_state(user=user_id)
    zone, mark = (ZoneInfo(state[0]), state[1]) if state is not None else (ZoneInfo("UTC"), None)
    since = now - SNAPSHOT - PRIOR_SLACK
    priors, orphans = alert_priors_and_orphans(user=user_id, since=since)
    findings = evaluate(history_get(user=user_id, now=now, zone=zone))
    created = []
    if orphans or new_alerts(findings, priors=priors, now=now):
        with transaction.atomic():
            _lock_evaluations_of(user_id=user_id)
            priors, orphans = alert_priors_and_orphans(user=user_id, since=since)
            if orphans:
                Alert.objects.filter(user=user_id, id__in=orphans).delete()
            for decision in new_alerts(findings, priors=priors, now=now):
                alert = _store(user_id=user_id, decision=decision, now=now)
                if alert is None:
                    continue
                created.append(alert)
                if alert.level in EMAILED_LEVELS:
                    enqueue_on_commit(TaskName.ALERT_EMAIL, alert.id)
    if mark is not None and mark <= started:
        Profile.objects.filter(user=user_id, evaluation_requested_at=mark).update(
            evaluation_requested_at=None
        )
    return created


def alerts_sweep(*, now: datetime) -> list[int]:
    """Queue an evaluation for every user with an ongoing episode (so one passing the hour
    is seen without a new write) or with writes no evaluation has seen (the broker was
    down). Returns the user ids queued, each once."""
    user_ids = sorted(
        set(episode_ongoing_user_ids()) | set(profile_evaluation_requested_user_ids())
    )
    for user_id in user_ids:
        enqueue_on_commit(TaskName.EVALUATE_USER, user_id)
    logger.info("sweep at %s queued %d evaluations", now.isoformat(), len(user_ids))
    return user_ids


@transaction.atomic
def alert_acknowledge(*, alert: Alert, now: datetime, fine_now: bool = False) -> Alert:
    """Mark the alert as read; a second acknowledgement keeps the first time and answer.

    ``fine_now`` records the person's "I'm fine now" answer to an urgent alert.
    """
    updated = Alert.objects.filter(id=alert.id, acknowledged_at__isnull=True).update(
        acknowledged_at=now, acknowledged_fine=fine_now
    )
    if updated:
        alert.acknowledged_at = now
        alert.acknowledged_fine = fine_now
    else:
        alert.refresh_from_db(fields=["acknowledged_at", "acknowledged_fine"])
    return alert
