import pytest

import alerts.services
from common.tasknames import TaskName


@pytest.fixture
def email_queue(monkeypatch):
    """The alert emails the pattern job queues, as ``[alert_id, ...]``.

    Email sending is another part's job; here the queue is the edge of the world. Any
    other task goes through the real ``enqueue_on_commit``.
    """
    queued: list[int] = []
    real = alerts.services.enqueue_on_commit

    def record(name, *args):
        if name == TaskName.ALERT_EMAIL:
            queued.extend(args)
        else:
            real(name, *args)

    monkeypatch.setattr(alerts.services, "enqueue_on_commit", record)
    return queued
