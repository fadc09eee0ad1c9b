"""A realistic history for one person: workouts, numbness episodes and body weights.

Used by the benchmarks (``make bench``) and, from the command line, to fill a
development database so that the dashboard has something to show::

    .venv/bin/python -m bench.generate --username demo --years 2 --episodes 300

The person trains about four times a week (mornings or evenings in their own time
zone), a stepper or running session most often; most episodes start within two hours
after a workout ends, lasting minutes, a few more than an hour; accompanying symptoms
are rare and emergency ones very rare; weight drifts slowly and is noted about weekly.

Rows are written with ``bulk_create`` in batches, bypassing the services on purpose:
the services queue one evaluation per write, which would turn generating 5,000
episodes into 5,000 evaluations. The database constraints still apply.
"""

import argparse
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

BATCH = 1000

ACTIVITY_WEIGHTS = {
    "stepper": 25,
    "running": 20,
    "walking": 15,
    "cycling": 12,
    "weightlifting": 10,
    "elliptical": 6,
    "yoga": 5,
    "hiit": 5,
    "swimming": 2,
}
LOCATION_WEIGHTS = {
    "foot": 20,
    "toes": 16,
    "calf": 14,
    "foot_sole": 10,
    "outer_thigh": 10,
    "shin": 8,
    "thigh": 6,
    "knee": 5,
    "ankle": 5,
    "hamstring": 3,
    "buttock": 2,
    "lower_back": 1,
}
SENSATION_WEIGHTS = {"numbness": 45, "tingling": 40, "burning": 10, "pain": 5}
MILD_ACCOMPANYING = ["stiffness", "muscle_weakness", "muscle_spasm", "limited_range_of_motion"]
EMERGENCY_ACCOMPANYING = ["nausea", "severe_leg_pain"]
RELIEF_ACTIONS = ["stopped_exercise", "elevated_legs", "stayed_still", "loosened_clothing"]


@dataclass(frozen=True)
class GeneratedHistory:
    user: Any
    workouts: int
    episodes: int
    body_weights: int
    first: datetime
    last: datetime


def _pick(rng: random.Random, weights: dict[str, int], count: int = 1) -> list[str]:
    """``count`` distinct values drawn by weight."""
    chosen: list[str] = []
    while len(chosen) < count:
        value = rng.choices(list(weights), weights=list(weights.values()))[0]
        if value not in chosen:
            chosen.append(value)
    return chosen


