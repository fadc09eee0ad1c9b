"""The dashboard's and report's charts (body weight: ``tracker.charts``)."""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common import pygal_lean
from common.charts import (
    INK,
    PALETTE,
    Chart,
    chart_config,
    chart_finish,
    counts_text,
    day_label,
    day_labels,
    empty_chart,
    mirror_labels,
    whole_number_ticks,
)
from reports.charts.labels import activity_label, location_label

# --- 1. Episodes against workouts, per week -------------------------------------------


def episodes_workouts_weekly_chart(
    *,
    week_starts: Sequence[date],
    episodes: Sequence[int],
    workouts_by_activity: Mapping[str, Sequence[int]],
) -> Chart:
    """Workouts per week stacked by activity (above the axis), episodes per week (below).

    The mirror layout lets a reader compare a week's training with its episodes at a
    glance; the y axis shows counts on both sides.
    """
    weeks = len(week_starts)
    chart = pygal_lean.StackedBar(
        **chart_config(
            x_label_rotation=0 if weeks <= 13 else 45,
            show_minor_x_labels=weeks <= 13,
            x_labels_major_every=1 if weeks <= 13 else 4,
            y_title=_("Workouts above, episodes below"),
            # Also keeps the rotated week labels of a phone's drawing clear of the legend.
            x_title=_("Week starting"),
            value_formatter=lambda value: str(abs(int(value))) if value else "",
            print_values=weeks <= 13,
            print_zeroes=False,
            spacing=4,
        )
    )
    chart.x_labels = [date_format(start, "j M") for start in week_starts]
    week_totals = [sum(week) for week in zip(*workouts_by_activity.values(), strict=True)]
    chart.y_labels = mirror_labels(up=max(week_totals, default=0), down=max(episodes, default=0))
    # Episodes first so they always wear the solid, darkest fill.
    chart.add(_("Episodes"), [-count if count else None for count in episodes])
    ordered = sorted(workouts_by_activity.items(), key=lambda item: -sum(item[1]))
    for code, counts in ordered:
        chart.add(
            _("Workouts: %(activity)s") % {"activity": activity_label(code)},
            [count or None for count in counts],
        )
    total_episodes = sum(episodes)
    totals = [(activity_label(code), sum(counts)) for code, counts in ordered if sum(counts)]
    total_workouts = sum(count for _label, count in totals)
    parts = [
        ngettext(
            "%(weeks)d week from %(first)s",
            "%(weeks)d weeks from %(first)s",
            weeks,
        )
        % {"weeks": weeks, "first": day_label(week_starts[0]) if weeks else ""},
        ngettext("%(count)d workout", "%(count)d workouts", total_workouts)
        % {"count": total_workouts},
    ]
    if totals:
        parts[-1] += f" ({counts_text(totals)})"
    parts.append(
        ngettext("%(count)d episode", "%(count)d episodes", total_episodes)
        % {"count": total_episodes}
    )
    if total_episodes:
        busiest = max(range(weeks), key=lambda i: (episodes[i], i))
        parts.append(
            _("most episodes in the week of %(day)s (%(count)d)")
            % {"day": day_label(week_starts[busiest]), "count": episodes[busiest]}
        )
    summary = "; ".join(parts) + "."
    css = [
        f"SCOPE .color-0 .rect, SCOPE .legend .color-0 {{fill: {INK}; stroke: {INK}}}",
        "SCOPE .series.color-0 text.value {fill: #fff}",
    ]
    return chart_finish(chart, title=_("Episodes and workouts per week"), summary=summary, css=css)


# --- 2. Episode minutes over time -----------------------------------------------------


