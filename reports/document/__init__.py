"""The doctor's report as plain data: what page 1 says, the tables, the charts.

``report_build`` reads (through ``reports.selectors``) and renders nothing; the HTML
template ``reports/report_document.html`` shared by the PDF and the share page shows it.
Call it inside ``translation.override(profile.language)``: labels, alert titles and
chart texts come out in the active language.
"""

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.utils import timezone

from accounts.models import Sex
from alerts.messages import alert_title
from alerts.models import Level
from alerts.presenters import alert_wording
from insights.presenters import (
    experiment_rows,
    insight_rows,
    mnsi_caveat,
    mnsi_score_text,
    mnsi_trend_text,
)
from insights.selectors import experiment_comparisons, insights_get, mnsi_list
from reports import selectors
from reports.document.rows import (
    ActivityRow,
    AlertRow,
    Count,
    EpisodeMonthRow,
    EpisodeRow,
    MonthRow,
    Report,
    WarningSign,
    WorkoutRow,
    label_of,
    labels_of,
)
from reports.document.sections import (
    EPISODE_TABLE_MAX,
    WORKOUT_ROWS_MAX,
    episodes_by_month,
    episodes_split,
    timeline_for,
    top_counts,
    warning_signs_for,
    workout_text,
    workouts_by_month,
)
from symptoms.vocabulary import Accompanying, Location, ReliefAction, Sensation, Side
from tracker.charts import body_weight_chart
from tracker.models import Activity

__all__ = [
    "ActivityRow",
    "AlertRow",
    "Count",
    "EpisodeMonthRow",
    "EpisodeRow",
    "MonthRow",
    "Report",
    "WarningSign",
    "WorkoutRow",
    "report_build",
]


def report_build(
    *,
    user: Any,
    period: selectors.Period,
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Everything the report shows for ``period``; ``progress`` hears 0..60 as it reads."""
    now = now or timezone.now()
    zone = period.zone
    profile = getattr(user, "profile", None)
    episodes = list(selectors.episode_list_in(user=user, period=period))
    workouts = list(selectors.workout_list_in(user=user, period=period))
    weights = list(selectors.body_weight_list_in(user=user, period=period))
    alerts = list(selectors.alert_list_in(user=user, period=period))
    if progress:
        progress(20)
    associations = selectors.episode_associations(user=user, episodes=episodes)

    episodes_per_workout: Counter[int] = Counter(w.id for w in associations.values())
    activity_counts: Counter[str] = Counter()
    activity_minutes: Counter[str] = Counter()
    for workout in workouts:
        activity_counts[workout.activity] += 1
        activity_minutes[workout.activity] += workout.duration_minutes
    ended = [ep for ep in episodes if ep.ended_at is not None]
    longest = max(ended, key=lambda ep: (ep.duration_minutes, ep.started_at), default=None)
    relief: Counter[str] = Counter(a for ep in episodes for a in ep.relief_actions)
    older, listed = episodes_split(episodes=episodes, period=period)

    episode_rows = [
        EpisodeRow(
            started_at=ep.started_at.astimezone(zone),
            ended_at=ep.ended_at.astimezone(zone) if ep.ended_at else None,
            duration_minutes=ep.duration_minutes,
            locations=labels_of(Location, ep.locations),
            side=label_of(Side, ep.side),
            sensations=labels_of(Sensation, ep.sensations),
            severity=ep.severity,
            accompanying=labels_of(Accompanying, ep.accompanying),
            relief_actions=labels_of(ReliefAction, ep.relief_actions),
            workout=workout_text(
                associations.get(ep.id), linked=ep.workout_id is not None, zone=zone
            ),
            notes=ep.notes,
        )
        for ep in listed
    ]
    if progress:
        progress(40)
    workout_rows = [
        WorkoutRow(
            started_at=w.started_at.astimezone(zone),
            activity=label_of(Activity, w.activity),
            duration_minutes=w.duration_minutes,
            intensity=w.intensity,
            tight_clothing=w.tight_clothing,
            episodes=episodes_per_workout[w.id],
            notes=w.notes,
        )
        for w in workouts
    ]
    workout_months: list[MonthRow] = []
    if len(workout_rows) > WORKOUT_ROWS_MAX:
        workout_months = workouts_by_month(workouts=workouts, episodes=episodes, zone=zone)
        workout_rows = []
    alert_rows = [
        AlertRow(
            created_at=alert.created_at.astimezone(zone),
            level=alert.level,
            level_label=label_of(Level, alert.level),
            title=alert_title(alert),
            # What was seen, without the advice addressed to the patient: the doctor reads it.
            message=alert_wording(alert).message,
        )
        for alert in alerts
    ]
    age = None
    if profile is not None and profile.birth_year:
        age = period.end.year - profile.birth_year
    report = Report(
        username=user.get_username(),
        age=age,
        sex=label_of(Sex, profile.sex) if profile is not None and profile.sex else "",
        zone=str(zone),
        period=period,
        generated_at=now.astimezone(zone),
        workouts_by_activity=[
            ActivityRow(label=label_of(Activity, code), count=count, minutes=activity_minutes[code])
            for code, count in sorted(activity_counts.items(), key=lambda item: -item[1])
        ],
        workout_count=len(workouts),
        episode_count=len(episodes),
        ongoing_count=len(episodes) - len(ended),
        total_minutes=sum(ep.duration_minutes or 0 for ep in ended),
        longest_minutes=longest.duration_minutes if longest else None,
        longest_on=longest.started_at.astimezone(zone).date() if longest else None,
        top_locations=top_counts(selectors.location_counts(episodes=episodes), Location),
        top_sensations=top_counts(
            selectors.sensation_counts(episodes=episodes), Sensation, limit=4
        ),
        alerts=alert_rows,
        relief_actions=top_counts(relief, ReliefAction, limit=4),
        episodes=episode_rows,
        episodes_as_lines=len(episode_rows) > EPISODE_TABLE_MAX,
        episode_months=episodes_by_month(episodes=older, associations=associations, zone=zone),
        workouts=workout_rows,
        workout_months=workout_months,
        weights=weights,
        warning_signs=warning_signs_for(episodes=episodes, alerts=alerts, zone=zone, now=now),
        timeline=timeline_for(period=period, workouts=workouts, episodes=episodes, now=now),
        weight_chart=body_weight_chart(points=selectors.body_weight_points(body_weights=weights)),
        insights=insight_rows(
            insights_get(user=user, now=now, start=period.start_at, end=period.end_at)
        ),
    )
    report.experiments = experiment_rows(
        [
            (experiment, comparison)
            for experiment, comparison in experiment_comparisons(user=user, now=now)
            if experiment.started_at < period.end_at
        ]
    )
    scores = list(
        mnsi_list(user=user)
        .filter(answered_at__gte=period.start_at, answered_at__lt=period.end_at)
        .order_by("answered_at", "id")
        .values_list("score", flat=True)
    )
    if scores:
        report.mnsi_lines = [mnsi_score_text(scores[-1]), mnsi_trend_text(scores), mnsi_caveat()]
    after = Counter(associations[ep.id].activity for ep in episodes if ep.id in associations)
    report.after_activities = top_counts(after, Activity)
    report.not_after_workout = len(episodes) - sum(after.values())
    if episodes:
        days = [ep.started_at.astimezone(zone).date() for ep in episodes]
        report.first_episode_on, report.last_episode_on = min(days), max(days)
    if progress:
        progress(60)
    return report
