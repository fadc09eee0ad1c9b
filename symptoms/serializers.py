"""Parsing and rendering for the episode API.

The vocabulary lists are parsed as lists of strings and checked by the model's
validators (known values, non-empty, no repeats), so every error reads
``{"field": ["message"]}``; the schema still lists the allowed values.
"""

from typing import Any

from django.db.models import QuerySet, TextChoices
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.api import (
    FieldsBuiltOnceMixin,
    StrictCharField,
    StrictUUIDField,
    ZonedDateTimeField,
    ZonedModelSerializer,
    request_language,
)
from symptoms.guidance import guidance_for
from symptoms.models import Episode
from symptoms.vocabulary import Accompanying, Location, ReliefAction, Sensation
from tracker.models import Workout
from tracker.selectors import workout_list
from tracker.serializers import CLIENT_UUID_HELP


def vocabulary_list(
    vocabulary: type[TextChoices], *, required: bool, **kwargs: Any
) -> serializers.ListField:
    """A list of values of ``vocabulary``; the model validates them, the schema names them."""
    items = {"type": "string", "enum": list(vocabulary.values)}
    schema = {"type": "array", "items": items, "uniqueItems": True}
    if required:
        schema["minItems"] = 1

    @extend_schema_field(schema)
    class VocabularyListField(serializers.ListField):
        child = StrictCharField()

    return VocabularyListField(required=required, **kwargs)


class OwnWorkoutField(serializers.PrimaryKeyRelatedField):
    """The id of one of the signed-in user's workouts; anyone else's answers 400."""

    default_error_messages = {"does_not_exist": _("Choose one of your own workouts.")}

    def get_queryset(self) -> QuerySet[Workout]:
        request = self.context.get("request")
        if request is None:  # schema generation
            return Workout.objects.none()
        return workout_list(user=request.user)


class EpisodeSerializer(FieldsBuiltOnceMixin, ZonedModelSerializer):
    workout = OwnWorkoutField(
        allow_null=True,
        required=False,
        help_text=_("Id of one of your own workouts, or null."),
    )
    duration_minutes = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Whole minutes; null while ongoing.")
    )
    sensations = vocabulary_list(Sensation, required=True)
    locations = vocabulary_list(Location, required=True)
    accompanying = vocabulary_list(Accompanying, required=False)
    relief_actions = vocabulary_list(ReliefAction, required=False)
    uuid = StrictUUIDField(required=False, write_only=True, help_text=CLIENT_UUID_HELP)

    class Meta:
        model = Episode
        fields = [
            "id",
            "workout",
            "started_at",
            "ended_at",
            "duration_minutes",
            "sensations",
            "locations",
            "side",
            "severity",
            "accompanying",
            "relief_actions",
            "notes",
            "created_at",
            "uuid",
        ]
        read_only_fields = ["id", "duration_minutes", "created_at"]


class GuidanceSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=[("info", "info"), ("urgent", "urgent")])
    text = serializers.CharField()


class EpisodeCreatedSerializer(EpisodeSerializer):
    """The answer to logging an episode: the episode with first-aid guidance, computed now."""

    guidance = serializers.SerializerMethodField(
        help_text=_(
            "First-aid steps (level info); urgent advice first (level urgent) when an "
            "emergency symptom is listed, or signs of a compressed nerve root at the base of "
            "the spine (the condition of alert possible_cauda_equina)."
        )
    )

    class Meta(EpisodeSerializer.Meta):
        fields = [*EpisodeSerializer.Meta.fields, "guidance"]

    @extend_schema_field(GuidanceSerializer(many=True))
    def get_guidance(self, episode: Episode) -> list[dict[str, str]]:
        with translation.override(request_language(self.context.get("request"))):
            guidance = guidance_for(
                sensations=episode.sensations,
                locations=episode.locations,
                side=episode.side,
                accompanying=episode.accompanying,
            )
            return [item.as_dict() for item in guidance]


class EpisodeEndSerializer(serializers.Serializer):
    ended_at = ZonedDateTimeField(
        required=False, allow_null=True, help_text=_("When it ended; now when left out.")
    )
