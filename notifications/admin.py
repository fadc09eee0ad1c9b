from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.models import OutboxEmail
from notifications.services import outbox_retry


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """Read-only view of what went out; failed rows can be given a fresh set of attempts."""

    list_display = (
        "created_at",
        "user",
        "kind",
        "key",
        "status",
        "attempts",
        "sent_at",
        "short_error",
        "note",
    )
    list_filter = ("status", "kind")
    search_fields = ("user__username", "user__email", "key")
    date_hierarchy = "created_at"
    list_select_related = ("user",)
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]
    actions = ["retry_failed"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutboxEmail | None = None) -> bool:
        return False

    @admin.display(description=_("last error"))
    def short_error(self, obj: OutboxEmail) -> str:
        return obj.last_error[:80]

    @admin.action(description=_("Retry the selected failed emails"), permissions=["view"])
    def retry_failed(self, request: HttpRequest, queryset: QuerySet[OutboxEmail]) -> None:
        retried = [
            outbox_retry(outbox=row) for row in queryset.filter(status=OutboxEmail.Status.FAILED)
        ]
        self.message_user(
            request,
            ngettext("%d email queued again.", "%d emails queued again.", len(retried))
            % len(retried),
            messages.SUCCESS,
        )
