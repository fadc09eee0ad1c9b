"""Input and output shapes of the reports API: export queries, the import file, share links."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Language, Sex, validate_timezone
from alerts.models import Level
from common import bounds
from common.api import (
    StrictBooleanField,
    StrictCharField,
    ZonedDateTimeField,
    ZonedModelSerializer,
)
from reports.exports import SCHEMA_VERSION
from reports.models import ExportFormat, ExportJob, ShareLink
from symptoms.vocabulary import Accompanying, Location, ReliefAction, Sensation, Side
from tracker.models import Activity, ExposureTag

# Rows in one import, all kinds together (IMPORT_MAX_ROWS, 20,000 by default): a request
# must end within seconds; a longer history is imported in parts.
MAX_ROWS: int = settings.IMPORT_MAX_ROWS
ROW_KINDS = ("workouts", "body_weights", "episodes", "alerts")
MAX_PERIOD = timedelta(days=366 * 50)


class PeriodFieldsMixin:
    """``from`` and ``to`` dates (a keyword in Python, so declared here), as ``start``/``end``."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()  # type: ignore[misc]
        fields["from"] = serializers.DateField(
            required=False,
            allow_null=True,
            default=None,
            source="start",
            validators=[bounds.validate_filter_day],
        )
        fields["to"] = serializers.DateField(
            required=False,
            allow_null=True,
            default=None,
            source="end",
            validators=[bounds.validate_filter_day],
        )
        return fields

    def to_internal_value(self, data: Any) -> Any:
        # DRF reads "" as null for a date; ``?to=`` is a mistake, not "no end".
        if hasattr(data, "get"):
            blank = {
                key: [_("This field may not be blank.")]
                for key in ("from", "to")
                if isinstance(data.get(key), str) and not data.get(key).strip()
            }
            if blank:
                raise serializers.ValidationError(blank)
        return super().to_internal_value(data)  # type: ignore[misc]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("start"), attrs.get("end")
        if start and end:
            if end < start:
                raise serializers.ValidationError({"to": [_("The end is before the start.")]})
            if end - start > MAX_PERIOD:
                raise serializers.ValidationError({"from": [_("The period is too long.")]})
        return attrs


class ExportQuerySerializer(PeriodFieldsMixin, serializers.Serializer):
    """``?format=pdf|csv|json|fhir&from=YYYY-MM-DD&to=YYYY-MM-DD`` (days in the user's zone)."""

    format = serializers.ChoiceField(choices=ExportFormat.choices)


def _choices(kind: Any, **kwargs: Any) -> serializers.ListField:
    # Described like the episode API's lists, so the schema names one enum per vocabulary.
    @extend_schema_field({"type": "array", "items": {"type": "string", "enum": list(kind.values)}})
    class VocabularyChoices(serializers.ListField):
        pass

    return VocabularyChoices(child=serializers.ChoiceField(choices=kind.choices), **kwargs)


class WorkoutItemSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    activity = serializers.ChoiceField(choices=Activity.choices)
    started_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField(min_value=1, max_value=1440)
    intensity = serializers.IntegerField(
        min_value=1, max_value=10, allow_null=True, required=False, default=None
    )
    tight_clothing = StrictBooleanField(required=False, default=False)
    exposure_tags = _choices(ExposureTag, required=False, default=list)
    notes = StrictCharField(allow_blank=True, max_length=2000, required=False, default="")
    symptom_free_at = serializers.DateTimeField(allow_null=True, required=False, default=None)


class BodyWeightItemSerializer(serializers.Serializer):
    measured_on = serializers.DateField()
    weight_kg = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=20, max_value=400
    )


class EpisodeItemSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    workout = serializers.UUIDField(allow_null=True, required=False, default=None)
    started_at = serializers.DateTimeField()
    ended_at = serializers.DateTimeField(allow_null=True, required=False, default=None)
    sensations = _choices(Sensation, allow_empty=False)
    locations = _choices(Location, allow_empty=False)
    side = serializers.ChoiceField(choices=Side.choices, required=False, default=Side.BOTH)
    severity = serializers.IntegerField(
        min_value=0, max_value=10, allow_null=True, required=False, default=None
    )
    accompanying = _choices(Accompanying, required=False, default=list)
    relief_actions = _choices(ReliefAction, required=False, default=list)
    notes = StrictCharField(allow_blank=True, max_length=2000, required=False, default="")


class AlertItemSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    rule = StrictCharField(max_length=48)
    level = serializers.ChoiceField(choices=Level.choices)
    identity = StrictCharField(max_length=64)
    context = serializers.JSONField(required=False, default=dict)  # type: ignore[assignment]
    episodes = serializers.ListField(child=serializers.UUIDField(), required=False, default=list)
    workouts = serializers.ListField(child=serializers.UUIDField(), required=False, default=list)
    created_at = serializers.DateTimeField()
    acknowledged_at = serializers.DateTimeField(allow_null=True, required=False, default=None)

    def validate_context(self, value: Any) -> Any:
        if not isinstance(value, dict):
            raise serializers.ValidationError(_("Expected an object."))
        return value


