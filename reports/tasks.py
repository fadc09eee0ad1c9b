"""Thin Celery tasks of reports: ids in, one service call."""

from celery import shared_task
from django.db import OperationalError

from common.tasknames import TaskName


@shared_task(
    name=TaskName.EXPORT_BUILD,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def export_build_task(job_id: int) -> None:
    """Build a background export; quietly nothing when the job is gone."""
    from reports.models import ExportJob
    from reports.services import export_job_run

    job = ExportJob.objects.select_related("user", "user__profile").filter(id=job_id).first()
    if job is not None:
        export_job_run(job=job)
