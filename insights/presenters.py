"""The insights in plain words, in the active language: every figure with how sure it is."""

from dataclasses import asdict, dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insights.stats import (
    DOSE_STEP_MINUTES,
    MIN_EACH_OUTCOME,
    MIN_KNOWN_SESSIONS,
    MIN_MODEL_SESSIONS,
    MIN_ONSETS,
    ActivityInsight,
    DoseResponse,
    Effect,
    Interval,
    NotEstimable,
    Onset,
    Rate,
    TimeToOnset,
)
from tracker.models import Activity


def activity_label(code: str) -> str:
    try:
        return str(Activity(code).label)
    except ValueError:
        return code


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _minutes(value: float) -> str:
    return str(round(value))


def _ratio(value: float) -> str:
    return number_format(value, 2)


def rate_text(rate: Rate) -> str:
    """ "6 of 14 sessions (43%), likely between 21% and 67%", or not enough data yet."""
    if rate.rate is None or rate.interval is None:
        return ngettext(
            "Not enough data yet: %(known)d session with a known outcome, %(needed)d needed.",
            "Not enough data yet: %(known)d sessions with a known outcome, %(needed)d needed.",
            rate.known,
        ) % {"known": rate.known, "needed": MIN_KNOWN_SESSIONS}
    return ngettext(
        "Symptoms after %(k)d of %(n)d session (%(rate)s), likely between %(low)s and %(high)s.",
        "Symptoms after %(k)d of %(n)d sessions (%(rate)s), likely between %(low)s and %(high)s.",
        rate.known,
    ) % {
        "k": rate.with_episode,
        "n": rate.known,
        "rate": _percent(rate.rate),
        "low": _percent(rate.interval.low),
        "high": _percent(rate.interval.high or 1.0),
    }


def no_answer_text(rate: Rate) -> str:
    if not rate.no_answer:
        return ""
    return ngettext(
        "%(count)d session has no answer yet (symptoms or not) and is left out.",
        "%(count)d sessions have no answer yet (symptoms or not) and are left out.",
        rate.no_answer,
    ) % {"count": rate.no_answer}


def onset_text(onset: Onset) -> str:
    if onset.count == 0:
        return _("No onset times yet.")
    split = _("%(during)d during the session, %(after)d after it.") % {
        "during": onset.during,
        "after": onset.after,
    }
    if onset.median_minutes is None or onset.interval is None:
        return (
            _("Onset: not enough data yet (%(count)d of %(needed)d episodes needed).")
            % {"count": onset.count, "needed": MIN_ONSETS}
            + " "
            + split
        )
    return (
        _(
            "Symptoms began a median of %(median)s minutes after the start "
            "(likely between %(low)s and %(high)s minutes)."
        )
        % {
            "median": _minutes(onset.median_minutes),
            "low": _minutes(onset.interval.low),
            "high": _minutes(onset.interval.high or onset.median_minutes),
        }
        + " "
        + split
    )


def time_to_onset_text(km: TimeToOnset) -> str:
    if not km.enough:
        return _("Time to onset: not enough data yet (%(count)d of %(needed)d sessions).") % {
            "count": km.sessions,
            "needed": MIN_KNOWN_SESSIONS,
        }
    if not km.reached or km.median_minutes is None or km.interval is None:
        return _(
            "Fewer than half of the sessions brought symptoms by 2 hours after their end, "
            "so there is no median time to onset."
        )
    if km.interval.high is None:
        return _(
            "Half of the sessions had brought symptoms by minute %(median)s "
            "(likely from minute %(low)s on; the upper limit is not known yet)."
        ) % {"median": _minutes(km.median_minutes), "low": _minutes(km.interval.low)}
    return _(
        "Half of the sessions had brought symptoms by minute %(median)s "
        "(likely between minute %(low)s and %(high)s)."
    ) % {
        "median": _minutes(km.median_minutes),
        "low": _minutes(km.interval.low),
        "high": _minutes(km.interval.high),
    }


