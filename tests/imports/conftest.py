import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports import services


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    """``run_import(user, name, data)``: upload a file and run its import (eager Celery)."""

    def run(user, name, data):
        with django_capture_on_commit_callbacks(execute=True):
            job = services.import_job_create(user=user, upload=SimpleUploadedFile(name, data))
        job.refresh_from_db()
        return job

    return run


@pytest.fixture
def evaluations(monkeypatch):
    """The users an evaluation was queued for, one entry per request."""
    queued = []
    monkeypatch.setattr(
        "accounts.services.enqueue_on_commit", lambda name, user_id: queued.append(user_id)
    )
    return queued
