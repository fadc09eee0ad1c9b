import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import translation

from common.charts import whole_number_ticks
from reports import charts
from reports.selectors import dashboard_charts
from tests.factories import EpisodeFactory, WorkoutFactory

MONDAYS = [date(2026, 9, 7) + timedelta(weeks=i) for i in range(12)]


def weekly():
    return charts.episodes_workouts_weekly_chart(
        week_starts=MONDAYS,
        episodes=[0, 1, 2, 0, 3, 1, 0, 0, 2, 1, 0, 4],
        workouts_by_activity={
            "running": [2, 3, 1, 2, 3, 2, 1, 0, 2, 3, 2, 1],
            "stepper": [1, 0, 1, 1, 2, 0, 1, 1, 0, 1, 2, 2],
        },
    )


def every_chart():
    return [
        weekly(),
        charts.episode_minutes_chart(points=[(date(2026, 9, 8), 12), (date(2026, 9, 20), 70)]),
        charts.locations_chart(counts={"calf": 5, "foot_sole": 3}),
        charts.preceding_activities_chart(counts={"stepper": 4}),
        charts.body_weight_chart(points=[(date(2026, 9, 1), 80.0), (date(2026, 10, 1), 82.5)]),
        charts.timeline_chart(
            start=date(2026, 9, 1),
            end=date(2026, 11, 30),
            workouts=[(date(2026, 9, 3), 40)],
            episodes=[(date(2026, 9, 3), 15)],
        ),
        charts.locations_chart(counts={}),
    ]


def test_charts_are_inline_svg_without_scripts_or_external_references():
    for chart in every_chart():
        assert chart.svg.startswith("<svg")
        assert "<script" not in chart.svg
        assert "<?xml" not in chart.svg
        assert "http://kozea" not in chart.svg
        assert "googleapis" not in chart.svg
        assert 'role="img"' in chart.svg
        assert chart.narrow.startswith("<svg")
        assert "<script" not in chart.narrow
        assert chart.svg in chart.__html__()
        assert chart.narrow in chart.__html__()


def test_weekly_chart_summary_states_the_totals_and_the_busiest_week():
    summary = weekly().summary
    assert "34 workouts (Running 22, Stepper 12)" in summary
    assert "14 episodes" in summary
    assert "(4)" in summary


def test_weekly_chart_tells_series_apart_by_pattern_not_colour_alone():
    svg = weekly().svg
    assert "<pattern" in svg
    assert "url(#p1-" in svg


def test_count_charts_list_the_most_frequent_first_with_labels():
    chart = charts.locations_chart(counts={"calf": 2, "foot_sole": 5, "knee": 0})
    assert chart.summary == "Sole of the foot 5, Calf 2."
    assert "Sole of the foot" in chart.svg


def test_empty_chart_says_nothing_was_recorded():
    chart = charts.preceding_activities_chart(counts={})
    assert "No episode followed a logged workout" in chart.summary
    assert "No episode followed a logged workout" in chart.svg


def test_episode_minutes_summary_names_the_longest():
    chart = charts.episode_minutes_chart(points=[(date(2026, 9, 8), 12), (date(2026, 9, 20), 70)])
    assert "longest 70 minutes" in chart.summary


def test_chart_texts_follow_the_active_language():
    with translation.override("id"):
        chart = charts.preceding_activities_chart(counts={})
    assert "tidak ada episode yang muncul setelah latihan" in chart.summary


@pytest.mark.django_db
def test_dashboard_charts_count_only_the_users_own_recent_rows(user, other_user):
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    workout = WorkoutFactory(user=user, activity="stepper", started_at=now - timedelta(days=2))
    EpisodeFactory(
        user=user,
        workout=None,
        started_at=workout.ended_at + timedelta(minutes=30),
        locations=["foot_sole"],
    )
    EpisodeFactory(user=user, started_at=now - timedelta(weeks=20))  # outside 12 weeks
    EpisodeFactory(user=other_user, started_at=now - timedelta(days=1))
    result = dashboard_charts(user=user, weeks=12, now=now)
    assert set(result) == {"weekly", "minutes", "locations", "activities"}
    assert "1 workout (Stepper 1)" in result["weekly"].summary
    assert "1 episode;" in result["weekly"].summary
    assert result["locations"].summary == "Sole of the foot 1."
    assert result["activities"].summary == "Stepper 1."


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0, 1]),
        (3, [0, 1, 2, 3]),
        (6, [0, 2, 4, 6]),
        (26, [0, 10, 20, 30]),
        (90, [0, 20, 40, 60, 80, 100]),
    ],
)
def test_count_axes_use_whole_round_steps_so_no_label_repeats(top, ticks):
    assert whole_number_ticks(top) == ticks


