"""Histories in which one more write changes the alerts a person sees.

For tests that a write's evaluation really runs after commit and raises (or removes)
what it should. The rows are made with factories, which write without queueing an
evaluation; where the test needs the alerts as they stood before the write, it calls
``evaluate`` first.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from alerts.messages import alert_message
from alerts.models import Alert
from alerts.services import alerts_evaluate
from tests.factories import BodyWeightFactory, EpisodeFactory, WorkoutFactory


def alert_rules(user) -> list[str]:
    """The rule codes of the user's alerts, sorted."""
    return sorted(Alert.objects.filter(user=user).values_list("rule", flat=True))


def evaluate(user) -> list[str]:
    """Evaluate the user's history now, as the writes that built it would have; their rules."""
    alerts_evaluate(user=user, now=timezone.now())
    return alert_rules(user)


def two_stepper_sessions_with_numbness(user) -> None:
    """Stepper sessions 10 and 5 days ago, each followed by tingling linked to it: one
    more such session makes the "stepper feet" pattern (3 within 30 days)."""
    now = timezone.now()
    for days in (10, 5):
        workout = WorkoutFactory(
            user=user,
            activity="stepper",
            started_at=now - timedelta(days=days),
            duration_minutes=40,
        )
        EpisodeFactory(user=user, workout=workout, started_at=workout.ended_at)


def outer_thigh_burning_with_weights(user, *weights: tuple[int, str]):
    """Burning in the outer thigh two days ago (meralgia paresthetica pattern), and a
    weight for each ``(days ago, kg)``; returns the weights."""
    today = timezone.localdate()
    EpisodeFactory(
        user=user,
        started_at=timezone.now() - timedelta(days=2),
        sensations=["burning"],
        locations=["outer_thigh"],
    )
    return [
        BodyWeightFactory(
            user=user, measured_on=today - timedelta(days=days), weight_kg=Decimal(kg)
        )
        for days, kg in weights
    ]


def meralgia_message(user) -> str:
    """The message of the user's one meralgia paresthetica alert, in English."""
    [alert] = Alert.objects.filter(user=user, rule="possible_meralgia_paresthetica")
    return alert_message(alert)
