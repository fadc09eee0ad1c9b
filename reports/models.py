"""Share links for a doctor, their views, and exports built in the background."""

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ShareLink(models.Model):
    """A read-only link to the report that works without login until it expires or is revoked.

    Only the SHA-256 of the token is stored: the token itself is shown once, in the answer
    that creates the link. ``start_on``/``end_on`` fix the period; when empty the report
    covers the 90 days before each view.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    start_on = models.DateField(null=True, blank=True)
    end_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"share link {self.pk} of {self.user_id}"


class ShareLinkView(models.Model):
    """One opening of a share link: when, and nothing about who."""

    share_link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="views")
    viewed_at = models.DateTimeField()

    class Meta:
        ordering = ["-viewed_at"]
        indexes = [models.Index(fields=["share_link", "viewed_at"])]

    def __str__(self) -> str:
        return f"view of {self.share_link_id} at {self.viewed_at:%Y-%m-%d %H:%M}"


class ExportFormat(models.TextChoices):
    PDF = "pdf", _("PDF report")
    CSV = "csv", _("CSV (zip)")
    JSON = "json", _("JSON")
    FHIR = "fhir", _("FHIR R4")


def export_file_path(instance: Any, filename: str) -> str:
    """``exports/<random 192-bit token>/<name>``: a path nobody can guess or enumerate.

    Export files hold health data. They are only ever served by ``reports:job_file``,
    which checks the owner; the random folder is a second wall should the media folder
    ever be exposed by mistake (a dated path was guessable).
    """
    return f"exports/{secrets.token_urlsafe(24)}/{filename}"


class ExportJob(models.Model):
    """An export built by a Celery task while the page shows its progress (0 to 100)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Building")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    format = models.CharField(max_length=8, choices=ExportFormat.choices)
    start_on = models.DateField(null=True, blank=True)
    end_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(
        default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    file = models.FileField(upload_to=export_file_path, blank=True)
    filename = models.CharField(max_length=128, blank=True)
    content_type = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.format} export {self.uuid} ({self.status})"
