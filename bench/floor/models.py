from django.conf import settings
from django.db import models


class Note(models.Model):
    """One table, no constraints beyond the owner: the floor of a create."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.text
