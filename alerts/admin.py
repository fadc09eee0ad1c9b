from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alerts import messages
from alerts.models import Alert


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Alerts are raised only by the pattern job: operators read them, never write them.
    Deleting one is allowed (a mistaken alert, a data request); it is not raised again
    for the same evidence."""

    list_display = ("created_at", "user", "rule", "level", "identity", "acknowledged_at")
    list_filter = ("level", "rule", ("acknowledged_at", admin.EmptyFieldListFilter))
    search_fields = ("user__username", "rule", "identity")
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    raw_id_fields = ("user", "episodes", "workouts")
    fields = (
        "user",
        "rule",
        "level",
        "identity",
        "title",
        "message",
        "context",
        "episodes",
        "workouts",
        "created_at",
        "acknowledged_at",
    )
    readonly_fields = fields

    @admin.display(description=_("Title"))
    def title(self, alert: Alert) -> str:
        return messages.alert_title(alert)

    @admin.display(description=_("Message"))
    def message(self, alert: Alert) -> str:
        return messages.alert_message(alert)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Alert | None = None) -> bool:
        return False
