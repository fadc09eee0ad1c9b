"""The one write path for workouts and body weights."""

import uuid as uuid_module
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import evaluation_request
from common.queue import enqueue_on_commit
from common.services import model_update
from common.tasknames import TaskName
from tracker.models import BodyWeight, Source, Workout
from tracker.selectors import workout_by_uuid

WORKOUT_FIELDS = (
    "activity",
    "started_at",
    "duration_minutes",
    "intensity",
    "tight_clothing",
    "exposure_tags",
    "notes",
)
BODY_WEIGHT_FIELDS = ("measured_on", "weight_kg")
# What an import knows about a workout beyond the hand-logged fields.
IMPORTED_FIELDS = (
    "source",
    "source_id",
    "original_activity",
    "utc_offset_minutes",
    "distance_m",
    "avg_heart_rate",
    "max_heart_rate",
)


# --- Workouts -------------------------------------------------------------------------


@transaction.atomic
def workout_create(
    *,
    user: Any,
    activity: str,
    started_at: datetime,
    duration_minutes: int,
    intensity: int | None = None,
    tight_clothing: bool = False,
    exposure_tags: list[str] | None = None,
    notes: str = "",
    uuid: uuid_module.UUID | None = None,
) -> Workout:
    """Log a workout and queue an evaluation after commit.

    ``uuid`` is the client's id for the entry (an offline entry replayed later): when the
    person already has a workout with it, that workout is returned and nothing is written."""
    if uuid is not None and (existing := workout_by_uuid(user=user, uuid=uuid)) is not None:
        return existing
    workout = Workout(
        user=user,
        activity=activity,
        started_at=started_at,
        duration_minutes=duration_minutes,
        intensity=intensity,
        tight_clothing=tight_clothing,
        exposure_tags=list(exposure_tags or []),
        notes=notes,
    )
    if uuid is not None:
        workout.uuid = uuid
    workout.full_clean()
    try:
        with transaction.atomic():
            workout.save()
    except IntegrityError:
        # A concurrent replay of the same entry won the race: answer with its row.
        if uuid is not None and (existing := workout_by_uuid(user=user, uuid=uuid)) is not None:
            return existing
        raise
    evaluation_request(user=user)
    # A session the watch already imported may be logged by hand too: the imports app
    # asks the person whether to merge them (it may not be imported from here). Only for
    # people who import at all: a write must not wait on a second publish for nothing.
    if Workout.objects.filter(user=user).exclude(source=Source.MANUAL).exists():
        enqueue_on_commit(TaskName.MERGE_CANDIDATES_FIND, workout.pk)
    return workout


@transaction.atomic
def workout_update(*, workout: Workout, data: dict[str, Any]) -> Workout:
    workout, changed = model_update(instance=workout, fields=WORKOUT_FIELDS, data=data)
    if changed:
        evaluation_request(user=workout.user)
    return workout


@transaction.atomic
def workout_delete(*, workout: Workout) -> None:
    user = workout.user
    workout.delete()
    evaluation_request(user=user)


@transaction.atomic
def workout_mark_symptom_free(*, workout: Workout, now: datetime | None = None) -> Workout:
    """Record the one-click "no symptoms after this workout" answer."""
    if workout.symptom_free_at is None:
        workout.symptom_free_at = now or timezone.now()
        workout.save(update_fields=["symptom_free_at", "updated_at"])
    return workout


def workout_import_build(
    *,
    user: Any,
    activity: str,
    started_at: datetime,
    duration_minutes: int,
    source: str,
    source_id: str,
    original_activity: str = "",
    utc_offset_minutes: int | None = None,
    distance_m: int | None = None,
    avg_heart_rate: int | None = None,
    max_heart_rate: int | None = None,
) -> Workout:
    """A checked, not yet stored, workout read from a device's file (``workout_import_save``).

    ValidationError when a value is out of range (e.g. longer than 24 hours).
    """
    if source == Source.MANUAL:
        raise ValueError("an imported workout needs a source other than manual")
    workout = Workout(
        user=user,
        activity=activity,
        started_at=started_at,
        duration_minutes=duration_minutes,
        source=source,
        source_id=source_id,
        original_activity=original_activity[:64],
        utc_offset_minutes=utc_offset_minutes,
        distance_m=distance_m,
        avg_heart_rate=avg_heart_rate,
        max_heart_rate=max_heart_rate,
    )
    workout.full_clean(validate_unique=False, validate_constraints=False)
    return workout