def test_location_chart_axis_shows_each_small_count_once():
    svg = charts.locations_chart(counts={"foot": 3}).svg
    # HorizontalBar: the counts run along pygal's "x" axis.
    axis = re.search(r'<g class="axis x[^"]*">(.*?)</g></g>', svg).group(1)
    assert re.findall(r"<text[^>]*>([^<]*)</text>", axis) == ["0", "1", "2", "3"]


def test_phone_drawing_keeps_its_own_ids_and_scoped_styles():
    """The narrow drawing's hollow/filled markers and hatchings apply to it, not only to
    the wide one (each drawing's rules point at its own ids)."""
    for chart in every_chart():
        if not chart.narrow or 'id="chart-' not in chart.narrow:
            continue
        narrow_id = chart.narrow.split('id="chart-', 1)[1].split('"', 1)[0]
        wide_id = chart.svg.split('id="chart-', 1)[1].split('"', 1)[0]
        assert narrow_id != wide_id
        assert f"#chart-{narrow_id} " in chart.narrow
        assert f"#chart-{narrow_id}n" not in chart.narrow
        assert f"#chart-{wide_id} " not in chart.narrow


def test_phone_drawing_hatchings_point_at_patterns_it_defines():
    for chart in every_chart():
        for drawing in (chart.svg, chart.narrow):
            used = set(re.findall(r"url\(#(p\d-[^)]+)\)", drawing))
            defined = set(re.findall(r'<pattern id="([^"]+)"', drawing))
            assert used <= defined


def test_charts_carry_no_tooltip_data_but_keep_their_printed_values():
    # No tooltip script is sent, so the per-point <desc> it would read are never drawn.
    for chart in every_chart():
        assert "<desc" not in chart.svg
        assert "<desc" not in chart.narrow
    printed = re.findall(r'<text[^>]*class="value"[^>]*>([^<]*)</text>', weekly().svg)
    assert {"1", "2", "3", "4"} <= set(printed)  # week counts, episodes shown as distances
    assert "-" not in "".join(printed)
    counts = charts.locations_chart(counts={"calf": 5, "foot_sole": 3})
    assert re.findall(r'class="value"[^>]*>([^<]*)<', counts.narrow) == ["3", "5"]


def test_each_drawing_styles_only_itself_when_stylesheets_are_shared():
    # Stylesheets are made once per chart kind and style; each drawing's rules must still
    # be scoped to its own id (a page shows several charts, each twice).
    drawings = [drawing for chart in (weekly(), weekly()) for drawing in (chart.svg, chart.narrow)]
    ids = [re.search(r'<svg[^>]* id="(chart-[^"]+)"', svg).group(1) for svg in drawings]
    assert len(set(ids)) == 4
    for svg, own in zip(drawings, ids, strict=True):
        style = re.search(r"<style[^>]*>(.*?)</style>", svg, re.DOTALL).group(1)
        assert f"#{own} .color-0" in style
        assert f"url(#p1-{own.removeprefix('chart-')})" in style
        others = [re.escape(other) for other in ids if other != own]  # chart-X vs chart-Xn
        assert not re.search(rf"({'|'.join(others)})(?![\w-])", style)


def test_weekly_chart_writes_a_bar_for_each_week_with_a_count_and_none_for_the_others():
    svg = weekly().svg
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([^"]+)" class="rect', svg)]
    assert len(heights) == 7 + 11 + 9  # weeks with episodes, running, stepper
    assert min(heights) > 0
    assert svg.count('class="value"') == 27  # and no empty label for an empty week


def test_dot_charts_draw_one_marker_per_point_without_a_group_around_it():
    points = [(date(2026, 9, 8), 12), (date(2026, 9, 8), 30), (date(2026, 9, 20), 70)]
    chart = charts.episode_minutes_chart(points=points)
    for drawing in (chart.svg, chart.narrow):
        assert drawing.count('class="dot reactive') == 3
        assert 'class="dots"' not in drawing
