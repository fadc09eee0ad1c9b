"""A large export built by a real worker: the page's job moves to done with its file."""

import pytest

from reports.models import ExportJob
from reports.services import export_job_create
from tests.factories import EpisodeFactory, UserFactory, WorkoutFactory

# The real worker on a private Redis, from the integration suite (fixtures by import).
from tests.integration.conftest import (  # noqa: F401
    celery_worker,
    needs_postgresql,
    redis_broker,
    wait_for,
    web_publishes_to,
)

pytestmark = pytest.mark.integration

DONE_WITHIN_SECONDS = 30


def test_an_export_job_is_built_by_the_worker_and_reports_progress(
    celery_worker,  # noqa: F811
    transactional_db,
):
    user = UserFactory()
    workout = WorkoutFactory(user=user)
    EpisodeFactory(user=user, workout=workout)
    job = export_job_create(user=user, format="json", start=None, end=None)

    def finished():
        job.refresh_from_db()
        return job.status in (ExportJob.Status.DONE, ExportJob.Status.FAILED)

    assert wait_for(finished, seconds=DONE_WITHIN_SECONDS), celery_worker.output()
    assert job.status == ExportJob.Status.DONE, celery_worker.output()
    assert job.progress == 100
    assert job.filename.endswith(".json")
    assert job.content_type == "application/json"
    assert job.finished_at is not None
