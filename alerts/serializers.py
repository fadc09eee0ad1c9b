"""How an alert reads over the API: wording from ``alerts.messages`` in the active language."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alerts import messages
from alerts.models import Alert
from common.api import ZonedModelSerializer


class EvidenceSerializer(serializers.Serializer[dict[str, Any]]):
    episodes = serializers.ListField(child=serializers.IntegerField())
    workouts = serializers.ListField(child=serializers.IntegerField())


class AlertSerializer(ZonedModelSerializer):
    """Read-only. ``title``, ``message`` and ``advice`` are rendered in the reader's language;
    ``evidence`` lists the ids of the episodes and workouts that made the rule fire."""

    title = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField()
    advice = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Alert
        fields = [
            "id",
            "rule",
            "level",
            "title",
            "message",
            "advice",
            "evidence",
            "created_at",
            "acknowledged_at",
        ]
        read_only_fields = fields

    def get_title(self, alert: Alert) -> str:
        return messages.alert_title(alert)

    def get_message(self, alert: Alert) -> str:
        return messages.alert_message(alert)

    def get_advice(self, alert: Alert) -> str:
        return messages.alert_advice(alert)

    @extend_schema_field(EvidenceSerializer)
    def get_evidence(self, alert: Alert) -> dict[str, Any]:
        # Prefetched by the selector: no query per alert.
        return {
            "episodes": [e.id for e in alert.episodes.all()],
            "workouts": [w.id for w in alert.workouts.all()],
        }
