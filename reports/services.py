"""The one write path of reports: history import, share links and their views, export jobs."""

import hashlib
import secrets
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.erasure import stored_file_delete
from accounts.services import evaluation_request, profile_update
from alerts.models import Alert
from common.queue import enqueue_on_commit
from common.tasknames import TaskName
from reports.exports import EPISODE_IDENTITY
from reports.models import ExportJob, ShareLink, ShareLinkView
from symptoms.definitions import is_in_future
from symptoms.models import ONE_ONGOING, Episode
from tracker.models import BodyWeight, Workout

TOKEN_BYTES = 32  # 256 bits from secrets.token_urlsafe


# --- Import ---------------------------------------------------------------------------


def _clean(instance: Any, errors: dict[str, list[str]], where: str) -> None:
    """Model validation without the per-row uniqueness queries (checked in bulk instead)."""
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(f"{where}.{field}", []).extend(messages)


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def history_import(
    *, user: Any, data: dict[str, Any], now: datetime | None = None
) -> dict[str, int]:
    """Recreate an exported history in ``user``'s account; returns what was added per kind.

    Rows already present (same ``uuid``; body weights by day; alerts also by rule and
    identity) are left as they are, so importing the same file twice adds nothing. Any
    invalid row raises ``ValidationError`` and, the whole import being one transaction,
    nothing is stored. Into an empty account the profile (zone, language, birth year, sex)
    is taken over too. One pattern evaluation is queued after commit when anything was
    added.
    """
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    was_empty = not (
        Workout.objects.filter(user=user).exists()
        or Episode.objects.filter(user=user).exists()
        or BodyWeight.objects.filter(user=user).exists()
    )

    workouts_by_uuid = {w.uuid: w for w in Workout.objects.filter(user=user)}
    new_workouts = []
    for index, item in enumerate(data["workouts"]):
        if item["uuid"] in workouts_by_uuid:
            continue
        workout = Workout(user=user, **item)
        _clean(workout, errors, f"workouts[{index}]")
        new_workouts.append(workout)
        workouts_by_uuid[item["uuid"]] = workout

    weight_days = set(BodyWeight.objects.filter(user=user).values_list("measured_on", flat=True))
    new_weights = []
    for index, item in enumerate(data["body_weights"]):
        if item["measured_on"] in weight_days:
            continue
        weight = BodyWeight(user=user, **item)
        _clean(weight, errors, f"body_weights[{index}]")
        new_weights.append(weight)

    episode_uuids = set(Episode.objects.filter(user=user).values_list("uuid", flat=True))
    # One ongoing episode per person: the account's, else the file's first one.
    ongoing_taken = Episode.objects.filter(user=user, ended_at__isnull=True).exists()
    new_episodes = []
    for index, item in enumerate(data["episodes"]):
        if item["uuid"] in episode_uuids:
            continue
        fields = dict(item)
        workout_uuid = fields.pop("workout")
        linked: Workout | None = None
        if workout_uuid is not None:
            linked = workouts_by_uuid.get(workout_uuid)
            if linked is None:
                errors[f"episodes[{index}].workout"] = [
                    _("No workout %(uuid)s in this file or account.") % {"uuid": workout_uuid}
                ]
        if is_in_future(fields["started_at"], now=now):
            errors[f"episodes[{index}].started_at"] = [_("An episode cannot start in the future.")]
        if fields.get("ended_at") is None:
            if ongoing_taken:
                errors[f"episodes[{index}].ended_at"] = [str(ONE_ONGOING)]
            ongoing_taken = True
        episode = Episode(user=user, workout=linked, **fields)
        _clean(episode, errors, f"episodes[{index}]")
        new_episodes.append(episode)
    _raise(errors)

    Workout.objects.bulk_create(new_workouts, batch_size=500)
    BodyWeight.objects.bulk_create(new_weights, batch_size=500)
    for episode in new_episodes:
        # The workout got its primary key from bulk_create after the episode was built.
        episode.workout_id = episode.workout.pk if episode.workout is not None else None
    Episode.objects.bulk_create(new_episodes, batch_size=500)

    added_alerts = _alerts_import(user=user, items=data.get("alerts", []), errors=errors)
    _raise(errors)

    if was_empty and data.get("profile"):
        profile_update(user=user, data=data["profile"])
    counts = {
        "workouts": len(new_workouts),
        "body_weights": len(new_weights),
        "episodes": len(new_episodes),
        "alerts": added_alerts,
    }
    if any(counts.values()):
        evaluation_request(user=user)
    return counts


