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

The functions (H5 imports these):

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

``reports.selectors.dashboard_charts(*, user, weeks=12, now=None) -> dict[str, Chart]``
builds the dashboard's set from a user (keys: ``weekly``, ``minutes``, ``locations``,
``activities``, ``body_weight``).
"""

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

import pygal
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pygal.style import Style

from symptoms.vocabulary import Location
from tracker.models import Activity


class Chart(NamedTuple):
    """An inline SVG and its text alternative."""

    svg: str
    summary: str

    def __html__(self) -> str:
        return self.svg

    def __str__(self) -> str:
        # Django templates call str() before escaping: ``{{ chart }}`` renders the SVG.
        return mark_safe(self.svg)  # built here; pygal and _empty escape every label


# Okabe-Ito: distinguishable with the common colour-vision deficiencies, dark enough
# against white; the patterns below carry the difference for everyone else.
INK = "#111111"
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#555555")
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground=INK,
    foreground_strong=INK,
    foreground_subtle="#444444",
    font_family=FONT,
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    value_label_font_size=12,
    legend_font_size=13,
    title_font_size=15,
    no_data_font_size=18,
    opacity="1",
    opacity_hover="1",
    stroke_opacity="1",
    stroke_opacity_hover="1",
    transition="0s",
    guide_stroke_color="#bbbbbb",
    major_guide_stroke_color="#888888",
    colors=PALETTE,
)

# One fill per series position: solid, then hatchings a printer and a colour-blind
# reader both tell apart.
PATTERNS = (
    "",  # solid
    '<path d="M0,8 L8,0" stroke="#fff" stroke-width="2"/>',  # diagonal /
    '<path d="M0,0 L8,8" stroke="#fff" stroke-width="2"/>',  # diagonal \
    '<path d="M4,0 L4,8" stroke="#fff" stroke-width="2"/>',  # vertical
    '<path d="M0,4 L8,4" stroke="#fff" stroke-width="2"/>',  # horizontal
    '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',  # dots
    '<path d="M0,4 L8,4 M4,0 L4,8" stroke="#fff" stroke-width="1.5"/>',  # cross
)

_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>|<script\b[^>]*/>", re.DOTALL)
# pygal gives every legend entry a fixed id; several charts on one page would repeat them.
_LEGEND_ID = re.compile(r' id="activate-serie-\d+"')


def _config(**overrides: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "width": 800,
        "height": 360,
        "margin": 12,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 3,
        "truncate_legend": -1,
        "truncate_label": -1,
        "show_y_guides": True,
        "no_data_text": _("Nothing recorded in this period"),
        "pretty_print": False,
    }
    config.update(overrides)
    return config


def _finish(chart: Any, *, title: str, summary: str, css: Sequence[str] = ()) -> Chart:
    """Render with the pattern defs and extra CSS scoped to this chart, scripts removed."""
    chart.title = title
    scope = f"#chart-{chart.uuid}"
    defs = []
    rules = []
    for index, pattern in enumerate(PATTERNS):
        if not pattern:
            continue
        pattern_id = f"p{index}-{chart.uuid}"
        color = PALETTE[index % len(PALETTE)]
        defs.append(
            f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="8" height="8">'
            f'<rect width="8" height="8" fill="{color}"/>{pattern}</pattern>'
        )
        rules.append(
            f"{scope} .color-{index} .rect, {scope} .legend .color-{index} "
            f"{{fill: url(#{pattern_id}); stroke: {INK}; stroke-width: 0.6}}"
        )
    rules.extend(rule.replace("SCOPE", scope) for rule in css)
    chart.config.css = [*chart.config.css, "inline:" + "\n".join(rules)]
    svg = chart.render(is_unicode=True)
    svg = _LEGEND_ID.sub("", _SCRIPT.sub("", svg))
    svg = svg.replace("<defs>", "<defs>" + "".join(defs), 1)
    label = conditional_escape(f"{title}. {summary}")
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return Chart(svg=svg, summary=summary)


def _mirror_labels(*, up: float, down: float) -> list[dict[str, Any]]:
    """Y labels for a chart drawn on both sides of zero, showing distances from zero."""
    span = max(up, down, 1)
    step = max(1, round(span / 4)) if span > 4 else 1
    if step > 5:
        step = 5 * round(step / 5)
    ticks = range(-int(down // step + (down % step > 0)) * step, int(up) + step, step)
    return [{"label": str(abs(tick)), "value": tick} for tick in ticks]


def _empty(*, title: str, summary: str) -> Chart:
    """A small framed note instead of an empty plot with a meaningless axis."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 70" role="img" '
        f'aria-label="{conditional_escape(title)}. {conditional_escape(summary)}">'
        f'<rect x="1" y="1" width="798" height="68" fill="#fff" stroke="#888"/>'
        f'<text x="400" y="28" text-anchor="middle" font-family="{FONT}" font-size="15" '
        f'fill="{INK}">{conditional_escape(title)}</text>'
        f'<text x="400" y="52" text-anchor="middle" font-family="{FONT}" font-size="13" '
        f'fill="#444">{conditional_escape(summary)}</text></svg>'
    )
    return Chart(svg=svg, summary=summary)


