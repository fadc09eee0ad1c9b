"""The one write path for alerts: evaluate a user's history, sweep, acknowledge."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Profile
from accounts.selectors import profile_evaluation_requested_user_ids, profile_get_for_update
from alerts.models import EMAILED_LEVELS, Alert
from alerts.rules import NewAlert, evaluate, new_alerts
from alerts.selectors import SNAPSHOT, alert_priors_and_orphans, history_get
from common.queue import enqueue_on_commit
from common.tasknames import TaskName
from symptoms.selectors import episode_ongoing_user_ids

logger = logging.getLogger(__name__)

# Alerts worth an email: the person should act on them.
# Per-episode alerts are created after their episode started (give or take the clock
# tolerance of a phone); a day of slack when looking them up.
PRIOR_SLACK = timedelta(days=1)


def _store(*, user: Any, decision: NewAlert, now: datetime) -> Alert | None:
    """Insert one alert with its evidence, or None when a concurrent evaluation won the
    race for its identity (the unique constraint; the savepoint keeps the rest going)."""
    finding = decision.finding
    try:
        with transaction.atomic():
            alert = Alert.objects.create(
                user=user,
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


def alerts_evaluate(*, user: Any, now: datetime) -> list[Alert]:
    """Run every rule over the user's recent history and store what is new.

    One transaction, holding the profile row so one user's evaluations run in turn:
    deletes alerts left with no evidence episode (their episodes were deleted), raises
    each new finding once per identity, queues an email after commit for each new
    ``urgent`` or ``see_doctor`` alert, and clears the user's "needs evaluation" mark
    unless a write set it after this evaluation began. ``now`` is the rules' clock.
    Queries: 5 (the profile, the alerts, the episodes, workouts and weights), one more
    to clear the mark, plus a few per new alert, whatever the size of the history.
    Returns the new alerts.
    """
    started = timezone.now()
    with transaction.atomic():
        profile = profile_get_for_update(user=user)
        zone = profile.zone if profile is not None else ZoneInfo("UTC")
        priors, orphans = alert_priors_and_orphans(user=user, since=now - SNAPSHOT - PRIOR_SLACK)
        if orphans:
            Alert.objects.filter(user=user, id__in=orphans).delete()
        history = history_get(user=user, now=now, zone=zone)
        created = []
        for decision in new_alerts(evaluate(history), priors=priors, now=now):
            alert = _store(user=user, decision=decision, now=now)
            if alert is None:
                continue
            created.append(alert)
            if alert.level in EMAILED_LEVELS:
                enqueue_on_commit(TaskName.ALERT_EMAIL, alert.id)
        # The profile row is locked since it was read: its mark cannot have moved since,
        # so an evaluation nobody asked for (the mark is empty) skips the write.
        requested_at = profile.evaluation_requested_at if profile is not None else None
        if requested_at is not None and requested_at <= started:
            Profile.objects.filter(user=user, evaluation_requested_at__lte=started).update(
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
