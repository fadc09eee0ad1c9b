"""Forms of the insights pages: they parse, the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import ChipRadioSelect, WebForm
from insights import mnsi
from insights.experiment_stats import MAX_PLANNED, MIN_PLANNED
from tracker.models import Activity, ExposureTag

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ExperimentForm(WebForm):
    """ "Looser laces for 8 stepper sessions"."""

    activity = forms.ChoiceField(
        label=_("Activity"), choices=Activity.choices, widget=ChipRadioSelect
    )
    change_tag = forms.ChoiceField(
        label=_("What you change"),
        required=False,
        choices=ExposureTag.choices,
        widget=ChipRadioSelect,
    )
    change_text = forms.CharField(
        label=_("In your words (optional if you chose above)"),
        required=False,
        max_length=120,
        help_text=_("For example: looser laces."),
    )
    planned_sessions = forms.IntegerField(
        label=_("For how many sessions?"),
        initial=8,
        min_value=MIN_PLANNED,
        max_value=MAX_PLANNED,
        help_text=_("At least %(min)d: fewer sessions could not show a difference from chance.")
        % {"min": MIN_PLANNED},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("change_tag") and not (cleaned.get("change_text") or "").strip():
            self.add_error("change_text", _("Say what you change."))
        return cleaned


class MnsiForm(WebForm):
    """The 15 MNSI questions in the instrument's English wording (``insights.mnsi``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number, question in enumerate(mnsi.QUESTIONS, start=1):
            self.fields[f"q{number}"] = forms.ChoiceField(
                label=f"{number}. {question}", choices=YES_NO, widget=ChipRadioSelect
            )

    def answers(self) -> list[bool]:
        return [self.cleaned_data[f"q{n}"] == "yes" for n in range(1, mnsi.ITEM_COUNT + 1)]
