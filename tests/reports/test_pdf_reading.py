"""The doctor's PDF as a doctor reads it: page 1 answers what, how often, how long, when,
after what and which red flags; a 3-episode history fits 2 pages; no empty section.
The pages are written as PNGs to tests/artifacts/ (git-ignored) for a look."""

import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from reports.formats import report_pdf_for
from reports.selectors import period_for
from tests.factories import EpisodeFactory, WorkoutFactory
from tests.reports.conftest import NOW

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def _pages(pdf: bytes, tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    count = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(ARTIFACTS / name)], check=True)
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        for n in range(1, count + 1)
    ]


@pytest.fixture
def three_episodes(user):
    user.profile.timezone = "Asia/Jakarta"
    user.profile.save()
    for days in (20, 12, 4):
        workout = WorkoutFactory(
            user=user, activity="stepper", started_at=NOW - timedelta(days=days, hours=2)
        )
        EpisodeFactory(
            user=user,
            workout=workout,
            started_at=workout.ended_at,
            ended_at=workout.ended_at + timedelta(minutes=25),
            sensations=["numbness", "tingling"],
            locations=["foot"],
            side="both",
            accompanying=["dizziness"] if days == 4 else [],
        )
    return user


@pytest.mark.parametrize("language", ["en", "id"])
def test_three_episodes_fit_two_pages_with_the_answers_on_page_one(
    three_episodes, tmp_path, language
):
    user = three_episodes
    user.profile.language = language
    user.profile.save()

    pages = _pages(
        report_pdf_for(user=user, period=period_for(user=user, now=NOW), now=NOW),
        tmp_path,
        f"report-3-episodes-{language}",
    )
    text = "\n".join(pages)

    assert len(pages) <= 2
    first = pages[0]
    if language == "en":
        for answer in (
            "Episodes",
            "Total duration",
            "Longest episode",
            "First and last episode",
            "Episodes after a workout",
            "Stepper (3)",
            "Warning signs",
            "Dizziness or loss of balance: reported",
        ):
            assert answer in first, answer
    else:
        assert "Episode setelah latihan" in first
        assert "Kaki di bawah pergelangan (3)" in first  # no doubled brackets
        assert "(bawah pergelangan)" not in text
    assert text.count("No body weight recorded") <= 1
    assert "seek medical help now" not in text.lower()