def episode_minutes_chart(*, points: Sequence[tuple[date, int]]) -> Chart:
    """Each ended episode's duration (minutes) on the day it started."""
    chart = pygal_lean.DateLine(
        **chart_config(
            stroke=False,
            dots_size=5,
            show_legend=False,
            x_label_rotation=30,
            y_title=_("Minutes"),
            x_value_formatter=day_labels(),
            value_formatter=lambda value: f"{value:.0f}",
        )
    )
    ordered = sorted(points)
    title = _("How long episodes lasted")
    if not ordered:
        return empty_chart(title=title, summary=_("No ended episodes in this period."))
    chart.add(_("Episode duration"), ordered)
    minutes = [value for _day_, value in ordered]
    chart.y_labels = whole_number_ticks(max(minutes))
    longest_day, longest = max(ordered, key=lambda point: (point[1], point[0]))
    middle = sorted(minutes)[len(minutes) // 2]
    summary = _(
        "%(count)d episodes; typical (median) %(median)d minutes; longest %(longest)d "
        "minutes on %(day)s."
    ) % {"count": len(minutes), "median": middle, "longest": longest, "day": day_label(longest_day)}
    css = [f"SCOPE .dot {{fill: {INK}; stroke: {INK}}}"]
    return chart_finish(chart, title=title, summary=summary, css=css)


# --- 3 and 4. Counts by category ------------------------------------------------------


def _count_chart(*, counts: Sequence[tuple[str, int]], title: str, empty: str) -> Chart:
    chart = pygal_lean.HorizontalBar(
        **chart_config(
            show_legend=False,
            print_values=True,
            print_values_position="top",
            height=max(160, 70 + 34 * len(counts)),
            value_formatter=lambda value: f"{value:.0f}",
        )
    )
    # HorizontalBar draws the first label at the bottom: reverse so the largest is on top.
    ordered = list(reversed(counts))
    chart.x_labels = [label for label, _count in ordered]
    chart.add(title, [count for _label, count in ordered])
    chart.y_labels = whole_number_ticks(max((count for _label, count in ordered), default=0))
    if not counts:
        return empty_chart(title=title, summary=empty)
    summary = counts_text(counts) + "."
    css = [f"SCOPE .color-0 .rect {{fill: {INK}; stroke: {INK}}}"]
    return chart_finish(chart, title=title, summary=summary, css=css)


def _by_count(counts: Mapping[str, int], label: Any) -> list[tuple[str, int]]:
    items = [(label(code), count) for code, count in counts.items() if count]
    return sorted(items, key=lambda item: (-item[1], item[0]))


def locations_chart(*, counts: Mapping[str, int]) -> Chart:
    """Episodes per location code, most frequent first."""
    return _count_chart(
        counts=_by_count(counts, location_label),
        title=_("Where symptoms happen (episodes per location)"),
        empty=_("No episodes in this period."),
    )


def preceding_activities_chart(*, counts: Mapping[str, int]) -> Chart:
    """Episodes per activity of the workout they followed (linked or within 2 hours)."""
    return _count_chart(
        counts=_by_count(counts, activity_label),
        title=_("Activities before episodes"),
        empty=_("No episode followed a logged workout in this period."),
    )


# --- 6. Timeline of episodes against workouts -----------------------------------------


def timeline_chart(
    *,
    start: date,
    end: date,
    workouts: Sequence[tuple[date, int]],
    episodes: Sequence[tuple[date, int]],
    workout_count: int | None = None,
    episode_count: int | None = None,
) -> Chart:
    """Workouts (hollow markers, minutes above the axis) and episodes (filled, below).

    Points may be totals per week or month; then pass the real ``workout_count`` and
    ``episode_count`` for the summary.
    """
    workout_count = len(workouts) if workout_count is None else workout_count
    episode_count = len(episodes) if episode_count is None else episode_count
    chart = pygal_lean.DateLine(
        **chart_config(
            stroke=False,
            dots_size=4,
            width=900,
            height=320,
            x_label_rotation=30,
            xrange=(start, end),
            y_title=_("Minutes: workouts above, episodes below"),
            x_value_formatter=day_labels(),
            value_formatter=lambda value: f"{abs(value):.0f}",
            legend_at_bottom_columns=2,
        )
    )
    if not workouts and not episodes:
        return empty_chart(
            title=_("Timeline"), summary=_("No workouts or episodes recorded in this period.")
        )
    chart.add(_("Episodes (filled marker)"), sorted((day, -minutes) for day, minutes in episodes))
    chart.add(_("Workouts (hollow marker)"), sorted(workouts))
    chart.y_labels = mirror_labels(
        up=max((minutes for _day_, minutes in workouts), default=0),
        down=max((minutes for _day_, minutes in episodes), default=0),
    )
    summary = _("%(start)s to %(end)s: %(workouts)s and %(episodes)s.") % {
        "start": day_label(start),
        "end": day_label(end),
        "workouts": ngettext("%(count)d workout", "%(count)d workouts", workout_count)
        % {"count": workout_count},
        "episodes": ngettext("%(count)d episode", "%(count)d episodes", episode_count)
        % {"count": episode_count},
    }
    css = [
        f"SCOPE .color-0 .dot, SCOPE .legend .color-0 {{fill: {INK}; stroke: {INK}}}",
        f"SCOPE .color-1 .dot, SCOPE .legend .color-1 "
        f"{{fill: #fff; stroke: {PALETTE[0]}; stroke-width: 2}}",
        f"SCOPE .axis.y .guides:first-child .line {{stroke: {INK}}}",
    ]
    return chart_finish(chart, title=_("Timeline"), summary=summary, css=css)
