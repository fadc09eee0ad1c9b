from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Alerts")

    def ready(self) -> None:
        # Register the tasks in every process, not only in a worker (Celery's autodiscovery
        # runs at worker start): eager tests and ``signature(name)`` need them by name.
        from alerts import tasks  # noqa: F401
