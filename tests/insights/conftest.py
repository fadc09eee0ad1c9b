from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import EpisodeFactory, WorkoutFactory

START = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)


@pytest.fixture
def stepper_history():
    """``stepper_history(user, with_episode=6, free=8, no_answer=2)``: stepper sessions,
    each a day apart, an episode 20 minutes into each of the first ones."""

    def make(user, *, with_episode=6, free=8, no_answer=0, activity="stepper", offset=0):
        day = offset
        for state, count in (("episode", with_episode), ("free", free), ("none", no_answer)):
            for _ in range(count):
                started = START + timedelta(days=day)
                WorkoutFactory(
                    user=user,
                    activity=activity,
                    started_at=started,
                    duration_minutes=40,
                    symptom_free_at=started + timedelta(hours=3) if state == "free" else None,
                )
                if state == "episode":
                    EpisodeFactory(user=user, started_at=started + timedelta(minutes=20))
                day += 1
        return user

    return make
