"""The insights in plain words, in the active language: every figure with how sure it is."""

from dataclasses import asdict, dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insights import mnsi
from insights.experiment_stats import MIN_BASELINE_KNOWN, Arm, Comparison, Direction, NotCompared
from insights.models import Experiment
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


# --- "Try one fix" experiments ----------------------------------------------------------


def _arm_text(arm: Arm) -> str:
    """ "2 of 8 sessions with symptoms (25%, likely between 7% and 59%)"."""
    if arm.rate is None or arm.interval is None:
        return _("no session with a known outcome")
    return ngettext(
        "symptoms after %(k)d of %(n)d session (%(rate)s, likely between %(low)s and %(high)s)",
        "symptoms after %(k)d of %(n)d sessions (%(rate)s, likely between %(low)s and %(high)s)",
        arm.known,
    ) % {
        "k": arm.with_episode,
        "n": arm.known,
        "rate": _percent(arm.rate),
        "low": _percent(arm.interval.low),
        "high": _percent(arm.interval.high if arm.interval.high is not None else 1.0),
    }


def _p_value(value: float) -> str:
    return "< 0.001" if value < 0.001 else number_format(round(value, 3), 3)


def comparison_texts(comparison: Comparison) -> list[str]:
    """The experiment's state in words; the rates only once the planned sessions are done."""
    progress = _("%(done)d of %(planned)d planned sessions done.") % {
        "done": comparison.done,
        "planned": comparison.planned,
    }
    if comparison.reason is NotCompared.RUNNING:
        return [
            progress,
            _(
                "The result is shown after the planned sessions, not before: looking "
                "early makes chance look like an effect."
            ),
        ]
    if comparison.reason is NotCompared.ABANDONED:
        return [progress, _("Stopped before the planned sessions: no comparison is made.")]
    lines = [progress]
    if comparison.experiment is not None:
        lines.append(_("With the change: %(arm)s.") % {"arm": _arm_text(comparison.experiment)})
    if comparison.baseline is not None:
        lines.append(_("Before it: %(arm)s.") % {"arm": _arm_text(comparison.baseline)})
    if comparison.reason is NotCompared.NO_KNOWN_OUTCOMES:
        lines.append(
            _(
                'No session of the experiment has a known outcome: answer "no symptoms" or '
                "log an episode."
            )
        )
        return lines
    if comparison.reason is NotCompared.TOO_LITTLE_BASELINE:
        lines.append(
            _(
                "Too few sessions with a known outcome before the experiment "
                "(%(count)d needed) to compare."
            )
            % {"count": MIN_BASELINE_KNOWN}
        )
        return lines
    if comparison.test is None:
        return lines
    p_value = _p_value(comparison.test.p_value)
    lines.append(
        {
            Direction.FEWER: _(
                "Fewer sessions brought symptoms with the change; a difference this large "
                "would be rare by chance alone (Fisher's exact test, p = %(p)s)."
            ),
            Direction.MORE: _(
                "More sessions brought symptoms with the change; a difference this large "
                "would be rare by chance alone (Fisher's exact test, p = %(p)s)."
            ),
            Direction.NO_CLEAR_DIFFERENCE: _(
                "No clear difference: the numbers are compatible with chance (Fisher's "
                "exact test, p = %(p)s)."
            ),
        }[comparison.test.direction]
        % {"p": p_value}
    )
    lines.append(
        _(
            "An association in your own log, not a diagnosis: anything else that changed "
            "at the same time could explain it."
        )
    )
    return lines


@dataclass(frozen=True)
class ExperimentRow:
    id: int
    title: str
    state: str
    lines: list[str]
    running: bool
    experiment: Experiment
    comparison: Comparison


def experiment_title(experiment: Experiment) -> str:
    return _("%(change)s for %(count)d %(activity)s sessions") % {
        "change": experiment.change_label,
        "count": experiment.planned_sessions,
        "activity": activity_label(experiment.activity).lower(),
    }


def experiment_state(experiment: Experiment, comparison: Comparison) -> str:
    if experiment.abandoned:
        return _("Stopped early")
    if comparison.ready or comparison.reason in (
        NotCompared.NO_KNOWN_OUTCOMES,
        NotCompared.TOO_LITTLE_BASELINE,
    ):
        return _("Finished")
    return _("Running")


def experiment_rows(items: list[tuple[Experiment, Comparison]]) -> list[ExperimentRow]:
    return [
        ExperimentRow(
            id=experiment.id,
            title=experiment_title(experiment),
            state=experiment_state(experiment, comparison),
            lines=comparison_texts(comparison),
            running=experiment.ended_at is None,
            experiment=experiment,
            comparison=comparison,
        )
        for experiment, comparison in items
    ]


def _arm_data(arm: Arm | None) -> dict[str, Any] | None:
    if arm is None:
        return None
    return {
        "sessions_with_episode": arm.with_episode,
        "sessions_known": arm.known,
        "sessions_no_answer": arm.no_answer,
        "rate": arm.rate,
        "interval": _interval(arm.interval),
    }


def experiment_data(row: ExperimentRow) -> dict[str, Any]:
    """One experiment as the API gives it; rates and test only once it has a result."""
    experiment, comparison = row.experiment, row.comparison
    test = comparison.test
    return {
        "id": experiment.id,
        "activity": experiment.activity,
        "change_tag": experiment.change_tag or None,
        "change_text": experiment.change_text,
        "planned_sessions": experiment.planned_sessions,
        "sessions_done": comparison.done,
        "started_at": experiment.started_at,
        "ended_at": experiment.ended_at,
        "abandoned": experiment.abandoned,
        "result_ready": comparison.ready,
        "reason": comparison.reason.value if comparison.reason else None,
        "experiment": _arm_data(comparison.experiment),
        "baseline": _arm_data(comparison.baseline),
        "test": (
            {"name": "fisher_exact", "p_value": test.p_value, "direction": test.direction.value}
            if test is not None
            else None
        ),
        "title": row.title,
        "text": row.lines,
    }


# --- MNSI questionnaire -----------------------------------------------------------------


def mnsi_score_text(points: int) -> str:
    if mnsi.at_or_above(points, mnsi.CUTOFF_FELDMAN_1994):
        band = _("at or above both published screening thresholds (4 and 7)")
    elif mnsi.at_or_above(points, mnsi.CUTOFF_HERMAN_2012):
        band = _(
            "at or above the lower published screening threshold (4), below the original one (7)"
        )
    else:
        band = _("below the published screening thresholds (4 and 7)")
    return _("MNSI questionnaire score %(score)d of %(max)d: %(band)s.") % {
        "score": points,
        "max": mnsi.MAX_SCORE,
        "band": band,
    }


def mnsi_caveat() -> str:
    return _(
        "A screening questionnaire validated in people with diabetes, not a diagnosis: a "
        "score is a count of answers, and a change of a point or two can come from "
        "answering one question differently."
    )


def mnsi_trend_text(scores: list[int]) -> str:
    """Oldest first."""
    if not scores:
        return _("Not answered yet.")
    if len(scores) == 1:
        return _("Answered once: %(score)d of %(max)d.") % {
            "score": scores[0],
            "max": mnsi.MAX_SCORE,
        }
    return _("Scores over time, oldest first: %(scores)s (of %(max)d).") % {
        "scores": ", ".join(str(s) for s in scores),
        "max": mnsi.MAX_SCORE,
    }