def _alerts_import(*, user: Any, items: Iterable[dict[str, Any]], errors: dict) -> int:
    """Alerts with their evidence; evidence outside the file and account is left out."""
    episode_ids = dict(Episode.objects.filter(user=user).values_list("uuid", "id"))
    workout_ids = dict(Workout.objects.filter(user=user).values_list("uuid", "id"))
    by_text = {str(uuid): pk for uuid, pk in episode_ids.items()}
    known = set(Alert.objects.filter(user=user).values_list("uuid", flat=True))
    raised = set(Alert.objects.filter(user=user).values_list("rule", "identity"))
    alerts, evidence = [], []
    for index, item in enumerate(items):
        identity = item["identity"]
        scoped = identity.removeprefix("episode:")
        if identity != scoped and not EPISODE_IDENTITY.match(identity) and scoped in by_text:
            # The export wrote the episode's uuid; here it is known by its new id.
            identity = f"episode:{by_text[scoped]}"
        if item["uuid"] in known or (item["rule"], identity) in raised:
            continue
        alert = Alert(
            user=user,
            uuid=item["uuid"],
            rule=item["rule"],
            level=item["level"],
            identity=identity,
            context=item["context"],
            created_at=item["created_at"],
            acknowledged_at=item["acknowledged_at"],
        )
        _clean(alert, errors, f"alerts[{index}]")
        alerts.append(alert)
        raised.add((item["rule"], identity))
        evidence.append(
            (
                [episode_ids[u] for u in item["episodes"] if u in episode_ids],
                [workout_ids[u] for u in item["workouts"] if u in workout_ids],
            )
        )
    if errors or not alerts:
        return 0
    Alert.objects.bulk_create(alerts, batch_size=500)
    episode_links, workout_links = [], []
    for alert, (episodes, workouts) in zip(alerts, evidence, strict=True):
        episode_links += [Alert.episodes.through(alert_id=alert.pk, episode_id=e) for e in episodes]
        workout_links += [Alert.workouts.through(alert_id=alert.pk, workout_id=w) for w in workouts]
    Alert.episodes.through.objects.bulk_create(episode_links, batch_size=500)
    Alert.workouts.through.objects.bulk_create(workout_links, batch_size=500)
    return len(alerts)


# --- Share links ----------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def share_link_create(
    *,
    user: Any,
    expires_in_days: int,
    start: date | None = None,
    end: date | None = None,
    now: datetime | None = None,
) -> tuple[ShareLink, str]:
    """A new link valid for 1 to 30 days; returns it with its token, which is not stored."""
    if not 1 <= expires_in_days <= 30:
        raise ValidationError({"expires_in_days": [_("Choose between 1 and 30 days.")]})
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLink(
        user=user,
        token_hash=token_hash(token),
        expires_at=(now or timezone.now()) + timedelta(days=expires_in_days),
        start_on=start,
        end_on=end,
    )
    link.full_clean()
    link.save()
    return link, token


@transaction.atomic
def share_link_revoke(*, share_link: ShareLink, now: datetime | None = None) -> ShareLink:
    """Stop the link from working; revoking twice keeps the first time."""
    if share_link.revoked_at is None:
        share_link.revoked_at = now or timezone.now()
        share_link.save(update_fields=["revoked_at"])
    return share_link


def share_link_view_record(*, share_link: ShareLink, now: datetime | None = None) -> None:
    """Note that the link was opened: the time only, nothing about who opened it."""
    ShareLinkView.objects.create(share_link=share_link, viewed_at=now or timezone.now())


# --- Export jobs ----------------------------------------------------------------------

# A background export's file is kept this long for the person to fetch, then removed the
# next time they start one: health data should not pile up on the server.
EXPORT_KEPT = timedelta(days=1)


def export_jobs_prune(*, user: Any, now: datetime | None = None) -> int:
    """Delete the user's background exports (and their files) older than ``EXPORT_KEPT``."""
    cutoff = (now or timezone.now()) - EXPORT_KEPT
    old = list(ExportJob.objects.filter(user=user, created_at__lt=cutoff))
    for job in old:
        if job.file:
            stored_file_delete(job.file)
    ExportJob.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)


@transaction.atomic
def export_job_create(*, user: Any, format: str, start: date | None, end: date | None) -> ExportJob:
    """Queue a background export; the task builds it after commit. Old exports go first."""
    export_jobs_prune(user=user)
    job = ExportJob(user=user, format=format, start_on=start, end_on=end)
    job.full_clean()
    job.save()
    enqueue_on_commit(TaskName.EXPORT_BUILD, job.pk)
    return job


def export_job_progress(*, job: ExportJob, progress: int) -> None:
    """Move the progress bar (0 to 100), never backwards."""
    progress = max(0, min(100, progress))
    if progress > job.progress:
        job.progress = progress
        ExportJob.objects.filter(pk=job.pk).update(progress=progress)


def export_job_run(*, job: ExportJob, now: datetime | None = None) -> ExportJob:
    """Build the job's file, reporting progress as it goes; a failure marks it failed."""
    from reports.formats import export_build

    if job.status == ExportJob.Status.DONE:
        return job
    job.status = ExportJob.Status.RUNNING
    job.save(update_fields=["status"])
    try:
        result = export_build(
            user=job.user,
            format=job.format,
            start=job.start_on,
            end=job.end_on,
            now=now,
            progress=lambda value: export_job_progress(job=job, progress=value),
        )
        job.file.save(result.filename, ContentFile(result.read_all()), save=False)
    except Exception:
        job.status = ExportJob.Status.FAILED
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "finished_at"])
        raise
    job.filename = result.filename
    job.content_type = result.content_type
    job.status = ExportJob.Status.DONE
    job.progress = 100
    job.finished_at = timezone.now()
    job.save(
        update_fields=["file", "filename", "content_type", "status", "progress", "finished_at"]
    )
    return job