class ProfileItemSerializer(serializers.Serializer):
    timezone = StrictCharField(max_length=64, validators=[validate_timezone])
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    birth_year = serializers.IntegerField(
        min_value=1900, max_value=2100, allow_null=True, required=False
    )
    sex = serializers.ChoiceField(choices=Sex.choices, allow_blank=True, required=False)


def _unique(items: list[dict[str, Any]], key: str, label: str) -> None:
    seen: set[Any] = set()
    for item in items:
        if item[key] in seen:
            raise serializers.ValidationError(
                _("%(label)s %(value)s is listed twice.") % {"label": label, "value": item[key]}
            )
        seen.add(item[key])


class HistoryImportSerializer(serializers.Serializer):
    """The JSON export, read back; see ``reports.exports`` for the layout."""

    schema_version = serializers.IntegerField()
    profile = ProfileItemSerializer(required=False)
    # DRF passes max_length to the list serializer; the stubs do not know it yet.
    workouts = WorkoutItemSerializer(many=True, max_length=MAX_ROWS)  # type: ignore[call-arg]
    body_weights = BodyWeightItemSerializer(many=True, max_length=MAX_ROWS)  # type: ignore[call-arg]
    episodes = EpisodeItemSerializer(many=True, max_length=MAX_ROWS)  # type: ignore[call-arg]
    alerts = AlertItemSerializer(  # type: ignore[call-arg]
        many=True, required=False, default=list, max_length=MAX_ROWS
    )

    def to_internal_value(self, data: Any) -> Any:
        # Counted before any row is validated: a file too big is refused at once.
        if isinstance(data, dict):
            rows = sum(len(data[kind]) for kind in ROW_KINDS if isinstance(data.get(kind), list))
            if rows > MAX_ROWS:
                raise serializers.ValidationError(
                    {
                        "non_field_errors": [
                            _(
                                "This file has %(rows)s rows; LegLog imports up to %(limit)s "
                                "at a time. Export shorter periods (from and to) and import "
                                "them one by one."
                            )
                            % {"rows": rows, "limit": MAX_ROWS}
                        ]
                    }
                )
        return super().to_internal_value(data)

    def validate_schema_version(self, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise serializers.ValidationError(
                _("This file has schema version %(found)s; LegLog reads version %(known)s.")
                % {"found": value, "known": SCHEMA_VERSION}
            )
        return value

    def validate_workouts(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        _unique(value, "uuid", "workout")
        return value

    def validate_body_weights(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        _unique(value, "measured_on", "body weight of")
        return value

    def validate_episodes(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        _unique(value, "uuid", "episode")
        return value

    def validate_alerts(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        _unique(value, "uuid", "alert")
        return value


class ImportResultSerializer(serializers.Serializer):
    workouts = serializers.IntegerField()
    body_weights = serializers.IntegerField()
    episodes = serializers.IntegerField()
    alerts = serializers.IntegerField()


class ShareLinkCreateSerializer(PeriodFieldsMixin, serializers.Serializer):
    """``expires_in_days`` 1 to 30; optional ``from``/``to`` fix the report's period."""

    expires_in_days = serializers.IntegerField(min_value=1, max_value=30)


class ShareLinkSerializer(ZonedModelSerializer):
    """A share link as its owner sees it. ``url`` carries the token only right after creation."""

    url = serializers.SerializerMethodField()
    views = serializers.IntegerField(source="view_count", read_only=True, default=0)
    last_viewed_at = ZonedDateTimeField(read_only=True, allow_null=True, default=None)
    active = serializers.SerializerMethodField()
    revoked = serializers.SerializerMethodField()

    class Meta:
        model = ShareLink
        fields = [
            "id",
            "url",
            "expires_at",
            "revoked_at",
            "start_on",
            "end_on",
            "created_at",
            "views",
            "last_viewed_at",
            "active",
            "revoked",
        ]
        read_only_fields = fields

    def get_url(self, link: ShareLink) -> str | None:
        return self.context.get("urls", {}).get(link.pk)

    def get_active(self, link: ShareLink) -> bool:
        return link.revoked_at is None and link.expires_at > self.context["now"]

    def get_revoked(self, link: ShareLink) -> bool:
        return link.revoked_at is not None


class ExportJobSerializer(serializers.Serializer):
    """A background export: poll ``status_url`` until ``status`` is ``done``, then fetch
    ``download_url``."""

    id = serializers.UUIDField(source="uuid")
    format = serializers.ChoiceField(choices=ExportFormat.choices)
    status = serializers.ChoiceField(choices=ExportJob.Status.choices)
    progress = serializers.IntegerField(min_value=0, max_value=100)
    created_at = ZonedDateTimeField()
    finished_at = ZonedDateTimeField(allow_null=True)
    status_url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    def _url(self, name: str, job: ExportJob) -> str:
        return str(self.context["request"].build_absolute_uri(reverse(name, args=[job.uuid])))

    def get_status_url(self, job: ExportJob) -> str:
        return self._url("reports_api:export-job", job)

    def get_download_url(self, job: ExportJob) -> str | None:
        if job.status != ExportJob.Status.DONE:
            return None
        return self._url("reports_api:export-job-file", job)