def _reason_text(reason: NotEstimable) -> str:
    return {
        NotEstimable.TOO_FEW_SESSIONS: _("it needs %(count)d sessions with a known outcome.")
        % {"count": MIN_MODEL_SESSIONS},
        NotEstimable.TOO_FEW_EPISODES: _("it needs at least %(count)d sessions with symptoms.")
        % {"count": MIN_EACH_OUTCOME},
        NotEstimable.TOO_FEW_SYMPTOM_FREE: _("it needs at least %(count)d symptom-free sessions.")
        % {"count": MIN_EACH_OUTCOME},
        NotEstimable.SAME_DURATION: _("every session lasted the same time."),
        NotEstimable.SEPARATION: _(
            "the sessions split too cleanly by length (every long one with symptoms, or "
            "every short one), so no reliable estimate exists."
        ),
        NotEstimable.NO_CONVERGENCE: _("the model did not settle on an estimate."),
    }[reason]


def _effect_text(effect: Effect) -> str:
    return _("%(ratio)s times (likely between %(low)s and %(high)s times)") % {
        "ratio": _ratio(effect.odds_ratio),
        "low": _ratio(effect.low),
        "high": _ratio(effect.high),
    }


def dose_texts(dose: DoseResponse) -> list[str]:
    if dose.reason is not None or dose.duration is None:
        reason = dose.reason or NotEstimable.NO_CONVERGENCE
        return [
            _("Session length: cannot be estimated yet: %(reason)s")
            % {"reason": _reason_text(reason)}
        ]
    lines = [
        _("Odds of symptoms per %(step)d minutes longer: %(effect)s.")
        % {"step": DOSE_STEP_MINUTES, "effect": _effect_text(dose.duration)}
    ]
    if dose.intensity is not None:
        lines.append(
            _("Odds of symptoms per intensity point higher: %(effect)s.")
            % {"effect": _effect_text(dose.intensity)}
        )
    lines.append(_("An association in your own log, not proof of a cause; 1 would mean no link."))
    return lines


@dataclass(frozen=True)
class InsightRow:
    """One activity's insight in words, for the page, the card and the API."""

    activity: str
    label: str
    rate: str
    no_answer: str
    onset: str
    time_to_onset: str
    dose: list[str]
    insight: ActivityInsight


def insight_rows(insights: list[ActivityInsight]) -> list[InsightRow]:
    return [
        InsightRow(
            activity=item.activity,
            label=activity_label(item.activity),
            rate=rate_text(item.rate),
            no_answer=no_answer_text(item.rate),
            onset=onset_text(item.onset),
            time_to_onset=time_to_onset_text(item.time_to_onset),
            dose=dose_texts(item.dose),
            insight=item,
        )
        for item in insights
    ]


@dataclass(frozen=True)
class RateRow:
    """The dashboard card's top line for one activity."""

    activity: str
    label: str
    rate: str


def rate_rows(rates: list[tuple[str, Rate]]) -> list[RateRow]:
    return [RateRow(activity=a, label=activity_label(a), rate=rate_text(r)) for a, r in rates]


def _interval(interval: Interval | None) -> dict[str, Any] | None:
    return asdict(interval) if interval is not None else None


def _effect(effect: Effect | None) -> dict[str, Any] | None:
    return asdict(effect) if effect is not None else None


def insight_data(row: InsightRow) -> dict[str, Any]:
    """One activity's insight as the API (and the JSON export) gives it."""
    item = row.insight
    km = item.time_to_onset
    return {
        "activity": row.activity,
        "activity_label": row.label,
        "rate": {
            "sessions_with_episode": item.rate.with_episode,
            "sessions_known": item.rate.known,
            "sessions_no_answer": item.rate.no_answer,
            "rate": item.rate.rate,
            "interval": _interval(item.rate.interval),
            "text": row.rate,
        },
        "onset": {
            "episodes": item.onset.count,
            "during": item.onset.during,
            "after": item.onset.after,
            "median_minutes": item.onset.median_minutes,
            "interval": _interval(item.onset.interval),
            "text": row.onset,
        },
        "time_to_onset": {
            "sessions": km.sessions,
            "onsets": km.events,
            "enough_data": km.enough,
            "median_reached": km.reached,
            "median_minutes": km.median_minutes,
            "interval": _interval(km.interval),
            "text": row.time_to_onset,
        },
        "dose_response": {
            "sessions": item.dose.sessions,
            "estimable": item.dose.estimable,
            "reason": item.dose.reason.value if item.dose.reason else None,
            "per_10_minutes": _effect(item.dose.duration),
            "per_intensity_point": _effect(item.dose.intensity),
            "text": row.dose,
        },
    }
