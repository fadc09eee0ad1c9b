"""Thin Celery tasks of imports: ids in, one service call."""

from celery import shared_task
from django.db import OperationalError

from common.tasknames import TaskName


@shared_task(
    name=TaskName.IMPORT_RUN,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def import_run_task(job_id: int) -> None:
    """Run an import; quietly nothing when the job is gone."""
    from imports.models import ImportJob
    from imports.services import import_job_run

    job = ImportJob.objects.select_related("user").filter(id=job_id).first()
    if job is not None:
        import_job_run(job=job)


@shared_task(
    name=TaskName.MERGE_CANDIDATES_FIND,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def merge_candidates_find_task(workout_id: int) -> None:
    """Flag imported workouts that a workout just logged by hand overlaps for most of its time;
    quietly nothing when the workout is gone."""
    from imports.services import merge_candidates_for_manual
    from tracker.models import Source, Workout

    workout = Workout.objects.filter(id=workout_id, source=Source.MANUAL).first()
    if workout is not None:
        merge_candidates_for_manual(workout=workout)
