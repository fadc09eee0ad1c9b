"""The JSON export's cost in queries does not grow with the history it writes."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alerts.models import Alert
from alerts.services import alerts_evaluate
from reports.formats import export_build
from tests.factories import BodyWeightFactory, EpisodeFactory, WorkoutFactory
from tests.reports.conftest import NOW

pytestmark = pytest.mark.django_db


def export_queries(user) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as captured:
        exported = export_build(user=user, format="json", now=NOW).read_all()
    return len(captured.captured_queries), exported


def test_json_export_reads_as_many_queries_for_a_long_history_as_for_a_short_one(history):
    user = history["user"]
    short, exported = export_queries(user)
    for day in range(60):
        started = NOW - timedelta(days=200 + 3 * day)
        workout = WorkoutFactory(user=user, activity="running", started_at=started)
        prolonged = day % 10 == 0  # tingling for 75 minutes: an alert with its evidence
        episode = EpisodeFactory(
            user=user,
            workout=workout if day % 2 else None,
            started_at=workout.ended_at + timedelta(minutes=10),
            ended_at=workout.ended_at + timedelta(minutes=85 if prolonged else 30),
        )
        BodyWeightFactory(
            user=user, measured_on=date(2025, 1, 1) + timedelta(days=day), weight_kg=Decimal(80)
        )
        if prolonged:
            alerts_evaluate(user=user, now=episode.ended_at + timedelta(hours=1))

    long, longer = export_queries(user)

    assert Alert.objects.filter(user=user).count() > 3
    assert long == short
    assert len(longer) > 4 * len(exported)
