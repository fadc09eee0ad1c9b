"""The small pieces alert wording is made of: dates, durations, lists, and the vocabulary
as it reads inside a sentence, all in the active language."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

# --- Pieces --------------------------------------------------------------------------


def format_date(iso: str) -> str:
    """``2026-11-23`` as "23 Nov 2026" / "23 Nov 2026": LegLog's one date style
    (``DATE_FORMAT`` in common/formats/<language>/formats.py)."""
    return date_format(date.fromisoformat(iso), "DATE_FORMAT")


def format_duration(minutes: int) -> str:
    """Whole minutes as "45 minutes" or "1 hour 15 minutes"."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return ngettext("%(n)d minute", "%(n)d minutes", rest) % {"n": rest}
    text = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    if rest:
        text = _("%(hours)s %(minutes)s") % {
            "hours": text,
            "minutes": ngettext("%(n)d minute", "%(n)d minutes", rest) % {"n": rest},
        }
    return text


def join(items: Iterable[str]) -> str:
    """ "a", "a and b", "a, b and c" in the active language."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def phrases(table: Mapping[str, Callable[[], str]], codes: Iterable[str]) -> list[str]:
    return [table[c]() if c in table else c.replace("_", " ") for c in codes]


ACTIVITY = {
    "running": lambda: pgettext("activity in a sentence", "running"),
    "walking": lambda: pgettext("activity in a sentence", "walking"),
    "cycling": lambda: pgettext("activity in a sentence", "cycling"),
    "weightlifting": lambda: pgettext("activity in a sentence", "weightlifting"),
    "yoga": lambda: pgettext("activity in a sentence", "yoga"),
    "stepper": lambda: pgettext("activity in a sentence", "stepper"),
    "elliptical": lambda: pgettext("activity in a sentence", "elliptical trainer"),
    "swimming": lambda: pgettext("activity in a sentence", "swimming"),
    "hiit": lambda: pgettext("activity in a sentence", "HIIT"),
    "other": lambda: pgettext("activity in a sentence", "uncategorised"),
}

LOCATION = {
    "thigh": lambda: pgettext("body part in a sentence", "thigh"),
    "outer_thigh": lambda: pgettext("body part in a sentence", "outer thigh"),
    "hamstring": lambda: pgettext("body part in a sentence", "back of the thigh"),
    "knee": lambda: pgettext("body part in a sentence", "knee"),
    "calf": lambda: pgettext("body part in a sentence", "calf"),
    "shin": lambda: pgettext("body part in a sentence", "shin"),
    "ankle": lambda: pgettext("body part in a sentence", "ankle"),
    "foot": lambda: pgettext("body part in a sentence", "foot"),
    "foot_sole": lambda: pgettext("body part in a sentence", "sole of the foot"),
    "toes": lambda: pgettext("body part in a sentence", "toes"),
    "buttock": lambda: pgettext("body part in a sentence", "buttock"),
    "lower_back": lambda: pgettext("body part in a sentence", "lower back"),
    "saddle_area": lambda: pgettext(
        "body part in a sentence", "saddle area (groin, genitals, inner thighs and buttocks)"
    ),
}

SYMPTOM = {
    "pain": lambda: pgettext("symptom in a sentence", "pain"),
    "nausea": lambda: pgettext("symptom in a sentence", "nausea"),
    "breathing_difficulty": lambda: pgettext("symptom in a sentence", "difficulty breathing"),
    "severe_leg_pain": lambda: pgettext("symptom in a sentence", "severe leg pain"),
    "loss_of_consciousness": lambda: pgettext(
        "symptom in a sentence", "fainting or loss of consciousness"
    ),
    "limited_range_of_motion": lambda: pgettext(
        "symptom in a sentence", "a limited range of motion"
    ),
    "immobility": lambda: pgettext("symptom in a sentence", "being unable to move the leg"),
    "difficulty_urinating": lambda: pgettext("symptom in a sentence", "difficulty urinating"),
    "bowel_control_change": lambda: pgettext("symptom in a sentence", "a change in bowel control"),
    "rash": lambda: pgettext("symptom in a sentence", "a rash in the area"),
    "dizziness": lambda: pgettext("symptom in a sentence", "dizziness"),
    "loss_of_balance": lambda: pgettext("symptom in a sentence", "loss of balance"),
}


def activity_name(code: str) -> str:
    return phrases(ACTIVITY, [code])[0]
