"""Starting, following and stopping a "try one fix" experiment, on the page and the API."""

from datetime import timedelta

import pytest
import time_machine

from insights.models import Experiment
from tests.factories import EpisodeFactory, UserFactory, WorkoutFactory
from tests.insights.conftest import START

pytestmark = pytest.mark.django_db

TRIAL = START + timedelta(days=60)
FORM = {
    "activity": "stepper",
    "change_tag": "shoes_or_lacing",
    "change_text": "looser laces",
    "planned_sessions": "8",
}


def sessions(user, *, first, episodes, free, activity="stepper"):
    for day in range(episodes + free):
        started = first + timedelta(days=day)
        WorkoutFactory(
            user=user,
            activity=activity,
            started_at=started,
            duration_minutes=40,
            symptom_free_at=started + timedelta(hours=3) if day >= episodes else None,
        )
        if day < episodes:
            EpisodeFactory(user=user, started_at=started + timedelta(minutes=20))


def test_starting_an_experiment_from_the_page(web, user):
    with time_machine.travel(TRIAL, tick=False):
        response = web.post("/insights/experiments/new/", FORM)

    experiment = Experiment.objects.get(user=user)
    assert response["Location"] == f"/insights/experiments/{experiment.pk}/"
    assert (experiment.activity, experiment.planned_sessions) == ("stepper", 8)
    assert experiment.started_at == TRIAL
    page = web.get(response["Location"]).content.decode()
    assert "Shoe or lacing change: looser laces for 8 stepper sessions" in page


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"planned_sessions": "4"}, "planned_sessions"),
        ({"planned_sessions": "41"}, "planned_sessions"),
        ({"change_tag": "", "change_text": "  "}, "change_text"),
        ({"change_tag": "lucky_socks"}, "change_tag"),
        ({"activity": "juggling"}, "activity"),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_stored(web, user, change, field):
    response = web.post("/insights/experiments/new/", {**FORM, **change})

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Experiment.objects.exists()


def test_a_second_running_experiment_for_the_same_activity_is_refused(web, user):
    web.post("/insights/experiments/new/", FORM)
    response = web.post("/insights/experiments/new/", {**FORM, "change_tag": "foot_position"})

    assert response.status_code == 200
    assert "already running" in response.content.decode()
    assert Experiment.objects.count() == 1


def test_the_result_is_not_shown_before_the_planned_sessions(web, user):
    sessions(user, first=START, episodes=10, free=4)
    with time_machine.travel(TRIAL, tick=False):
        web.post("/insights/experiments/new/", FORM)
    sessions(user, first=TRIAL + timedelta(hours=1), episodes=0, free=7)

    page = web.get("/insights/").content.decode()

    assert "7 of 8 planned sessions done." in page
    assert "The result is shown after the planned sessions" in page
    assert "With the change" not in page
    assert "Fisher" not in page


def test_after_the_planned_sessions_the_page_gives_both_rates_and_the_test(web, user):
    sessions(user, first=START, episodes=10, free=4)
    with time_machine.travel(TRIAL, tick=False):
        web.post("/insights/experiments/new/", FORM)
    sessions(user, first=TRIAL + timedelta(hours=1), episodes=1, free=7)

    page = web.get("/insights/").content.decode()

    assert "8 of 8 planned sessions done." in page
    assert (
        "With the change: symptoms after 1 of 8 sessions (12%, likely between 2% and 47%)." in page
    )
    assert "Before it: symptoms after 10 of 14 sessions (71%, likely between 45% and 88%)." in page
    assert "Fisher&#x27;s exact test, p = 0.024" in page
    assert "not a diagnosis" in page


