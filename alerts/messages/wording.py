"""What each rule's alert says: its title, what was seen and what it may point to, and
what to do. One function or lambda per rule code, reading the finding's parameters."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alerts.messages.phrases import (
    LOCATION,
    SYMPTOM,
    activity_name,
    format_date,
    format_duration,
    join,
    phrases,
)
from alerts.rules.codes import RuleCode

# --- Titles --------------------------------------------------------------------------

TITLES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    RuleCode.EMERGENCY_SYMPTOMS: lambda c: _("Symptoms that need medical help now"),
    RuleCode.PROLONGED_TINGLING: lambda c: _("Numbness or tingling that lasted over an hour"),
    RuleCode.TINGLING_WITH_RED_FLAGS: lambda c: _("Tingling with warning signs"),
    RuleCode.POSSIBLE_CAUDA_EQUINA: lambda c: _(
        "Signs at the base of the spine that need help now"
    ),
    RuleCode.RECURRING_WITH_STEPPER: lambda c: _("Numbness keeps coming back on the stepper"),
    RuleCode.RECURRING_WITH_ACTIVITY: lambda c: _("Numbness keeps coming back with %(activity)s")
    % {"activity": activity_name(c.get("activity", "other"))},
    RuleCode.PERSISTENT_OR_WORSENING: lambda c: _("Symptoms that persist or are getting worse"),
    RuleCode.POSSIBLE_MERALGIA_PARESTHETICA: lambda c: _("Burning or pain in the outer thigh"),
    RuleCode.POSSIBLE_TARSAL_TUNNEL: lambda c: _("Burning and numbness in the sole of the foot"),
    RuleCode.POSSIBLE_NERVE_COMPRESSION: lambda c: _("Lower back and leg symptoms together"),
}


# --- What was seen and what it may point to --------------------------------------------


def _emergency(c: Mapping[str, Any]) -> list[str]:
    return [
        _("On %(date)s at %(time)s you logged %(symptoms)s with your leg symptoms.")
        % {
            "date": format_date(c["date"]),
            "time": c["time"],
            "symptoms": join(phrases(SYMPTOM, c.get("symptoms", []))),
        },
        _(
            "Alongside leg symptoms, these can be signs of poor blood flow or another serious "
            "problem that needs to be checked straight away."
        ),
    ]


def _prolonged(c: Mapping[str, Any]) -> list[str]:
    values = {
        "date": format_date(c["date"]),
        "time": c["time"],
        "duration": format_duration(c["minutes"]),
    }
    if c.get("ongoing"):
        seen = (
            _(
                "The numbness or tingling that started on %(date)s at %(time)s has now "
                "lasted %(duration)s."
            )
            % values
        )
    else:
        seen = (
            _("The numbness or tingling you logged on %(date)s at %(time)s lasted %(duration)s.")
            % values
        )
    return [
        seen,
        _(
            "Tingling that lasts more than an hour is a warning sign: it may mean the blood "
            "supply to the leg was reduced or a nerve was pressed, and a doctor should look "
            "at it."
        ),
    ]


def _red_flags(c: Mapping[str, Any]) -> list[str]:
    return [
        _("On %(date)s at %(time)s you logged numbness or tingling together with %(flags)s.")
        % {
            "date": format_date(c["date"]),
            "time": c["time"],
            "flags": join(phrases(SYMPTOM, c.get("flags", []))),
        },
        _(
            "Tingling that comes with these signs is more than ordinary tiredness: it may point "
            "to a pinched nerve or poor blood flow, and deserves a doctor's look."
        ),
    ]


def _cauda_equina(c: Mapping[str, Any]) -> list[str]:
    values = {"date": format_date(c["date"]), "time": c["time"]}
    parts = []
    if c.get("saddle"):
        parts.append(
            _(
                "On %(date)s at %(time)s you logged numbness or tingling in the saddle area "
                "(groin, genitals, inner thighs and buttocks)."
            )
            % values
        )
    symptoms = c.get("symptoms") or []
    if symptoms:
        values["symptoms"] = join(phrases(SYMPTOM, symptoms))
        if c.get("lower_back") and c.get("both_sides"):
            seen = _(
                "On %(date)s at %(time)s you logged %(symptoms)s together with symptoms in "
                "your lower back and on both sides."
            )
        elif c.get("lower_back"):
            seen = _(
                "On %(date)s at %(time)s you logged %(symptoms)s together with symptoms in "
                "your lower back."
            )
        else:
            seen = _(
                "On %(date)s at %(time)s you logged %(symptoms)s together with symptoms on "
                "both sides."
            )
        parts.append(seen % values)
    parts.append(
        _(
            "Numbness in the saddle area, or a new change in bladder or bowel control with back "
            "pain or symptoms in both legs, can mean a compressed nerve root at the base of the "
            "spine (cauda equina syndrome), which hospitals treat as an emergency (UK NHS "
            "guidance)."
        )
    )
    return parts


def _recurring_seen(c: Mapping[str, Any]) -> str:
    """Episodes and sessions counted separately; the dates are the first and last session's."""
    episodes, sessions = int(c["episodes"]), int(c["sessions"])
    return _(
        "Numbness or tingling kept coming back: %(episodes)s after %(sessions)s between "
        "%(first)s and %(last)s."
    ) % {
        "episodes": ngettext("%(n)d episode", "%(n)d episodes", episodes) % {"n": episodes},
        "sessions": ngettext("%(n)d %(activity)s session", "%(n)d %(activity)s sessions", sessions)
        % {"n": sessions, "activity": activity_name(c.get("activity", "other"))},
        "first": format_date(c["first"]),
        "last": format_date(c["last"]),
    }