def _insert_one(workout: Workout) -> bool:
    try:
        with transaction.atomic():
            workout.save(force_insert=True)
    except IntegrityError:
        if Workout.objects.filter(
            user_id=workout.user_id, source=workout.source, source_id=workout.source_id
        ).exists():
            return False
        raise
    return True


def workout_import_save(*, workouts: list[Workout]) -> list[Workout]:
    """Store workouts built by ``workout_import_build``; the ones stored, in order.

    One INSERT for all of them; when the unique (user, source, source_id) constraint
    refuses it (another import of the same file raced this one), one by one, leaving out
    those already there. No evaluation is queued: the import asks for one when it ends
    (``accounts.services.evaluation_request``), not one per workout.
    """
    if not workouts:
        return []
    if connection.features.can_return_rows_from_bulk_insert:
        try:
            with transaction.atomic():
                return Workout.objects.bulk_create(workouts)
        except IntegrityError:
            for workout in workouts:
                workout.pk = None
    return [workout for workout in workouts if _insert_one(workout)]


def workout_import(**fields: Any) -> Workout | None:
    """Store one workout read from a device's file; None when that source id is already there.

    Takes ``workout_import_build``'s arguments.
    """
    workout = workout_import_build(**fields)
    return workout if workout_import_save(workouts=[workout]) else None


@transaction.atomic
def workout_merge(*, manual: Workout, imported: Workout) -> Workout:
    """Fold an imported copy into the hand-logged workout it doubles, then delete the copy.

    The hand-logged one keeps its activity, intensity, notes, answers and episodes; it takes
    the device's exact start, duration and measures, and the source id, so that a re-import
    still finds it and adds nothing.
    """
    if manual.user_id != imported.user_id or imported.source == Source.MANUAL:
        raise ValueError("merge a person's hand-logged workout with their imported one")
    data: dict[str, Any] = {field: getattr(imported, field) for field in IMPORTED_FIELDS}
    data["started_at"] = imported.started_at
    data["duration_minutes"] = imported.duration_minutes
    imported.delete()
    for field, value in data.items():
        setattr(manual, field, value)
    manual.full_clean(validate_unique=False, validate_constraints=False)
    manual.save(update_fields=[*data, "updated_at"])
    evaluation_request(user=manual.user)
    return manual


# --- Body weight ----------------------------------------------------------------------


def _check_one_weight_per_day(
    *, user: Any, measured_on: date, exclude_id: int | None = None
) -> None:
    clash = BodyWeight.objects.filter(user=user, measured_on=measured_on)
    if exclude_id is not None:
        clash = clash.exclude(id=exclude_id)
    if clash.exists():
        raise ValidationError({"measured_on": [_("There is already a weight for that day.")]})


@transaction.atomic
def body_weight_create(*, user: Any, measured_on: date, weight_kg: Decimal) -> BodyWeight:
    _check_one_weight_per_day(user=user, measured_on=measured_on)
    body_weight = BodyWeight(user=user, measured_on=measured_on, weight_kg=weight_kg)
    body_weight.full_clean()
    try:
        with transaction.atomic():
            body_weight.save()
    except IntegrityError as error:
        # Two requests for the same day raced past the check; the constraint decided.
        raise ValidationError(
            {"measured_on": [_("There is already a weight for that day.")]}
        ) from error
    evaluation_request(user=user)
    return body_weight


@transaction.atomic
def body_weight_update(*, body_weight: BodyWeight, data: dict[str, Any]) -> BodyWeight:
    if "measured_on" in data:
        _check_one_weight_per_day(
            user=body_weight.user, measured_on=data["measured_on"], exclude_id=body_weight.id
        )
    body_weight, changed = model_update(instance=body_weight, fields=BODY_WEIGHT_FIELDS, data=data)
    if changed:
        evaluation_request(user=body_weight.user)
    return body_weight


@transaction.atomic
def body_weight_delete(*, body_weight: BodyWeight) -> None:
    user = body_weight.user
    body_weight.delete()
    evaluation_request(user=user)
