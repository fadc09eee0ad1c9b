"""Web forms for episodes: the vocabulary as tappable chips, locations as a simple body map.

The forms only parse; ``symptoms.services`` decides what is valid (at least one
sensation and location, no start in the future, one's own workout) and its
``ValidationError`` is shown on the form by ``common.forms.add_service_errors``.
"""

from datetime import datetime, timedelta
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from common.forms import (
    BodyMapSelectMultiple,
    ChipCheckboxSelectMultiple,
    ChipRadioSelect,
    DateTimeLocalInput,
    WebForm,
)
from symptoms.definitions import EMERGENCY_SYMPTOMS, associated_workouts, candidate_starts
from symptoms.services import EPISODE_FIELDS
from symptoms.vocabulary import (
    Accompanying,
    Location,
    ReliefAction,
    Sensation,
    Side,
)
from tracker.models import Workout
from tracker.selectors import workout_list

# Workouts offered in the form's list (older ones stay reachable through ?workout=<id>).
WORKOUT_CHOICE_DAYS = 14

CHOOSE_ONE = _("Choose at least one.")

LOCATION_ROWS = (
    (
        _("Lower back, hip and saddle area"),
        (Location.LOWER_BACK, Location.BUTTOCK, Location.SADDLE_AREA),
    ),
    (_("Upper leg"), (Location.THIGH, Location.OUTER_THIGH, Location.HAMSTRING)),
    (_("Knee"), (Location.KNEE,)),
    (_("Lower leg"), (Location.SHIN, Location.CALF, Location.ANKLE)),
    (_("Foot and toes"), (Location.FOOT, Location.FOOT_SOLE, Location.TOES)),
)


def recent_workout(*, user: Any, now: datetime) -> Workout | None:
    """The latest workout an episode starting ``now`` is associated with (started by
    ``now``, ended at most 2 hours before it: ``symptoms.definitions``), or None."""
    first, last = candidate_starts(now)
    candidates = list(workout_list(user=user).filter(started_at__gte=first, started_at__lte=last))
    associated = associated_workouts(started_at=now, workout_id=None, workouts=candidates)
    return associated[-1] if associated else None


class WorkoutChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Workout) -> str:
        return "{activity} · {when} · {minutes}".format(
            activity=obj.get_activity_display(),
            when=date_format(timezone.localtime(obj.started_at), "DATETIME_FORMAT"),
            minutes=_("%(minutes)d min") % {"minutes": obj.duration_minutes},
        )


def _chips(choices: Any, **kwargs: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=choices, required=False, widget=ChipCheckboxSelectMultiple, **kwargs
    )


class SymptomFields(WebForm):
    """What was felt, where, and what helped: shared by the full and the quick form."""

    sensations = forms.MultipleChoiceField(
        label=_("What do you feel?"),
        choices=Sensation.choices,
        error_messages={"required": CHOOSE_ONE},
        widget=ChipCheckboxSelectMultiple,
    )
    locations = forms.MultipleChoiceField(
        label=_("Where?"),
        error_messages={"required": CHOOSE_ONE},
        choices=[(label, [(code, code.label) for code in row]) for label, row in LOCATION_ROWS],
        widget=BodyMapSelectMultiple,
    )
    side = forms.ChoiceField(
        label=_("Which side?"), choices=Side.choices, initial=Side.BOTH, widget=ChipRadioSelect
    )
    severity = forms.TypedChoiceField(
        label=_("How strong (optional)?"),
        help_text=_("0 nothing at all, 10 the worst you can imagine."),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(n, str(n)) for n in range(11)],
        widget=ChipRadioSelect(attrs={"class": "chips-scale"}),
    )
    accompanying = forms.MultipleChoiceField(
        label=_("Anything else?"),
        help_text=_("Symptoms marked ⚠ need medical help now."),
        required=False,
        choices=Accompanying.choices,
        widget=ChipCheckboxSelectMultiple(emphasised=frozenset(EMERGENCY_SYMPTOMS)),
    )
    relief_actions = _chips(ReliefAction.choices, label=_("What did you do?"))


class EpisodeQuickForm(SymptomFields):
    """The short form shown while an episode is ongoing."""


class EpisodeForm(SymptomFields):
    workout = WorkoutChoiceField(
        label=_("After which workout?"),
        queryset=Workout.objects.none(),
        required=False,
        empty_label=_("Not after a workout"),
    )
    started_at = forms.DateTimeField(
        label=_("Started at"), widget=DateTimeLocalInput, help_text=_("In your time zone.")
    )
    ended_at = forms.DateTimeField(
        label=_("Ended at"),
        required=False,
        widget=DateTimeLocalInput,
        help_text=_("Leave empty while it is still going on."),
    )
    notes = forms.CharField(
        label=_("Notes (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    field_order = list(EPISODE_FIELDS)

    def __init__(
        self, *args: Any, user: Any, now: datetime, keep: Workout | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        recent = Q(started_at__gte=now - timedelta(days=WORKOUT_CHOICE_DAYS))
        if keep is not None:
            recent |= Q(pk=keep.pk)
        workout_field = cast(WorkoutChoiceField, self.fields["workout"])
        workout_field.queryset = workout_list(user=user).filter(recent)
