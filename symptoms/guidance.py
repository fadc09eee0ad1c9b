"""First-aid guidance shown the moment an episode is logged, computed at once (no queue).

From the article: stop exercising, sit or lie with the legs raised, keep them still for
10 to 20 minutes, loosen tight clothing; seek medical help at once for nausea,
difficulty breathing, severe leg pain or loss of consciousness. Beyond the article (UK NHS
guidance): numbness in the saddle area, or a change in bladder or bowel control with back
pain or symptoms in both legs, needs emergency care too (alert ``possible_cauda_equina``).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from symptoms.definitions import emergency_symptoms_in, has_cauda_equina_signs

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


def cauda_equina_advice() -> Guidance:
    return Guidance(
        "urgent",
        _(
            "Numbness in the saddle area, or a change in bladder or bowel control with back "
            "pain or symptoms in both legs, needs emergency care now: the nerves at the base "
            "of the spine may be compressed. Call %(number)s or go to the nearest emergency "
            "department. Do not drive yourself."
        )
        % {"number": settings.EMERGENCY_NUMBER},
    )


def has_emergency_symptom(accompanying: Iterable[str]) -> bool:
    return bool(emergency_symptoms_in(accompanying))


def urgent_advice(
    *,
    sensations: Iterable[str],
    locations: Iterable[str],
    side: str,
    accompanying: Iterable[str],
) -> list[Guidance]:
    """ "Seek help now" for an emergency symptom, and for signs of a compressed nerve root
    at the base of the spine (the condition of ``possible_cauda_equina``); empty otherwise."""
    accompanying = list(accompanying)
    advice = []
    if has_emergency_symptom(accompanying):
        advice.append(emergency_advice())
    if has_cauda_equina_signs(
        sensations=sensations, locations=locations, side=side, accompanying=accompanying
    ):
        advice.append(cauda_equina_advice())
    return advice


def guidance_for(
    *,
    sensations: Iterable[str],
    locations: Iterable[str],
    side: str,
    accompanying: Iterable[str],
) -> list[Guidance]:
    """The urgent advice that applies first (level urgent), then the first-aid steps."""
    urgent = urgent_advice(
        sensations=sensations, locations=locations, side=side, accompanying=accompanying
    )
    return [*urgent, *first_aid_steps()]
