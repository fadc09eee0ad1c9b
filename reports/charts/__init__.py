"""Server-side SVG charts shared by the doctor's report (PDF, share page) and the dashboard.

Every chart is drawn by pygal on the server: no JavaScript, no CDN, nothing fetched at
run time. pygal's tooltip script is disabled (``js=[]``) and the small inline config
script it still writes is removed, so the SVG can be inlined in a page (no XML
declaration) or embedded in a PDF. Charts are readable without colour: series differ by
hatching patterns, filled versus hollow markers and printed values, on a high-contrast
palette, and each comes with a plain-text summary for screen readers and the PDF.

Each function is keyword-only, takes plain data (dates, numbers, vocabulary codes) that
``reports.selectors`` prepares, and returns a :class:`Chart`, a ``(svg, summary)`` named
pair: ``chart.svg`` is the ``<svg>`` element as a string, ``chart.summary`` the text
alternative. ``{{ chart }}`` in a Django template renders the SVG (``{{ chart.svg|safe }}`` too);
put ``{{ chart.summary }}`` beside it (or in a ``<figcaption>``). Labels are translated in
the active language, so wrap calls in ``translation.override(language)`` when rendering
for someone else.

The functions:

``episodes_workouts_weekly_chart(*, week_starts: Sequence[date], episodes: Sequence[int],
workouts_by_activity: Mapping[str, Sequence[int]]) -> Chart``
    Workouts per week stacked by activity above the axis, episodes per week below it.
    ``week_starts`` are the Mondays (user's zone) of 12 or 52 weeks, oldest first;
    ``episodes[i]`` and each ``workouts_by_activity[activity][i]`` count that week.

``episode_minutes_chart(*, points: Sequence[tuple[date, int]]) -> Chart``
    Each ended episode's duration in minutes on the day it started (user's zone).

``locations_chart(*, counts: Mapping[str, int]) -> Chart``
    Where symptoms happen: episodes per location code (``symptoms.vocabulary.Location``).

``preceding_activities_chart(*, counts: Mapping[str, int]) -> Chart``
    Which activities precede episodes: episodes per activity code of their associated
    workout (linked, or started within 2 hours after the workout's end).

``body_weight_chart(*, points: Sequence[tuple[date, float]]) -> Chart``
    Body weight in kg over time, one point per measured day.

``timeline_chart(*, start: date, end: date, workouts: Sequence[tuple[date, int]],
episodes: Sequence[tuple[date, int]], workout_count=None, episode_count=None) -> Chart``
    The report's timeline over [start, end]: each workout (hollow marker, minutes above
    the axis) and each episode (filled marker, minutes below it) on its day; points may
    be per-week or per-month totals, with the real counts passed for the summary.

``reports.selectors.dashboard_charts(*, user, weeks=12, now=None, rows=None) -> dict[str, Chart]``
builds the dashboard's set from a user (keys: ``weekly``, ``minutes``, ``locations``,
``activities``); ``rows`` passes ``chart_rows`` already read (2 queries: the episodes of
the weeks shown, and their workouts with those an episode may follow).
"""

from common.charts import Chart
from reports.charts.kinds import (
    episode_minutes_chart,
    episodes_workouts_weekly_chart,
    locations_chart,
    preceding_activities_chart,
    timeline_chart,
)
from reports.charts.labels import activity_label, location_label
from tracker.charts import body_weight_chart

__all__ = [
    "Chart",
    "activity_label",
    "body_weight_chart",
    "episode_minutes_chart",
    "episodes_workouts_weekly_chart",
    "location_label",
    "locations_chart",
    "preceding_activities_chart",
    "timeline_chart",
]
