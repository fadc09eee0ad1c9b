from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """What each activity's sessions say: rates, onset, dose-response (reads only)."""

    name = "insights"
    verbose_name = _("Insights")
    # Imported inside insights.stats and insights.experiment_stats (seconds each), and
    # by a server process when it starts (config.warm): the dashboard's card needs the
    # first, the insights pages the rest.
    warm_imports = (
        "statsmodels.stats.proportion",
        "scipy.stats",
        "statsmodels.api",
        "lifelines",
    )
