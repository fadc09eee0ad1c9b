"""Every Celery task's registered name, in one place.

Tasks are sent by name (``common.queue.enqueue_on_commit``) so that an app can queue
another app's work without importing it. The names are the ones the tasks were first
registered under: messages queued before a deploy must still find their task.
"""

from enum import StrEnum


class TaskName(StrEnum):
    EVALUATE_USER = "alerts.tasks.evaluate_user_task"
    ALERTS_SWEEP = "alerts.tasks.sweep_task"
    ALERT_EMAIL = "alerts.notifications.tasks.alert_email_task"
    OUTBOX_DELIVER = "alerts.notifications.tasks.outbox_deliver_task"
    OUTBOX_SWEEP = "alerts.notifications.tasks.outbox_sweep_task"
    FOLLOW_UPS_DUE = "alerts.notifications.tasks.follow_ups_due_task"
    DIGESTS_DUE = "alerts.notifications.tasks.digests_due_task"
    LOG_REMINDERS_DUE = "alerts.notifications.tasks.log_reminders_due_task"
    DAILY_REMINDERS_DUE = "notifications.tasks.daily_reminders_due_task"
    EXPORT_BUILD = "reports.tasks.export_build_task"
    IMPORT_RUN = "imports.tasks.import_run_task"
    MERGE_CANDIDATES_FIND = "imports.tasks.merge_candidates_find_task"