def history_generate(
    *,
    username: str,
    years: float,
    episodes: int,
    now: datetime,
    workouts_per_week: float = 4.0,
    episode_days: int | None = None,
    timezone_name: str = "Asia/Jakarta",
    seed: int = 7,
    symptom_free_share: float = 0.0,
) -> GeneratedHistory:
    """Create ``username`` with ``years`` of workouts and weights, and ``episodes`` episodes.

    Episodes are spread over the whole period, or over the last ``episode_days`` days
    when given (a dense worst case for the pattern engine). Nothing lies after ``now``.
    ``symptom_free_share`` of the workouts no episode belongs to get the "no symptoms"
    answer (the rest stay unanswered), so that the insights have denominators.
    Returns the user and the row counts.
    """
    from accounts.services import user_register
    from symptoms.models import Episode
    from tracker.models import BodyWeight, Workout

    rng = random.Random(seed)
    zone = ZoneInfo(timezone_name)
    user = user_register(
        username=username,
        email=f"{username}@example.org",
        password=f"bench-{seed}-{username}-not-a-real-password",
        timezone_name=timezone_name,
    )
    start = now - timedelta(days=round(365.25 * years))

    workouts: list[Workout] = []
    day = start.astimezone(zone).date()
    while day <= now.astimezone(zone).date():
        if rng.random() < workouts_per_week / 7:
            hour = rng.choice([6, 6, 7, 7, 17, 18, 18, 19, 20])
            started_at = datetime(
                day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=zone
            )
            duration = max(10, min(150, int(rng.gauss(45, 15))))
            if started_at + timedelta(minutes=duration) < now:
                workouts.append(
                    Workout(
                        user=user,
                        activity=_pick(rng, ACTIVITY_WEIGHTS)[0],
                        started_at=started_at,
                        duration_minutes=duration,
                        intensity=rng.choice([None, *range(3, 10)]),
                        tight_clothing=rng.random() < 0.15,
                    )
                )
        day += timedelta(days=1)
    Workout.objects.bulk_create(workouts, batch_size=BATCH)
    workouts = list(Workout.objects.filter(user=user).order_by("started_at"))

    window_start = now - timedelta(days=episode_days) if episode_days else start
    recent_workouts = [w for w in workouts if w.started_at >= window_start]
    rows: list[Episode] = []
    for _ in range(episodes):
        workout = None
        if recent_workouts and rng.random() < 0.6:
            workout = rng.choice(recent_workouts)
            started_at = workout.ended_at + timedelta(minutes=rng.randrange(0, 110))
        else:
            span = (now - window_start).total_seconds()
            started_at = window_start + timedelta(seconds=rng.uniform(0, span))
        minutes = rng.choice([rng.randrange(2, 30)] * 8 + [rng.randrange(30, 60), 75])
        ended_at: datetime | None = started_at + timedelta(minutes=minutes)
        if ended_at > now:
            started_at, ended_at = now - timedelta(minutes=minutes + 1), now - timedelta(minutes=1)
            workout = None
        accompanying: list[str] = []
        if rng.random() < 0.08:
            accompanying.append(rng.choice(MILD_ACCOMPANYING))
        if rng.random() < 0.002:
            accompanying.append(rng.choice(EMERGENCY_ACCOMPANYING))
        rows.append(
            Episode(
                user=user,
                workout=workout,
                started_at=started_at,
                ended_at=ended_at,
                sensations=_pick(rng, SENSATION_WEIGHTS, rng.choice([1, 1, 2])),
                locations=_pick(rng, LOCATION_WEIGHTS, rng.choice([1, 1, 1, 2])),
                side=rng.choice(["left", "right", "both"]),
                severity=rng.choice([None, *range(1, 9)]),
                accompanying=accompanying,
                relief_actions=rng.sample(RELIEF_ACTIONS, rng.randrange(0, 3)),
            )
        )
    Episode.objects.bulk_create(rows, batch_size=BATCH)

    weights: list[BodyWeight] = []
    kilograms = 72.0
    measured_on: date = start.astimezone(zone).date()
    while measured_on <= now.astimezone(zone).date():
        kilograms = min(120.0, max(45.0, kilograms + rng.gauss(0.02, 0.35)))
        weights.append(
            BodyWeight(user=user, measured_on=measured_on, weight_kg=Decimal(f"{kilograms:.1f}"))
        )
        measured_on += timedelta(days=rng.choice([6, 7, 7, 8]))
    BodyWeight.objects.bulk_create(weights, batch_size=BATCH)

    if symptom_free_share > 0:
        _answer_no_symptoms(rng, user=user, workouts=workouts, now=now, share=symptom_free_share)

    return GeneratedHistory(
        user=user,
        workouts=len(workouts),
        episodes=len(rows),
        body_weights=len(weights),
        first=start,
        last=now,
    )


def _answer_no_symptoms(
    rng: random.Random, *, user: Any, workouts: list[Any], now: datetime, share: float
) -> None:
    """Mark ``share`` of the workouts without an episode as answered "no symptoms"."""
    from insights.selectors import workout_outcomes
    from insights.stats import Outcome
    from tracker.models import Workout

    outcomes = workout_outcomes(user=user, workouts=workouts, now=now)
    answered = []
    for workout in workouts:
        if outcomes[workout.id] is Outcome.NO_ANSWER and rng.random() < share:
            workout.symptom_free_at = min(now, workout.ended_at + timedelta(hours=3))
            answered.append(workout)
    Workout.objects.bulk_update(answered, ["symptom_free_at"], batch_size=BATCH)


def main() -> None:
    parser = argparse.ArgumentParser(description="Fill the configured database with a history.")
    parser.add_argument("--username", default="demo")
    parser.add_argument("--years", type=float, default=2.0)
    parser.add_argument("--episodes", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timezone", default="Asia/Jakarta")
    parser.add_argument(
        "--symptom-free-share",
        type=float,
        default=0.0,
        help="share of the workouts without an episode answered 'no symptoms' (0 to 1)",
    )
    options = parser.parse_args()

    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()
    from django.utils import timezone

    history = history_generate(
        username=options.username,
        years=options.years,
        episodes=options.episodes,
        now=timezone.now(),
        timezone_name=options.timezone,
        seed=options.seed,
        symptom_free_share=options.symptom_free_share,
    )
    print(
        f"{history.user.username}: {history.workouts} workouts, {history.episodes} episodes, "
        f"{history.body_weights} body weights from {history.first:%Y-%m-%d}. "
        "Set a password with: .venv/bin/python manage.py changepassword " + history.user.username
    )


if __name__ == "__main__":
    main()
