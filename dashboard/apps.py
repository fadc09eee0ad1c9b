from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The home page: the only app that reads every other app."""

    name = "dashboard"
    verbose_name = _("Dashboard")
