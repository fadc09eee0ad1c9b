"""Rendering of import jobs for the API and the page's progress polling."""

from rest_framework import serializers

from common.api import ZonedModelSerializer
from imports.models import ImportJob


class ImportJobSerializer(ZonedModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    finished = serializers.BooleanField(read_only=True)

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "filename",
            "size_bytes",
            "status",
            "status_label",
            "finished",
            "files_total",
            "files_done",
            "read",
            "imported",
            "skipped",
            "failed",
            "errors",
            "cancel_requested",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=False)
