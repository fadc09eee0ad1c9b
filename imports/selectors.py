"""Reads of imports; every one is scoped to its user."""

from typing import Any

from django.db.models import QuerySet

from imports.models import ImportJob, MergeCandidate


def import_job_list(*, user: Any) -> QuerySet[ImportJob]:
    """The user's imports, newest first."""
    return ImportJob.objects.filter(user=user).order_by("-created_at", "-id")


def import_job_get(*, user: Any, job_id: int) -> ImportJob | None:
    return import_job_list(user=user).filter(id=job_id).first()


def import_job_get_by_uuid(*, user: Any, job_uuid: Any) -> ImportJob | None:
    return import_job_list(user=user).filter(uuid=job_uuid).first()


def merge_candidate_list_open(*, user: Any) -> QuerySet[MergeCandidate]:
    """Pairs waiting for the person's choice, newest first."""
    return (
        MergeCandidate.objects.filter(user=user, kept_both_at__isnull=True)
        .select_related("manual", "imported")
        .order_by("-imported__started_at", "-id")
    )


def merge_candidate_get(*, user: Any, candidate_id: int) -> MergeCandidate | None:
    return merge_candidate_list_open(user=user).filter(id=candidate_id).first()
