from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """What each activity's sessions say: rates, onset, dose-response (reads only)."""

    name = "insights"
    verbose_name = _("Insights")
