"""Tasks keep the names they were first registered under, so queued messages still run."""

from common.queue import _import_task_modules
from common.tasknames import TaskName
from config.celery import app


def test_every_task_name_is_registered_by_a_task():
    _import_task_modules()
    registered = set(app.tasks)

    missing = [name.value for name in TaskName if name.value not in registered]

    assert missing == []


def test_messages_queued_before_the_move_of_the_email_app_still_find_their_task():
    _import_task_modules()

    assert "alerts.notifications.tasks.alert_email_task" in app.tasks
    assert "alerts.tasks.evaluate_user_task" in app.tasks
