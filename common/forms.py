"""Form pieces every app's pages share: service errors on the form, pickers, chips.

Each form only turns text into typed values; every rule is checked by the service,
whose ``ValidationError`` is put back on the form by ``add_service_errors``.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, else on top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date-and-time picker; the value is read in the person's own zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ChipRadioSelect(forms.RadioSelect):
    """Radio buttons drawn as large tappable chips."""

    template_name = "common/widgets/chips.html"
    option_template_name = "common/widgets/chip_option.html"


class ChipCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes drawn as large tappable chips; values in ``emphasised`` stand out."""

    template_name = "common/widgets/chips.html"
    option_template_name = "common/widgets/chip_option.html"

    def __init__(
        self, attrs: dict[str, Any] | None = None, *, emphasised: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(attrs=attrs)
        self.emphasised = emphasised

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["emphasised"] = option["value"] in self.emphasised
        return option


class WebForm(forms.Form):
    """Labels without the trailing colon (the label sits above its field)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class BodyMapSelectMultiple(ChipCheckboxSelectMultiple):
    """Location chips in rows from the lower back down to the toes (grouped choices)."""

    template_name = "common/widgets/body_map.html"
