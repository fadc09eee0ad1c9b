"""A private calendar (iCal) address for phone calendars."""

from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    """A secret iCal address; only the SHA-256 of its token is stored.

    The token (256 random bits) is shown once, when the address is made. Revoking stops it
    at once; making a new one revokes the old one.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"calendar feed {self.pk} of {self.user_id}"
