from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Email nudges: alert emails, follow-ups, weekly digest, log reminders, unsubscribe."""

    name = "notifications"
    label = "notifications"
    verbose_name = _("Email notifications")
