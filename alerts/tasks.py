"""Thin Celery tasks: ids in, one service call, let Celery retry database errors."""

from celery import shared_task
from django.db import IntegrityError, OperationalError
from django.utils import timezone

from common.tasknames import TaskName


# IntegrityError too: evidence rows are checked at commit on PostgreSQL (deferred foreign
# keys), so an episode deleted during an evaluation fails it as a whole; a retry is clean.
@shared_task(
    name=TaskName.EVALUATE_USER,
    acks_late=True,
    autoretry_for=(OperationalError, IntegrityError),
    retry_backoff=True,
    max_retries=5,
)
def evaluate_user_task(user_id: int) -> None:
    """Run every rule for one user; quietly nothing when the user is gone (no profile, no
    episodes: nothing is read that could raise an alert)."""
    from alerts.services import alerts_evaluate

    alerts_evaluate(user=user_id, now=timezone.now())


@shared_task(
    name=TaskName.ALERTS_SWEEP,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def sweep_task() -> None:
    """Queue evaluations for users with ongoing episodes or writes not yet evaluated."""
    from alerts.services import alerts_sweep

    alerts_sweep(now=timezone.now())
