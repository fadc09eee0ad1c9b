"""The evaluation's written-out reads (``common.rows``) give what the ORM gives: the same
rows, the same values (aware datetimes, decoded lists, booleans, None for a missing
join), only the user's own, only in range; on SQLite and PostgreSQL alike."""

from datetime import UTC, datetime, timedelta

import pytest

from alerts.models import Alert, Level
from alerts.rules.codes import RuleCode
from alerts.selectors import alert_priors_and_orphans
from symptoms.models import Episode
from symptoms.selectors import episode_rows_started_since
from tests.factories import EpisodeFactory, UserFactory, WorkoutFactory
from tracker.models import Workout
from tracker.selectors import workout_rows_started_in

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 15, 12, 0, 30, 123456, tzinfo=UTC)
EPISODE_FIELDS = ("id", "started_at", "ended_at", "sensations", "accompanying", "severity", "side")
WORKOUT_FIELDS = ("id", "activity", "started_at", "duration_minutes", "tight_clothing")


def test_episode_rows_equal_the_orm_values_with_the_linked_workout_or_none(user):
    workout = WorkoutFactory(user=user, started_at=NOW - timedelta(hours=3), tight_clothing=True)
    linked = EpisodeFactory(
        user=user,
        workout=workout,
        started_at=NOW - timedelta(hours=2),
        sensations=["tingling", "numbness"],
        accompanying=["weakness"],
    )
    unlinked = EpisodeFactory(user=user, started_at=NOW - timedelta(days=3), ended_at=None)
    unlinked_with_no_severity = EpisodeFactory(
        user=user, started_at=NOW - timedelta(days=4), severity=None
    )
    EpisodeFactory(user=user, started_at=NOW - timedelta(days=30))  # before ``since``
    EpisodeFactory(started_at=NOW - timedelta(hours=1))  # another person's

    rows = episode_rows_started_since(
        user_id=user.pk,
        since=NOW - timedelta(days=5),
        fields=EPISODE_FIELDS,
        workout_fields=WORKOUT_FIELDS,
    )

    linked_columns = tuple(f"workout__{name}" for name in WORKOUT_FIELDS)
    expected = Episode.objects.filter(
        id__in=[linked.id, unlinked.id, unlinked_with_no_severity.id]
    ).values_list(*EPISODE_FIELDS, *linked_columns)
    assert sorted(rows) == sorted(expected)
    by_id = {row[0]: row for row in rows}
    assert by_id[linked.id][1] == NOW - timedelta(hours=2)
    assert by_id[linked.id][1].utcoffset() == timedelta(0)
    assert by_id[linked.id][3] == ["tingling", "numbness"]
    assert by_id[linked.id][4] == ["weakness"]
    assert by_id[linked.id][7:] == (workout.id, "running", workout.started_at, 45, True)
    assert by_id[unlinked.id][2] is None
    assert by_id[unlinked.id][7:] == (None,) * len(WORKOUT_FIELDS)
    assert by_id[unlinked_with_no_severity.id][5] is None


def test_an_episode_started_exactly_at_since_is_read(user):
    episode = EpisodeFactory(user=user, started_at=NOW)
    rows = episode_rows_started_since(
        user_id=user.pk, since=NOW, fields=("id",), workout_fields=("id",)
    )
    assert rows == [(episode.id, None)]


def test_workouts_of_overlapping_ranges_are_read_once_and_none_outside_them(user):
    def at(hours):
        return WorkoutFactory(user=user, started_at=NOW - timedelta(hours=hours))

    inside = [at(30), at(26), at(20), at(2)]
    at(40)  # before every range
    at(10)  # between the ranges
    WorkoutFactory(started_at=NOW - timedelta(hours=20))  # another person's, in range

    rows = workout_rows_started_in(
        user_id=user.pk,
        ranges=[
            (NOW - timedelta(hours=26), NOW - timedelta(hours=20)),
            (NOW - timedelta(hours=30), NOW - timedelta(hours=25)),  # overlaps the first
            (NOW - timedelta(hours=3), NOW - timedelta(hours=2)),
        ],
        fields=WORKOUT_FIELDS,
    )

    assert sorted(rows) == sorted(
        Workout.objects.filter(id__in=[w.id for w in inside]).values_list(*WORKOUT_FIELDS)
    )


def test_no_range_reads_no_workout_and_sends_no_query(user, django_assert_num_queries):
    WorkoutFactory(user=user, started_at=NOW)
    with django_assert_num_queries(0):
        assert workout_rows_started_in(user_id=user.pk, ranges=[], fields=WORKOUT_FIELDS) == []


def test_alert_priors_are_the_users_own_with_their_evidence_and_orphans_apart(user):
    episode = EpisodeFactory(user=user, started_at=NOW - timedelta(hours=2))
    other = UserFactory()
    with_evidence = Alert.objects.create(
        user=user,
        level=Level.SEE_DOCTOR,
        rule=RuleCode.PROLONGED_TINGLING,
        identity=f"episode:{episode.id}",
        created_at=NOW,
    )
    with_evidence.episodes.add(episode)
    orphan = Alert.objects.create(
        user=user,
        level=Level.SEE_DOCTOR,
        rule=RuleCode.PROLONGED_TINGLING,
        identity="episode:0",
        created_at=NOW - timedelta(days=400),
    )
    old_episode = EpisodeFactory(user=user, started_at=NOW - timedelta(days=300))
    Alert.objects.create(  # about an episode long before the snapshot: not a prior
        user=user,
        level=Level.SEE_DOCTOR,
        rule=RuleCode.PROLONGED_TINGLING,
        identity=f"episode:{old_episode.id}",
        created_at=NOW - timedelta(days=300),
    ).episodes.add(old_episode)
    Alert.objects.create(  # another person's orphan
        user=other,
        level=Level.SEE_DOCTOR,
        rule=RuleCode.PROLONGED_TINGLING,
        identity="episode:1",
        created_at=NOW,
    )

    priors, orphans = alert_priors_and_orphans(user=user.pk, since=NOW - timedelta(days=1))

    assert orphans == [orphan.id]
    assert [(p.rule, p.identity, p.created_at, p.episode_ids) for p in priors] == [
        (RuleCode.PROLONGED_TINGLING, f"episode:{episode.id}", NOW, frozenset({episode.id}))
    ]