def test_the_result_speaks_bahasa_indonesia(web, user):
    user.profile.language = "id"
    user.profile.save()
    sessions(user, first=START, episodes=10, free=4)
    with time_machine.travel(TRIAL, tick=False):
        web.post("/insights/experiments/new/", FORM)
    sessions(user, first=TRIAL + timedelta(hours=1), episodes=1, free=7)

    page = web.get("/insights/").content.decode()

    assert "8 dari 8 sesi yang direncanakan selesai." in page
    assert "uji eksak Fisher, p = 0,024" in page or "uji eksak Fisher, p = 0.024" in page


def test_another_persons_experiment_is_not_found(web, user):
    other = Experiment.objects.create(
        user=UserFactory(),
        activity="yoga",
        change_tag="held_pose",
        planned_sessions=6,
        started_at=START,
    )

    assert web.get(f"/insights/experiments/{other.pk}/").status_code == 404
    assert web.post(f"/insights/experiments/{other.pk}/stop/").status_code == 404
    other.refresh_from_db()
    assert other.ended_at is None


def test_stopping_early_abandons_the_experiment_without_a_result(web, user):
    with time_machine.travel(TRIAL, tick=False):
        web.post("/insights/experiments/new/", FORM)
    experiment = Experiment.objects.get(user=user)
    sessions(user, first=TRIAL + timedelta(hours=1), episodes=0, free=3)

    web.post(f"/insights/experiments/{experiment.pk}/stop/")

    experiment.refresh_from_db()
    assert experiment.abandoned
    assert experiment.ended_at is not None
    page = web.get(f"/insights/experiments/{experiment.pk}/").content.decode()
    assert "Stopped before the planned sessions: no comparison is made." in page


def test_api_gives_the_experiment_and_its_result_only_when_ready(auth_client, user, web):
    sessions(user, first=START, episodes=10, free=4)
    with time_machine.travel(TRIAL, tick=False):
        web.post("/insights/experiments/new/", FORM)
    sessions(user, first=TRIAL + timedelta(hours=1), episodes=1, free=6)

    [running] = auth_client.get("/api/v1/insights/").json()["experiments"]
    assert running["result_ready"] is False
    assert running["reason"] == "running"
    assert running["sessions_done"] == 7
    assert running["experiment"] is None
    assert running["test"] is None

    sessions(user, first=TRIAL + timedelta(days=20), episodes=0, free=1)
    [done] = auth_client.get("/api/v1/insights/").json()["experiments"]
    assert done["result_ready"] is True
    assert done["experiment"]["sessions_with_episode"] == 1
    assert done["experiment"]["sessions_known"] == 8
    assert done["baseline"]["interval"]["low"] == pytest.approx(0.4535, abs=1e-3)
    assert done["test"] == {
        "name": "fisher_exact",
        "p_value": pytest.approx(23 / 969),
        "direction": "fewer",
    }


def test_api_never_lists_another_persons_experiments(auth_client):
    Experiment.objects.create(
        user=UserFactory(),
        activity="yoga",
        change_tag="held_pose",
        planned_sessions=6,
        started_at=START,
    )

    assert auth_client.get("/api/v1/insights/").json()["experiments"] == []


def test_doctors_report_lists_the_experiment_with_its_numbers(user, web, tmp_path):
    from reports.formats import report_pdf_for
    from reports.selectors import period_for
    from tests.reports.test_pdf import pdf_text

    now = TRIAL + timedelta(days=20)
    sessions(user, first=TRIAL - timedelta(days=30), episodes=10, free=4)
    with time_machine.travel(TRIAL, tick=False):
        web.post("/insights/experiments/new/", FORM)
    sessions(user, first=TRIAL + timedelta(hours=1), episodes=1, free=7)

    pdf = report_pdf_for(user=user, period=period_for(user=user, now=now), now=now)
    text = " ".join(pdf_text(pdf, tmp_path).split())

    assert "Experiments: one change tried for a set number of sessions" in text
    assert "looser laces for 8 stepper sessions" in text
    assert "symptoms after 1 of 8 sessions (12%, likely between 2% and 47%)" in text
    assert "p = 0.024" in text
