"""First-aid guidance shown the moment an episode is logged, computed at once (no queue).

From the article: stop exercising, sit or lie with the legs raised, keep them still for
10 to 20 minutes, loosen tight clothing; seek medical help at once for nausea,
difficulty breathing, severe leg pain or loss of consciousness.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from symptoms.vocabulary import EMERGENCY_SYMPTOMS

REST_MINUTES = (10, 20)


@dataclass(frozen=True)
class Guidance:
    level: str  # "info" or "urgent"
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"level": self.level, "text": self.text}


def first_aid_steps() -> list[Guidance]:
    low, high = REST_MINUTES
    return [
        Guidance("info", _("Stop exercising now.")),
        Guidance("info", _("Sit or lie down with your legs raised to help blood flow back.")),
        Guidance(
            "info",
            _("Keep your legs still for %(low)d to %(high)d minutes.") % {"low": low, "high": high},
        ),
        Guidance("info", _("Loosen or take off tight clothing or trousers.")),
    ]


def emergency_advice() -> Guidance:
    return Guidance(
        "urgent",
        _(
            "You listed a symptom that needs medical help now. Call %(number)s or go to the "
            "nearest emergency department. Do not drive yourself."
        )
        % {"number": settings.EMERGENCY_NUMBER},
    )


def has_emergency_symptom(accompanying: Iterable[str]) -> bool:
    return bool(EMERGENCY_SYMPTOMS.intersection(accompanying))


def guidance_for(*, accompanying: Iterable[str]) -> list[Guidance]:
    """Emergency advice first when an emergency symptom is listed, then the first-aid steps."""
    steps = first_aid_steps()
    if has_emergency_symptom(accompanying):
        return [emergency_advice(), *steps]
    return steps
