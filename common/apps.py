from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The shared web/API toolkit: no models, no domain knowledge."""

    name = "common"
    verbose_name = "LegLog"
