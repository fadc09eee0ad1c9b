"""The time-to-onset curve (Kaplan-Meier) as an inline SVG, with a text alternative."""

from django.utils.translation import gettext as _

from common import pygal_lean
from common.charts import Chart, chart_config, chart_finish, empty_chart
from insights.presenters import InsightRow


def _steps(curve: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
    """A Kaplan-Meier curve stays flat until the next onset, then drops: draw steps."""
    points: list[tuple[float, float]] = []
    for index, (minute, share) in enumerate(curve):
        if index:
            points.append((minute, points[-1][1]))
        points.append((minute, round(share * 100, 1)))
    return points


def time_to_onset_chart(rows: list[InsightRow]) -> Chart:
    title = _("Sessions still free of symptoms, by minutes from the start")
    drawn = [r for r in rows if r.insight.time_to_onset.enough and r.insight.time_to_onset.curve]
    if not drawn:
        return empty_chart(title=title, summary=_("Not enough sessions with a known outcome yet."))
    chart = pygal_lean.XY(
        **chart_config(
            x_title=_("Minutes from the start of the session"),
            y_title=_("Sessions without symptoms, per cent"),
            range=(0, 100),
            yrange=(0, 100),
            show_dots=False,
            stroke_style={"width": 3},
            # Narrow and tall: read on a phone without zooming.
            width=420,
            height=400,
            legend_at_bottom_columns=2,
        )
    )
    for row in drawn:
        chart.add(row.label, _steps(row.insight.time_to_onset.curve))
    summary = " ".join(f"{row.label}: {row.time_to_onset}" for row in drawn)
    return chart_finish(chart, title=title, summary=summary)
