"""The one write path of imports: jobs, their run, and merge decisions.

Workouts are written only through ``tracker.services``. An import asks for ONE evaluation
of the person's rules when it ends, whatever the number of workouts it added.
"""

import logging
import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.services import evaluation_request, profile_get_or_create
from common.queue import enqueue_on_commit
from common.tasknames import TaskName
from imports import limits
from imports.models import ImportJob, MergeCandidate
from imports.records import ImportFileError, WorkoutRecord
from imports.sources import FileUnit, upload_units
from symptoms.definitions import LONGEST_WORKOUT
from tracker import selectors as tracker_selectors
from tracker import services as tracker_services
from tracker.models import Source, Workout

logger = logging.getLogger(__name__)

# A hand-logged workout is a merge candidate when an imported one covers more than half of it.
MERGE_OVERLAP_SHARE = 0.5
# Workouts written per transaction, and how often the counts the page polls are saved.
CHUNK = 500
MAX_ERRORS_KEPT = 200


class _Cancelled(Exception):
    pass


def upload_too_large(*, content_length: str | None) -> bool:
    """True when a request's declared body is over the upload limit: refuse before reading it."""
    try:
        declared = int(content_length or 0)
    except ValueError:
        return False
    # The multipart envelope adds a little around the file itself.
    return declared > limits.MAX_UPLOAD_BYTES + 64 * 1024


def import_job_create(*, user: Any, upload: UploadedFile) -> ImportJob:
    """Store the upload and queue its import; ValidationError when too big or empty."""
    size = upload.size or 0
    if size > limits.MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "file": [
                    _("The file is larger than %(mb)d MB.")
                    % {"mb": limits.MAX_UPLOAD_BYTES // 2**20}
                ]
            }
        )
    if size == 0:
        raise ValidationError({"file": [_("The file is empty.")]})
    name = os.path.basename(upload.name or "upload")[:200] or "upload"
    with transaction.atomic():
        job = ImportJob(user=user, filename=name, size_bytes=size)
        job.file.save(f"{job.uuid}-{name}", upload, save=False)
        job.save()
        enqueue_on_commit(TaskName.IMPORT_RUN, job.pk)
    return job


def import_job_cancel(*, job: ImportJob) -> ImportJob:
    """Ask a job to stop: a waiting one stops at once, a running one after its current file.

    Workouts already imported stay.
    """
    ImportJob.objects.filter(pk=job.pk).update(cancel_requested=True)
    job.cancel_requested = True
    if job.status == ImportJob.Status.PENDING:
        _finish(job, ImportJob.Status.CANCELLED)
    return job


def _save_counts(job: ImportJob) -> None:
    job.save(
        update_fields=[
            "files_total",
            "files_done",
            "read",
            "imported",
            "skipped",
            "failed",
            "errors",
            "status",
        ]
    )


def _cancel_requested(job: ImportJob) -> bool:
    return ImportJob.objects.filter(pk=job.pk, cancel_requested=True).exists()


def _error(job: ImportJob, name: str, message: str) -> None:
    job.failed += 1
    if len(job.errors) < MAX_ERRORS_KEPT:
        job.errors.append({"file": name, "error": message})


def _finish(job: ImportJob, status: str) -> None:
    job.status = status
    job.finished_at = timezone.now()
    if job.file:
        job.file.delete(save=False)
    job.save()


def _overlap_seconds(manual: Workout, record: WorkoutRecord) -> float:
    latest_start = max(manual.started_at, record.started_at)
    earliest_end = min(manual.ended_at, record.ended_at)
    return (earliest_end - latest_start).total_seconds()


def _flag_merge_candidates(*, user: Any, created: list[tuple[Workout, WorkoutRecord]]) -> None:
    """Flag hand-logged workouts that imported ones cover for most of their time."""
    if not created:
        return
    start = min(record.started_at for _w, record in created) - timedelta(days=1)
    end = max(record.ended_at for _w, record in created)
    manual = list(tracker_selectors.workout_list_manual_between(user=user, start=start, end=end))
    if not manual:
        return
    for workout, record in created:
        for hand in manual:
            overlap = _overlap_seconds(hand, record)
            if overlap > MERGE_OVERLAP_SHARE * hand.duration_minutes * 60:
                MergeCandidate.objects.get_or_create(user=user, manual=hand, imported=workout)


def merge_candidates_for_manual(*, workout: Workout) -> list[MergeCandidate]:
    """Flag the imported workouts that a hand-logged ``workout`` (logged after the import)
    overlaps for most of its time, as an import flags it the other way round."""
    imported = tracker_selectors.workout_list_between(
        user=workout.user_id, start=workout.started_at - LONGEST_WORKOUT, end=workout.ended_at
    ).exclude(source=Source.MANUAL)
    flagged = []
    for other in imported:
        latest_start = max(workout.started_at, other.started_at)
        earliest_end = min(workout.ended_at, other.ended_at)
        overlap = (earliest_end - latest_start).total_seconds()
        if overlap > MERGE_OVERLAP_SHARE * workout.duration_minutes * 60:
            candidate, _created = MergeCandidate.objects.get_or_create(
                user_id=workout.user_id, manual=workout, imported=other
            )
            flagged.append(candidate)
    return flagged


