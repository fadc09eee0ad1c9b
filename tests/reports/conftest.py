"""A small, known history for the reports tests, on a fixed clock."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from alerts.models import Alert
from tests.factories import BodyWeightFactory, EpisodeFactory, WorkoutFactory

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture
def history(user):
    """Jakarta user, 42, female; 3 workouts, 3 episodes in the last 90 days, 1 episode and
    1 workout before them, 2 body weights in range, 1 alert."""
    profile = user.profile
    profile.timezone = "Asia/Jakarta"
    profile.birth_year = 1984
    profile.sex = "female"
    profile.save()
    stepper = WorkoutFactory(
        user=user,
        activity="stepper",
        started_at=datetime(2026, 11, 2, 23, 30, tzinfo=UTC),  # 3 Nov 06:30 in Jakarta
        duration_minutes=40,
        tight_clothing=True,
    )
    running = WorkoutFactory(
        user=user, activity="running", started_at=datetime(2026, 10, 10, 0, 0, tzinfo=UTC)
    )
    WorkoutFactory(
        user=user, activity="running", started_at=datetime(2026, 9, 20, 0, 0, tzinfo=UTC)
    )
    old_workout = WorkoutFactory(
        user=user, activity="cycling", started_at=datetime(2026, 3, 1, 0, 0, tzinfo=UTC)
    )
    linked = EpisodeFactory(
        user=user,
        workout=stepper,
        started_at=stepper.ended_at + timedelta(minutes=5),
        ended_at=stepper.ended_at + timedelta(minutes=80),  # 75 minutes
        sensations=["numbness", "tingling"],
        locations=["foot_sole", "calf"],
        side="left",
        severity=6,
        accompanying=["dizziness"],
        relief_actions=["stopped_exercise", "elevated_legs"],
    )
    unlinked = EpisodeFactory(
        user=user,
        workout=None,
        started_at=running.ended_at + timedelta(minutes=30),
        ended_at=running.ended_at + timedelta(minutes=42),  # 12 minutes
        sensations=["burning"],
        locations=["outer_thigh"],
        side="right",
        severity=3,
        relief_actions=["loosened_clothing"],
    )
    ongoing = EpisodeFactory(
        user=user,
        workout=None,
        started_at=NOW - timedelta(minutes=20),
        ended_at=None,
        sensations=["tingling"],
        locations=["calf"],
        side="both",
        severity=None,
    )
    old_episode = EpisodeFactory(
        user=user,
        workout=old_workout,
        started_at=datetime(2026, 3, 1, 2, 0, tzinfo=UTC),
        ended_at=datetime(2026, 3, 1, 2, 10, tzinfo=UTC),
    )
    BodyWeightFactory(user=user, measured_on=date(2026, 10, 1), weight_kg=Decimal("81.0"))
    BodyWeightFactory(user=user, measured_on=date(2026, 11, 20), weight_kg=Decimal("84.5"))
    BodyWeightFactory(user=user, measured_on=date(2026, 1, 5), weight_kg=Decimal("79.0"))
    alert = Alert.objects.create(
        user=user,
        rule="prolonged_tingling",
        level="see_doctor",
        identity=f"episode:{linked.pk}",
        context={},
        created_at=linked.ended_at + timedelta(minutes=1),
    )
    alert.episodes.add(linked)
    alert.workouts.add(stepper)
    return {
        "user": user,
        "linked": linked,
        "unlinked": unlinked,
        "ongoing": ongoing,
        "old_episode": old_episode,
        "stepper": stepper,
        "alert": alert,
    }