def _recurring_stepper(c: Mapping[str, Any]) -> list[str]:
    return [
        _recurring_seen(c),
        _(
            'Feet that keep going numb on a step machine (sometimes called "stepper feet") '
            "are worth attention: a nerve in the foot or ankle may be under pressure, and a "
            "rare cause is tarsal tunnel syndrome."
        ),
    ]


def _recurring_activity(c: Mapping[str, Any]) -> list[str]:
    return [
        _recurring_seen(c),
        _(
            "When the same activity keeps bringing it on, something in how you do it may be "
            "slowing blood flow or pressing a nerve: a position held for a long time, very "
            "heavy repetitions, or tight clothing or shoes."
        ),
    ]


def _persistent(c: Mapping[str, Any]) -> list[str]:
    parts = []
    persistent = c.get("persistent")
    if persistent:
        days = int(persistent["days"])
        parts.append(
            ngettext(
                "You logged numbness or tingling on %(days)d different day between %(first)s "
                "and %(last)s.",
                "You logged numbness or tingling on %(days)d different days between %(first)s "
                "and %(last)s.",
                days,
            )
            % {
                "days": days,
                "first": format_date(persistent["first"]),
                "last": format_date(persistent["last"]),
            }
        )
    worsening = c.get("worsening")
    if worsening:
        dates = join(format_date(d) for d in worsening["dates"])
        if worsening.get("minutes"):
            parts.append(
                _(
                    "Your last three episodes (%(dates)s) each lasted longer than the one "
                    "before: %(durations)s."
                )
                % {
                    "dates": dates,
                    "durations": join(format_duration(m) for m in worsening["minutes"]),
                }
            )
        if worsening.get("severities"):
            parts.append(
                _(
                    "Your last three episodes (%(dates)s) were each more severe than the one "
                    "before: %(severities)s out of 10."
                )
                % {"dates": dates, "severities": join(str(s) for s in worsening["severities"])}
            )
    parts.append(
        _(
            "Symptoms that persist or get worse should be seen by a doctor promptly. Narrowed "
            "or blocked arteries (peripheral artery disease, PAD) are among the causes a "
            "doctor may want to rule out, as they need prompt treatment."
        )
    )
    return parts


def _risk_factor(factor: Mapping[str, Any]) -> str:
    code = factor.get("code")
    if code == "tight_clothing":
        return _("tight clothing during a workout")
    if code == "weight_gain":
        return _("a weight gain of %(kg)s kg (%(percent)s%%) in the 90 days before") % {
            "kg": number_format(Decimal(factor["kg"]), 1),
            "percent": number_format(Decimal(factor["percent"]), 1),
        }
    if code == "repetitive_activity":
        return _("repetitive leg movement (%(activities)s)") % {
            "activities": join(activity_name(a) for a in factor.get("activities", []))
        }
    return str(code)


def _meralgia(c: Mapping[str, Any]) -> list[str]:
    count = int(c.get("count", 1))
    if count > 1:
        seen = _(
            "In 30 days you logged burning or pain in the outer thigh %(count)d times, most "
            "recently on %(date)s."
        ) % {"count": count, "date": format_date(c["date"])}
    else:
        seen = _("On %(date)s you logged burning or pain in the outer thigh.") % {
            "date": format_date(c["date"])
        }
    parts = [
        seen,
        _(
            "Burning, pain or tingling in the outer thigh can come from a large sensory nerve "
            "being compressed, a condition known as meralgia paresthetica (Bernhardt-Roth "
            "syndrome)."
        ),
    ]
    factors = c.get("risk_factors") or []
    if factors:
        parts.append(
            _("Your log shows things that can add to that pressure: %(factors)s.")
            % {"factors": join(_risk_factor(f) for f in factors)}
        )
    else:
        parts.append(
            _(
                "Your log shows none of the usual contributors (tight clothing, recent weight "
                "gain, repetitive leg movement)."
            )
        )
    return parts


