import random
import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import translation
from django.utils.formats import date_format

from bench.generate import history_generate
from reports.document import report_build
from reports.document.sections import (
    EPISODE_DETAIL_DAYS,
    EPISODE_ROWS_MAX,
    EPISODE_TABLE_MAX,
    timeline_for,
)
from reports.formats import report_pdf_for
from reports.selectors import Period, period_for
from symptoms.models import Episode
from tests.factories import EpisodeFactory
from tests.reports.conftest import NOW
from tracker.models import BodyWeight, Workout

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout


# Years of history still make a report a doctor can read: episodes beyond the detailed
# rows are summed per month, so the page count stays bounded whatever the history's length
# (5 years with 5,000 episodes: 30 pages).
MAX_PAGES = 50


def page_count(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    match = re.search(rb"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert match, info.stdout
    return int(match.group(1))


def last_90_days(user) -> Period:
    return period_for(user=user, now=NOW)


def test_pdf_page_one_states_the_summary_figures(history, tmp_path):
    text = pdf_text(
        report_pdf_for(user=history["user"], period=last_90_days(history["user"]), now=NOW),
        tmp_path,
    )
    first_page = text.split("\f")[0]
    assert history["user"].username in first_page
    assert "42 years old" in first_page
    assert "Female" in first_page
    assert "26 Aug 2026 \u2013 23 Nov 2026 (90 days" in first_page
    assert "Running 2" in first_page
    assert "Stepper 1" in first_page
    assert "3 (1 still ongoing)" in first_page
    assert "87 min" in first_page  # 75 + 12; the ongoing one is not counted
    assert "75 min (3 Nov 2026)" in first_page  # longest, its day in Jakarta
    assert "Calf (2)" in first_page
    assert "Tingling (2)" in first_page
    assert "Stopped exercising (1)" in first_page
    assert "Numbness or tingling that lasted over an hour" in first_page
    assert "See a doctor" in first_page
    assert "does not diagnose" in first_page


def test_pdf_lists_every_episode_in_range_and_none_outside(history, tmp_path):
    text = pdf_text(
        report_pdf_for(user=history["user"], period=last_90_days(history["user"]), now=NOW),
        tmp_path,
    )
    for key in ("linked", "unlinked", "ongoing"):
        day = history[key].started_at.astimezone(history["user"].profile.zone).date()
        assert f"{date_format(day, 'DATE_FORMAT')}, " in text, key
    assert "1 Mar 2026" not in text
    assert "{#" not in text


def test_pdf_marks_the_warning_signs_that_were_reported(history, tmp_path):
    text = pdf_text(
        report_pdf_for(user=history["user"], period=last_90_days(history["user"]), now=NOW),
        tmp_path,
    )
    assert "Tingling or numbness lasting more than an hour: reported (3 Nov 2026)" in text
    assert "Dizziness or loss of balance: reported (3 Nov 2026)" in text
    assert "Difficulty urinating: not reported" in text
    assert "Change in bowel control: not reported" in text


def test_pdf_speaks_the_users_language(history, tmp_path):
    profile = history["user"].profile
    profile.language = "id"
    profile.save()
    with translation.override("en"):
        pdf = report_pdf_for(user=history["user"], period=last_90_days(history["user"]), now=NOW)
    text = pdf_text(pdf, tmp_path)
    assert "Keluhan tungkai dan olahraga: laporan untuk dokter" in text
    assert "Ringkasan" in text
    assert "LegLog tidak mendiagnosis" in text


def test_pdf_first_page_renders_to_png_for_review(history, tmp_path):
    pdf = report_pdf_for(user=history["user"], period=last_90_days(history["user"]), now=NOW)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report-sample.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(ARTIFACTS / "report-sample.pdf"),
            str(ARTIFACTS / "report-page1"),
        ],
        check=True,
    )
    png = next(ARTIFACTS.glob("report-page1*.png"))
    assert png.read_bytes().startswith(b"\x89PNG")


def generate_history(user, *, days: int, seed: int = 5) -> dict[str, int]:
    """A realistic load: training 4 days in 7, an episode after a third of workouts,
    a weekly weigh-in."""
    rnd = random.Random(seed)
    workouts, weights = [], []
    for offset in range(days):
        day = NOW - timedelta(days=offset)
        if rnd.random() < 4 / 7:
            workouts.append(
                Workout(
                    user=user,
                    activity=rnd.choice(["running", "stepper", "cycling", "yoga", "walking"]),
                    started_at=day.replace(hour=rnd.randint(0, 12)),
                    duration_minutes=rnd.randint(20, 90),
                    intensity=rnd.randint(3, 9),
                )
            )
        if offset % 7 == 0:
            weights.append(BodyWeight(user=user, measured_on=day.date(), weight_kg=70 + offset % 9))
    Workout.objects.bulk_create(workouts)
    episodes = []
    for workout in workouts:
        if rnd.random() < 1 / 3:
            start = workout.ended_at + timedelta(minutes=rnd.randint(0, 90))
            episodes.append(
                Episode(
                    user=user,
                    workout=workout if rnd.random() < 0.6 else None,
                    started_at=start,
                    ended_at=start + timedelta(minutes=rnd.randint(2, 120)),
                    sensations=rnd.sample(["numbness", "tingling", "burning", "pain"], 2),
                    locations=rnd.sample(["calf", "foot_sole", "outer_thigh", "toes"], 2),
                    side=rnd.choice(["left", "right", "both"]),
                    severity=rnd.randint(0, 10),
                    accompanying=rnd.choice([[], [], ["stiffness"], ["dizziness", "pallor"]]),
                    relief_actions=rnd.choice([[], ["stopped_exercise", "elevated_legs"]]),
                )
            )
    Episode.objects.bulk_create(episodes)
    BodyWeight.objects.bulk_create(weights)
    return {"workouts": len(workouts), "episodes": len(episodes), "weights": len(weights)}


