"""The Celery tasks: ids in, one service call."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alerts.models import Alert
from alerts.tasks import evaluate_user_task, sweep_task
from tests.factories import EpisodeFactory

pytestmark = pytest.mark.django_db


def _long_episode(user):
    start = timezone.now() - timedelta(hours=3)
    return EpisodeFactory(user=user, started_at=start, ended_at=start + timedelta(minutes=61))


def test_evaluate_user_task_raises_the_users_alerts(user, email_queue):
    _long_episode(user)

    evaluate_user_task.delay(user.id)

    assert list(Alert.objects.values_list("user_id", "rule")) == [(user.id, "prolonged_tingling")]


def test_evaluate_user_task_for_a_deleted_user_does_nothing(user, email_queue):
    _long_episode(user)
    user_id = user.id
    user.delete()

    evaluate_user_task.delay(user_id)

    assert not Alert.objects.exists()


def test_sweep_task_evaluates_users_with_ongoing_episodes(
    user, email_queue, django_capture_on_commit_callbacks
):
    EpisodeFactory(user=user, started_at=timezone.now() - timedelta(minutes=90), ended_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        sweep_task.delay()

    assert list(Alert.objects.values_list("rule", flat=True)) == ["prolonged_tingling"]