def activity_label(code: str) -> str:
    try:
        return str(Activity(code).label)
    except ValueError:
        return code


def location_label(code: str) -> str:
    try:
        return str(Location(code).label)
    except ValueError:
        return code


def _day(value: date) -> str:
    return value.isoformat()


def _counts_text(counts: Sequence[tuple[str, int]]) -> str:
    return ", ".join(f"{label} {count}" for label, count in counts)


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
    chart = pygal.StackedBar(
        **_config(
            x_label_rotation=0 if weeks <= 13 else 45,
            show_minor_x_labels=weeks <= 13,
            x_labels_major_every=1 if weeks <= 13 else 4,
            y_title=_("Workouts above, episodes below"),
            value_formatter=lambda value: str(abs(int(value))) if value else "",
            print_values=weeks <= 13,
            print_zeroes=False,
            spacing=4,
        )
    )
    chart.x_labels = [date_format(start, "j M") for start in week_starts]
    week_totals = [sum(week) for week in zip(*workouts_by_activity.values(), strict=True)]
    chart.y_labels = _mirror_labels(up=max(week_totals, default=0), down=max(episodes, default=0))
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
        % {"weeks": weeks, "first": _day(week_starts[0]) if weeks else ""},
        ngettext("%(count)d workout", "%(count)d workouts", total_workouts)
        % {"count": total_workouts},
    ]
    if totals:
        parts[-1] += f" ({_counts_text(totals)})"
    parts.append(
        ngettext("%(count)d episode", "%(count)d episodes", total_episodes)
        % {"count": total_episodes}
    )
    if total_episodes:
        busiest = max(range(weeks), key=lambda i: (episodes[i], i))
        parts.append(
            _("most episodes in the week of %(day)s (%(count)d)")
            % {"day": _day(week_starts[busiest]), "count": episodes[busiest]}
        )
    summary = "; ".join(parts) + "."
    css = [
        f"SCOPE .color-0 .rect, SCOPE .legend .color-0 {{fill: {INK}; stroke: {INK}}}",
        "SCOPE .series.color-0 text.value {fill: #fff}",
    ]
    return _finish(chart, title=_("Episodes and workouts per week"), summary=summary, css=css)


# --- 2. Episode minutes over time -----------------------------------------------------


