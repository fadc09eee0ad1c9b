"""The benchmark's made-up history is a valid one, so `make bench` keeps measuring real paths."""

from datetime import UTC, datetime, timedelta

import pytest

from bench.generate import history_generate
from symptoms.models import Episode
from tracker.models import BodyWeight, Workout

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_generated_history_has_the_asked_size_and_nothing_in_the_future():
    history = history_generate(username="walker", years=1, episodes=120, now=NOW)

    episodes = Episode.objects.filter(user=history.user)
    assert episodes.count() == history.episodes == 120
    assert Workout.objects.filter(user=history.user).count() == history.workouts
    assert 150 <= history.workouts <= 260, "about four workouts a week"
    assert 45 <= BodyWeight.objects.filter(user=history.user).count() <= 60
    assert not episodes.filter(started_at__gt=NOW).exists()
    assert not episodes.filter(ended_at__gt=NOW).exists()
    assert not Workout.objects.filter(user=history.user, started_at__gt=NOW).exists()


@pytest.mark.django_db
def test_generated_episodes_pass_model_validation_and_link_the_same_persons_workouts():
    history = history_generate(username="walker", years=0.5, episodes=60, now=NOW)

    for episode in Episode.objects.filter(user=history.user).select_related("workout"):
        episode.full_clean()
        if episode.workout is not None:
            assert episode.workout.user_id == history.user.id
            assert episode.started_at >= episode.workout.ended_at
            assert episode.started_at - episode.workout.ended_at < timedelta(hours=2)


@pytest.mark.django_db
def test_dense_history_puts_every_episode_in_the_last_days():
    history = history_generate(username="dense", years=0.5, episodes=80, now=NOW, episode_days=30)

    oldest = Episode.objects.filter(user=history.user).order_by("started_at").first()
    assert oldest is not None
    assert oldest.started_at >= NOW - timedelta(days=30)


@pytest.mark.django_db
def test_generated_no_symptoms_answers_go_only_to_workouts_without_an_episode():
    from insights.selectors import workout_outcomes
    from insights.stats import Outcome

    history = history_generate(
        username="walker", years=0.5, episodes=40, now=NOW, symptom_free_share=0.8
    )

    workouts = list(Workout.objects.filter(user=history.user))
    outcomes = workout_outcomes(user=history.user, workouts=workouts, now=NOW)
    answered = [w for w in workouts if w.symptom_free_at is not None]
    assert answered
    assert all(outcomes[w.id] is Outcome.SYMPTOM_FREE for w in answered)
    assert all(w.symptom_free_at <= NOW for w in answered)
    without_episode = [w for w in workouts if outcomes[w.id] is not Outcome.EPISODE]
    assert 0.6 <= len(answered) / len(without_episode) <= 0.95
