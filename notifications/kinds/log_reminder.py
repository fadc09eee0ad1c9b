"""Log reminders: "how did your legs feel?" 2 hours after a workout ends (or after it
was logged, if later) when nothing was logged for it."""

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Profile
from notifications import links
from notifications.content import Built, Skip
from notifications.models import OutboxEmail
from notifications.outbox import outbox_ensure, outbox_queue
from notifications.selectors import no_outbox_row
from symptoms.definitions import LONGEST_WORKOUT
from symptoms.models import Episode
from symptoms.selectors import episode_list_associated_with
from tracker.models import Activity, Source, Workout

KIND = OutboxEmail.Kind.LOG_REMINDER
AFTER = timedelta(hours=2)
LATEST = timedelta(hours=24)


def due_at(workout: Workout) -> datetime:
    """2 hours after the workout ends, or after it was logged when logged later."""
    return max(workout.ended_at, workout.created_at) + AFTER


def applies(workout: Workout) -> bool:
    """Hand-logged workouts, and imported ones that arrived before their reminder was due.

    An import of older sessions (an archive, a late sync) must not email about each one.
    """
    return workout.source == Source.MANUAL or (workout.created_at <= workout.ended_at + AFTER)


def due(*, now: datetime) -> list[Workout]:
    """Unanswered workouts of opted-in people whose reminder is due (up to a day late)."""
    candidates = (
        Workout.objects.filter(
            user__profile__log_reminders=True,
            symptom_free_at__isnull=True,
            started_at__lte=now - AFTER,
            started_at__gt=now - AFTER - LATEST - LONGEST_WORKOUT,
        )
        .exclude(user__email="")
        .filter(no_outbox_row(KIND, workout=OuterRef("pk")))
        .filter(~Exists(Episode.objects.filter(workout=OuterRef("pk"))))
        .select_related("user")
        .order_by("started_at", "id")
    )
    return [w for w in candidates if applies(w) and due_at(w) <= now < due_at(w) + LATEST]


def workout_is_answered(*, workout: Workout) -> bool:
    """True once the person said "no symptoms" or logged an episode associated with the
    workout (``symptoms.selectors.episode_list_associated_with``)."""
    if workout.symptom_free_at is not None:
        return True
    return episode_list_associated_with(workout=workout).exists()


def plan(*, now: datetime) -> list[OutboxEmail]:
    """Queue a "how did your legs feel?" email for each unanswered workout now due."""
    rows = [
        outbox_ensure(user=w.user, kind=KIND, key=f"workout:{w.pk}", workout=w)
        for w in due(now=now)
    ]
    return outbox_queue(rows)


def subject() -> str:
    return _("LegLog: how did your legs feel?")


def compose(*, outbox: OutboxEmail, profile: Profile, now: datetime) -> Built:
    workout = outbox.workout
    if workout is None:
        return Skip("the workout was deleted")
    if workout_is_answered(workout=workout):
        return Skip("already answered")
    return (
        subject(),
        "log_reminder",
        {
            "activity": Activity(workout.activity).label,
            "workout_started": timezone.localtime(workout.started_at),
            "episode_url": links.episode_form_url(workout_id=workout.id),
            "no_symptoms_url": links.no_symptoms_url(
                user_id=workout.user_id, workout_id=workout.id
            ),
        },
    )