def episode_minutes_chart(*, points: Sequence[tuple[date, int]]) -> Chart:
    """Each ended episode's duration (minutes) on the day it started."""
    chart = pygal.DateLine(
        **_config(
            stroke=False,
            dots_size=5,
            show_legend=False,
            x_label_rotation=30,
            y_title=_("Minutes"),
            x_value_formatter=_day,
            value_formatter=lambda value: f"{value:.0f}",
        )
    )
    ordered = sorted(points)
    title = _("How long episodes lasted")
    if not ordered:
        return _empty(title=title, summary=_("No ended episodes in this period."))
    chart.add(_("Episode duration"), ordered)
    minutes = [value for _day_, value in ordered]
    longest_day, longest = max(ordered, key=lambda point: (point[1], point[0]))
    middle = sorted(minutes)[len(minutes) // 2]
    summary = _(
        "%(count)d episodes; typical (median) %(median)d minutes; longest %(longest)d "
        "minutes on %(day)s."
    ) % {"count": len(minutes), "median": middle, "longest": longest, "day": _day(longest_day)}
    css = [f"SCOPE .dot {{fill: {INK}; stroke: {INK}}}"]
    return _finish(chart, title=title, summary=summary, css=css)


# --- 3 and 4. Counts by category ------------------------------------------------------


def _count_chart(*, counts: Sequence[tuple[str, int]], title: str, empty: str) -> Chart:
    chart = pygal.HorizontalBar(
        **_config(
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
    if not counts:
        return _empty(title=title, summary=empty)
    summary = _counts_text(counts) + "."
    css = [f"SCOPE .color-0 .rect {{fill: {INK}; stroke: {INK}}}"]
    return _finish(chart, title=title, summary=summary, css=css)


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


# --- 5. Body weight -------------------------------------------------------------------


def body_weight_chart(*, points: Sequence[tuple[date, float]]) -> Chart:
    """Body weight in kg over time."""
    ordered = sorted((day, float(kg)) for day, kg in points)
    chart = pygal.DateLine(
        **_config(
            show_legend=False,
            dots_size=4,
            x_label_rotation=30,
            y_title=_("kg"),
            x_value_formatter=_day,
            value_formatter=lambda value: f"{value:.1f}",
        )
    )
    if not ordered:
        return _empty(title=_("Body weight"), summary=_("No body weight recorded in this period."))
    chart.add(_("Body weight"), ordered)
    (first_day, first), (last_day, last) = ordered[0], ordered[-1]
    weights = [kg for _day_, kg in ordered]
    summary = _(
        "%(first).1f kg on %(first_day)s, %(last).1f kg on %(last_day)s (change "
        "%(change)+.1f kg); lowest %(low).1f kg, highest %(high).1f kg."
    ) % {
        "first": first,
        "first_day": _day(first_day),
        "last": last,
        "last_day": _day(last_day),
        "change": last - first,
        "low": min(weights),
        "high": max(weights),
    }
    css = [f"SCOPE .color-0 .dot {{fill: {INK}}} SCOPE .color-0 .line {{stroke: {INK}}}"]
    return _finish(chart, title=_("Body weight"), summary=summary, css=css)


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
    chart = pygal.DateLine(
        **_config(
            stroke=False,
            dots_size=4,
            width=900,
            height=320,
            x_label_rotation=30,
            xrange=(start, end),
            y_title=_("Minutes: workouts above, episodes below"),
            x_value_formatter=_day,
            value_formatter=lambda value: f"{abs(value):.0f}",
            legend_at_bottom_columns=2,
        )
    )
    if not workouts and not episodes:
        return _empty(
            title=_("Timeline"), summary=_("No workouts or episodes recorded in this period.")
        )
    chart.add(_("Episodes (filled marker)"), sorted((day, -minutes) for day, minutes in episodes))
    chart.add(_("Workouts (hollow marker)"), sorted(workouts))
    chart.y_labels = _mirror_labels(
        up=max((minutes for _day_, minutes in workouts), default=0),
        down=max((minutes for _day_, minutes in episodes), default=0),
    )
    summary = _("%(start)s to %(end)s: %(workouts)s and %(episodes)s.") % {
        "start": _day(start),
        "end": _day(end),
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
    return _finish(chart, title=_("Timeline"), summary=summary, css=css)