def _tarsal(c: Mapping[str, Any]) -> list[str]:
    return [
        _("On %(date)s you logged burning with numbness or tingling in the sole of the foot.")
        % {"date": format_date(c["date"])},
        _(
            "Burning and numbness in the sole of the foot can point to a pressed nerve at the "
            "inner ankle, a rare condition called tarsal tunnel syndrome."
        ),
    ]


def _nerve(c: Mapping[str, Any]) -> list[str]:
    return [
        _(
            "On %(date)s you logged numbness or tingling in the lower back and in the "
            "%(places)s at the same time."
        )
        % {
            "date": format_date(c["date"]),
            "places": join(phrases(LOCATION, c.get("leg_locations", []))),
        },
        _(
            "Symptoms in the lower back and the leg together can come from a pinched nerve in "
            "the lower back, for example from a herniated disc, which can also affect how well "
            "you move and keep your balance."
        ),
    ]


BODIES: dict[str, Callable[[Mapping[str, Any]], list[str]]] = {
    RuleCode.EMERGENCY_SYMPTOMS: _emergency,
    RuleCode.PROLONGED_TINGLING: _prolonged,
    RuleCode.TINGLING_WITH_RED_FLAGS: _red_flags,
    RuleCode.POSSIBLE_CAUDA_EQUINA: _cauda_equina,
    RuleCode.RECURRING_WITH_STEPPER: _recurring_stepper,
    RuleCode.RECURRING_WITH_ACTIVITY: _recurring_activity,
    RuleCode.PERSISTENT_OR_WORSENING: _persistent,
    RuleCode.POSSIBLE_MERALGIA_PARESTHETICA: _meralgia,
    RuleCode.POSSIBLE_TARSAL_TUNNEL: _tarsal,
    RuleCode.POSSIBLE_NERVE_COMPRESSION: _nerve,
}


# --- What to do ----------------------------------------------------------------------

ADVICE: dict[str, Callable[[], str]] = {
    RuleCode.EMERGENCY_SYMPTOMS: lambda: _(
        "Stop exercising and seek medical help now: call %(number)s or go to the nearest "
        "emergency department. Do not drive yourself."
    )
    % {"number": settings.EMERGENCY_NUMBER},
    RuleCode.PROLONGED_TINGLING: lambda: _(
        "Stop exercising, sit or lie down with your legs raised and loosen tight clothing. "
        "Book a doctor's visit soon. If weakness, severe pain or other new symptoms appear, "
        "call %(number)s."
    )
    % {"number": settings.EMERGENCY_NUMBER},
    RuleCode.POSSIBLE_CAUDA_EQUINA: lambda: _(
        "Seek emergency care now: call %(number)s or go to the nearest emergency department. "
        "Do not wait to see if it passes, and do not drive yourself."
    )
    % {"number": settings.EMERGENCY_NUMBER},
    RuleCode.TINGLING_WITH_RED_FLAGS: lambda: _(
        "Book a doctor's visit soon and show them this log. If the symptoms get worse or new "
        "ones appear, seek help at once."
    ),
    RuleCode.RECURRING_WITH_STEPPER: lambda: _(
        "Book a doctor's visit soon. Until then, keep stepper sessions shorter, loosen your "
        "shoes, change your foot position often and stop as soon as the numbness starts."
    ),
    RuleCode.RECURRING_WITH_ACTIVITY: lambda: _(
        "Try changing how you train: shorter or lighter sessions, looser clothing and shoes, "
        "and breaks to move your legs. Stop as soon as the numbness starts. If it keeps "
        "coming back or gets worse, see a doctor."
    ),
    RuleCode.PERSISTENT_OR_WORSENING: lambda: _(
        "Book a doctor's visit promptly and bring your LegLog history. Seek help at once if "
        "your leg turns pale or cold, or you cannot move it."
    ),
    RuleCode.POSSIBLE_MERALGIA_PARESTHETICA: lambda: _(
        "The aim is to remove the compression on the nerve: wear looser trousers and belts "
        "around the hips, and ease off repetitive leg exercise for a while. Book a doctor's "
        "visit to have it checked."
    ),
    RuleCode.POSSIBLE_TARSAL_TUNNEL: lambda: _(
        "Book a doctor's visit to have it checked. Until then, wear roomy, well-fitting shoes "
        "and ease off exercise that brings it on."
    ),
    RuleCode.POSSIBLE_NERVE_COMPRESSION: lambda: _(
        "Book a doctor's visit to have it checked and avoid heavy lifting until then. Seek "
        "help at once if you have trouble urinating or your leg becomes weak."
    ),
}
