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
from django.utils.translation import ngettext

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


# How far back the start of "my legs are numb now" may be carried by the page.
NUMB_NOW_MAX_HOURS = 12


def parse_since(value: object, *, now: datetime) -> datetime | None:
    """When the button was pressed (Unix seconds carried by the page), or None when it is
    not a number, lies in the future or more than ``NUMB_NOW_MAX_HOURS`` back."""
    try:
        started = datetime.fromtimestamp(int(str(value)), tz=timezone.get_current_timezone())
    except (OverflowError, OSError, ValueError):
        return None
    if started > now + timedelta(minutes=1):
        return None
    if started < now - timedelta(hours=NUMB_NOW_MAX_HOURS):
        return None
    return min(started, now)


class NumbNowForm(WebForm):
    """ "My legs are numb now": the two questions, what and where, one tap each.

    Nothing is guessed: the episode is recorded with the person's answers, starting when
    the button was pressed (``since``, carried by the page), and linked to the workout
    just done only when the person confirms it."""

    sensations = SymptomFields.base_fields["sensations"]
    locations = SymptomFields.base_fields["locations"]
    side = SymptomFields.base_fields["side"]
    since = forms.IntegerField(widget=forms.HiddenInput)
    link_workout = forms.BooleanField(required=False)

    def __init__(self, *args: Any, now: datetime, workout: Workout | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.now = now
        self.workout = workout
        if workout is None:
            del self.fields["link_workout"]
        else:
            self.fields["link_workout"].label = _(
                "Yes, it started after my workout (%(activity)s at %(time)s)"
            ) % {
                "activity": workout.get_activity_display(),
                "time": date_format(timezone.localtime(workout.started_at), "TIME_FORMAT"),
            }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        started = parse_since(cleaned.get("since"), now=self.now)
        if started is None:
            # "since" is hidden: the error is shown at the top of the form.
            self.add_error(None, _("The start time is not valid. Press the button again."))
        cleaned["since"] = started
        return cleaned

    def episode_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "started_at": data["since"],
            "sensations": data["sensations"],
            "locations": data["locations"],
            "side": data["side"],
            "workout": self.workout if data.get("link_workout") else None,
        }


# "Started N minutes ago" and "lasted N minutes": the common case of a past episode in taps.
STARTED_AGO_MINUTES = (15, 30, 60, 120)
LASTED_MINUTES = (5, 10, 20, 30, 60)
AFTER_LAST_WORKOUT = "last_workout"


def template_hours(hours: int, template: str) -> str:
    if template == "ago":
        return ngettext("%(hours)d hour ago", "%(hours)d hours ago", hours) % {"hours": hours}
    return ngettext("%(hours)d hour", "%(hours)d hours", hours) % {"hours": hours}


def started_ago_choices(last: Workout | None) -> list[tuple[str, str]]:
    choices = [("0", str(_("Just now")))]
    for minutes in STARTED_AGO_MINUTES:
        if minutes % 60 == 0:
            label = template_hours(minutes // 60, "ago")
        else:
            label = _("%(minutes)d min ago") % {"minutes": minutes}
        choices.append((str(minutes), label))
    if last is not None:
        choices.append(
            (
                AFTER_LAST_WORKOUT,
                _("After my last workout (%(activity)s, ended %(time)s)")
                % {
                    "activity": last.get_activity_display(),
                    "time": date_format(timezone.localtime(last.ended_at), "TIME_FORMAT"),
                },
            )
        )
    return choices


def lasted_choices() -> list[tuple[str, str]]:
    choices = [("", str(_("Still going on")))]
    for minutes in LASTED_MINUTES:
        if minutes % 60 == 0:
            label = template_hours(minutes // 60, "lasted")
        else:
            label = _("%(minutes)d min") % {"minutes": minutes}
        choices.append((str(minutes), label))
    return choices


class EpisodeForm(SymptomFields):
    """The full form. The common case (what, where, side, how strong, when) is answered
    with chips: "started N minutes ago" or "after my last workout" and "lasted N minutes"
    fill the exact times, which stay editable for anything else."""

    started_ago = forms.ChoiceField(
        label=_("When did it start?"), required=False, widget=ChipRadioSelect
    )
    lasted = forms.ChoiceField(
        label=_("How long did it last?"), required=False, widget=ChipRadioSelect
    )
    workout = WorkoutChoiceField(
        label=_("After which workout?"),
        queryset=Workout.objects.none(),
        required=False,
        empty_label=_("Not after a workout"),
    )
    started_at = forms.DateTimeField(
        label=_("Started at"),
        required=False,
        widget=DateTimeLocalInput,
        help_text=_("In your time zone."),
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
    # Shown first, in one phone screen; the other fields are folded below them.
    common_fields = ("sensations", "locations", "side", "severity", "started_ago", "lasted")
    exact_time_fields = ("started_at", "ended_at")
    more_fields = ("accompanying", "relief_actions", "workout", "notes")

    def __init__(
        self, *args: Any, user: Any, now: datetime, keep: Workout | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.now = now
        recent = Q(started_at__gte=now - timedelta(days=WORKOUT_CHOICE_DAYS))
        if keep is not None:
            recent |= Q(pk=keep.pk)
        workout_field = cast(WorkoutChoiceField, self.fields["workout"])
        workout_field.queryset = workout_list(user=user).filter(recent)
        self.last_workout = (
            workout_list(user=user)
            .filter(recent, started_at__lte=now)
            .order_by("-started_at")
            .first()
        )
        if self.last_workout is not None and self.last_workout.ended_at > now:
            self.last_workout = None  # still going on: "after" it is not yet
        ago = cast(forms.ChoiceField, self.fields["started_ago"])
        ago.choices = started_ago_choices(self.last_workout)
        lasted = cast(forms.ChoiceField, self.fields["lasted"])
        lasted.choices = lasted_choices()

    @property
    def now_local(self) -> str:
        return f"{timezone.localtime(self.now):%Y-%m-%dT%H:%M}"

    @property
    def last_workout_end_local(self) -> str:
        if self.last_workout is None:
            return ""
        return f"{timezone.localtime(self.last_workout.ended_at):%Y-%m-%dT%H:%M}"

    def bound_group(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def common(self) -> list[forms.BoundField]:
        return self.bound_group(self.common_fields)

    def exact_times(self) -> list[forms.BoundField]:
        return self.bound_group(self.exact_time_fields)

    def more(self) -> list[forms.BoundField]:
        return self.bound_group(self.more_fields)

    def more_has_errors(self) -> bool:
        return any(self[name].errors for name in self.more_fields + self.exact_time_fields)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        ago = cleaned.pop("started_ago", "")
        lasted = cleaned.pop("lasted", "")
        if ago == AFTER_LAST_WORKOUT and self.last_workout is not None:
            cleaned["started_at"] = self.last_workout.ended_at
            cleaned["workout"] = self.last_workout  # the person chose it: linked, not guessed
        elif ago and ago.isdigit():
            cleaned["started_at"] = (self.now - timedelta(minutes=int(ago))).replace(
                second=0, microsecond=0
            )
        if cleaned.get("started_at") is None:
            if "started_at" not in self.errors:
                self.add_error("started_at", _("Say when it started."))
            return cleaned
        if lasted and lasted.isdigit():
            cleaned["ended_at"] = cleaned["started_at"] + timedelta(minutes=int(lasted))
        return cleaned
