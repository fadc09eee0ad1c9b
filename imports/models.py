"""Imports of workouts from devices' files, processed in the background."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """One uploaded file (or archive) being read by a Celery task.

    Counts are of workouts: ``read`` from the files, ``imported`` as new workouts,
    ``skipped`` because already there, ``failed`` (a file that could not be read counts
    one). ``errors`` lists ``{"file": name, "error": message}``. The upload is deleted
    once processed: only the workouts stay.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    filename = models.CharField(max_length=255)
    size_bytes = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    files_total = models.PositiveIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    read = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    cancel_requested = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"import {self.uuid} of {self.filename} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)


class MergeCandidate(models.Model):
    """A hand-logged workout that an imported one overlaps for most of its time.

    Shown on the Imports page until the person merges them or keeps both.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="merge_candidates"
    )
    manual = models.ForeignKey("tracker.Workout", on_delete=models.CASCADE, related_name="+")
    imported = models.ForeignKey("tracker.Workout", on_delete=models.CASCADE, related_name="+")
    kept_both_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["manual", "imported"], name="merge_candidate_once"),
        ]

    def __str__(self) -> str:
        return f"merge {self.imported_id} into {self.manual_id}?"