def _write(job: ImportJob, unit: FileUnit, records: list[WorkoutRecord]) -> None:
    """Store ``records`` in chunks; records already imported are skipped."""
    user = job.user
    for begin in range(0, len(records), CHUNK):
        if _cancel_requested(job):
            raise _Cancelled
        chunk = records[begin : begin + CHUNK]
        present: set[tuple[str, str]] = set()
        for source in {record.source for record in chunk}:
            ids = [record.source_id for record in chunk if record.source == source]
            found = tracker_selectors.workout_source_ids_present(
                user=user, source=source, source_ids=ids
            )
            present.update((source, source_id) for source_id in found)
        built: list[tuple[Workout, WorkoutRecord]] = []
        for record in chunk:
            if (record.source, record.source_id) in present:
                job.skipped += 1
                continue
            present.add((record.source, record.source_id))
            try:
                workout = tracker_services.workout_import_build(
                    user=user,
                    activity=record.activity,
                    started_at=record.started_at,
                    duration_minutes=record.duration_minutes,
                    source=record.source,
                    source_id=record.source_id,
                    original_activity=record.original_activity,
                    utc_offset_minutes=record.utc_offset_minutes,
                    distance_m=round(record.distance_m) if record.distance_m else None,
                    avg_heart_rate=record.avg_heart_rate,
                    max_heart_rate=record.max_heart_rate,
                )
            except ValidationError as error:
                when = record.started_at.isoformat(timespec="minutes")
                _error(job, unit.name, f"{when}: {'; '.join(error.messages)}")
                continue
            built.append((workout, record))
        with transaction.atomic():
            stored = tracker_services.workout_import_save(workouts=[w for w, _r in built])
            stored_ids = {id(workout) for workout in stored}
            created = [(w, r) for w, r in built if id(w) in stored_ids]
            job.imported += len(created)
            job.skipped += len(built) - len(created)
            _flag_merge_candidates(user=user, created=created)
        _save_counts(job)


def _read(job: ImportJob, unit: FileUnit) -> Iterator[WorkoutRecord]:
    """The unit's records, saving the read count now and then (a big export takes a while)."""
    for count, record in enumerate(unit.read(), start=1):
        if count % CHUNK == 0:
            ImportJob.objects.filter(pk=job.pk).update(read=job.read + count)
            if _cancel_requested(job):
                raise _Cancelled
        yield record


def _import_unit(job: ImportJob, unit: FileUnit) -> None:
    """Read the whole file first, then write: a file that fails to read stores nothing."""
    try:
        records = list(_read(job, unit))
    except ImportFileError as error:
        _error(job, unit.name, str(error))
        return
    except _Cancelled:
        raise
    except Exception:
        # A library tripping over a malformed file: that file fails, the others go on.
        logger.warning("import %s: %s unreadable", job.pk, unit.name, exc_info=True)
        _error(job, unit.name, _("The file could not be read as a workout file."))
        return
    job.read += len(records)
    _save_counts(job)
    _write(job, unit, records)


def import_job_run(*, job: ImportJob) -> ImportJob:
    """Import the job's upload; the counts are saved as it goes, for the page to poll.

    A run again (a worker died mid-way) adds nothing twice: workouts are unique per
    source id. Ends with one evaluation of the person's rules when anything was added.
    Error messages are written in the person's language.
    """
    if job.finished:
        return job
    profile = profile_get_or_create(user=job.user)
    with translation.override(profile.language):
        return _run(job)


def _run(job: ImportJob) -> ImportJob:
    job.status = ImportJob.Status.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at"])
    status = ImportJob.Status.DONE
    try:
        with job.file.open("rb") as stream:
            units = list(upload_units(job.filename, stream))
            job.files_total = len(units)
            _save_counts(job)
            for unit in units:
                _import_unit(job, unit)
                job.files_done += 1
                _save_counts(job)
                if _cancel_requested(job):
                    raise _Cancelled
    except ImportFileError as error:
        _error(job, job.filename, str(error))
        status = ImportJob.Status.FAILED
    except _Cancelled:
        status = ImportJob.Status.CANCELLED
    except Exception:
        logger.exception("import %s failed", job.pk)
        _error(job, job.filename, _("The import stopped on an unexpected error."))
        status = ImportJob.Status.FAILED
    if (
        status == ImportJob.Status.DONE
        and job.files_total
        and job.failed
        and not job.imported
        and not job.skipped
    ):
        status = ImportJob.Status.FAILED
    _finish(job, status)
    if job.imported:
        evaluation_request(user=job.user)
    return job


@transaction.atomic
def merge_candidate_resolve(*, candidate: MergeCandidate, merge: bool) -> None:
    """Merge the imported workout into the hand-logged one, or keep both."""
    if merge:
        tracker_services.workout_merge(manual=candidate.manual, imported=candidate.imported)
    else:
        candidate.kept_both_at = timezone.now()
        candidate.save(update_fields=["kept_both_at"])