@pytest.mark.parametrize("days", [90, 5 * 365])
def test_long_history_renders_a_valid_pdf_counting_every_episode(user, tmp_path, days):
    # How long it takes is measured by `make bench`, as a ratio; here only what it shows.
    counts = generate_history(user, days=days)
    period = Period(
        start=(NOW - timedelta(days=days - 1)).date(), end=NOW.date(), zone=user.profile.zone
    )
    pdf = report_pdf_for(user=user, period=period, now=NOW)
    assert pdf.startswith(b"%PDF-")
    assert 1 <= page_count(pdf) <= MAX_PAGES
    text = pdf_text(pdf, tmp_path)
    with time_machine.travel(NOW, tick=False):
        report = report_build(user=user, period=period, now=NOW)
    assert report.episode_count == counts["episodes"]
    assert f"Episodes ({counts['episodes']})" in text


def test_five_years_of_5000_episodes_fit_a_bounded_report_with_older_months_summed_up(tmp_path):
    history = history_generate(username="fiveyears", years=5, episodes=5000, now=NOW)
    user = history.user
    zone = user.profile.zone
    period = Period(start=history.first.astimezone(zone).date(), end=NOW.date(), zone=zone)

    pdf = report_pdf_for(user=user, period=period, now=NOW)

    assert pdf.startswith(b"%PDF-")
    assert 1 <= page_count(pdf) <= MAX_PAGES
    text = pdf_text(pdf, tmp_path)
    first_page = text.split("\f")[0]
    assert "Summary" in first_page
    assert f"{history.workouts}:" in first_page  # every workout counted, by activity
    assert "5000" in first_page  # every episode counted
    assert "does not diagnose" in first_page
    assert "Older episodes per month" in text
    assert "The CSV, JSON and FHIR exports list every episode." in text

    with time_machine.travel(NOW, tick=False):
        report = report_build(user=user, period=period, now=NOW)
    listed, months = report.episodes, report.episode_months
    assert 0 < len(listed) <= EPISODE_ROWS_MAX
    assert len(listed) + sum(month.count for month in months) == 5000
    assert listed[0].started_at.date() > NOW.date() - timedelta(days=EPISODE_DETAIL_DAYS)
    assert months[-1].month <= listed[0].started_at.date()
    assert months[0].month == period.start.replace(day=1)
    for row in (listed[0], listed[len(listed) // 2], listed[-1]):
        assert date_format(row.started_at, "DATETIME_FORMAT") in text
    assert re.search(
        rf"{date_format(months[0].month, 'YEAR_MONTH_FORMAT')}\s+{months[0].count}\s", text
    )


def test_a_densely_logged_short_period_sums_the_timeline_per_day(user):
    period = Period(start=(NOW - timedelta(days=89)).date(), end=NOW.date(), zone=user.profile.zone)
    starts = [NOW - timedelta(days=day, minutes=15 * n) for day in range(30) for n in range(20)]
    episodes = [
        Episode(user=user, started_at=start, ended_at=start + timedelta(minutes=10))
        for start in starts
    ]
    dense = timeline_for(period=period, workouts=[], episodes=episodes, now=NOW)
    sparse = timeline_for(period=period, workouts=[], episodes=episodes[:20:5], now=NOW)

    assert "600 episodes" in dense.summary
    assert "Minutes are summed per day." in dense.summary
    assert dense.svg.count('class="dot ') == 30  # one marker a day, not 600
    assert "summed" not in sparse.summary
    assert sparse.svg.count('class="dot ') == 4


def _episodes_every_six_hours(user, count: int) -> list[Episode]:
    """Tingling in the left calf, 4/10, 15 minutes, every 6 hours back from 1 h before NOW."""
    return Episode.objects.bulk_create(
        EpisodeFactory.build(user=user, started_at=NOW - timedelta(hours=6 * n + 1))
        for n in range(count)
    )


def test_up_to_the_table_limit_episodes_are_table_rows_and_one_more_makes_lines(user):
    _episodes_every_six_hours(user, EPISODE_TABLE_MAX)
    period = last_90_days(user)
    with time_machine.travel(NOW, tick=False):
        assert not report_build(user=user, period=period, now=NOW).episodes_as_lines
        EpisodeFactory(user=user, started_at=NOW - timedelta(minutes=30))
        assert report_build(user=user, period=period, now=NOW).episodes_as_lines


def test_hundreds_of_episodes_are_listed_one_line_each_with_every_field(user, tmp_path):
    _episodes_every_six_hours(user, EPISODE_TABLE_MAX + 20)
    workout = Workout.objects.create(
        user=user,
        activity="running",
        started_at=NOW - timedelta(minutes=45),
        duration_minutes=30,
    )
    Episode.objects.create(
        user=user,
        workout=workout,
        started_at=NOW - timedelta(minutes=10),
        sensations=["numbness"],
        locations=["foot_sole"],
        side="both",
        accompanying=["dizziness"],
        relief_actions=["stopped_exercise"],
    )

    pdf = report_pdf_for(user=user, period=last_90_days(user), now=NOW)

    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "One line per episode: date, time, duration:" in text
    assert "Associated workout" not in text  # no table
    assert (
        "23 Nov 2026, 11:50, ongoing: Sole of the foot (Both); Numbness; \N{EN DASH}; "
        "with Dizziness; relief: Stopped exercising; after Running 30 min, 23 Nov 2026, 11:15"
    ) in text
    assert "23 Nov 2026, 11:00, 15 min: Calf (Left); Tingling; 4/10" in text
    assert f"Episodes ({EPISODE_TABLE_MAX + 21})" in text
