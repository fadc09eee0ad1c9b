"""The Insights page, the dashboard card and the in-app "no symptoms" button."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import EpisodeFactory, UserFactory, WorkoutFactory

pytestmark = pytest.mark.django_db


def test_insights_page_shows_the_rate_with_its_interval_and_the_sessions_left_out(
    web, user, stepper_history
):
    stepper_history(user, with_episode=6, free=8, no_answer=2)

    page = web.get("/insights/").content.decode()

    assert "Stepper" in page
    assert "Symptoms after 6 of 14 sessions (43%), likely between 21% and 67%." in page
    assert "2 sessions have no answer yet (symptoms or not) and are left out." in page
    assert "<svg" in page  # the time-to-onset curve


def test_insights_page_says_not_enough_data_yet_below_five_known_sessions(
    web, user, stepper_history
):
    stepper_history(user, with_episode=1, free=3, no_answer=4)

    page = web.get("/insights/").content.decode()

    assert "Not enough data yet: 4 sessions with a known outcome, 5 needed." in page
    assert "Session length: cannot be estimated yet" in page


def test_insights_page_speaks_bahasa_indonesia(web, user, stepper_history):
    user.profile.language = "id"
    user.profile.save()
    stepper_history(user, with_episode=6, free=8)

    page = web.get("/insights/").content.decode()

    assert '<html lang="id">' in page
    assert "Wawasan" in page
    assert "Gejala setelah 6 dari 14 sesi (43%), kemungkinan antara 21% dan 67%." in page


def test_insights_page_never_shows_another_persons_sessions(web, user, stepper_history):
    stepper_history(UserFactory(), with_episode=6, free=8, activity="yoga")

    page = web.get("/insights/").content.decode()

    assert "Yoga" not in page
    assert "No workouts yet." in page


def test_insights_page_asks_anonymous_visitors_to_log_in(client):
    response = client.get("/insights/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_insights_page_takes_the_same_number_of_queries_for_a_long_history(
    web, user, stepper_history, django_assert_max_num_queries
):
    stepper_history(user, with_episode=2, free=3)
    with django_assert_max_num_queries(10) as short:
        web.get("/insights/")
    stepper_history(user, with_episode=20, free=40, no_answer=10, offset=100)
    stepper_history(user, with_episode=5, free=10, activity="yoga", offset=300)
    with django_assert_max_num_queries(10) as long:
        web.get("/insights/")
    assert len(long.captured_queries) == len(short.captured_queries)


def test_dashboard_card_gives_the_top_line_of_the_three_most_trained_activities(
    web, user, stepper_history
):
    stepper_history(user, with_episode=6, free=8)
    stepper_history(user, with_episode=1, free=6, activity="yoga", offset=20)
    stepper_history(user, with_episode=1, free=5, activity="running", offset=40)
    stepper_history(user, with_episode=0, free=2, activity="swimming", offset=60)

    page = web.get("/").content.decode()

    card = page[page.index('id="insights-card"') :]
    card = card[: card.index("</section>")]
    assert "Symptoms after 6 of 14 sessions (43%), likely between 21% and 67%." in card
    assert "Yoga" in card
    assert "Running" in card
    assert "Swimming" not in card  # fourth by sessions: on the Insights page only
    assert 'href="/insights/"' in card


def test_no_symptoms_button_on_the_dashboard_only_for_workouts_without_an_answer(web, user):
    now = timezone.now()
    unanswered = WorkoutFactory(user=user, started_at=now - timedelta(hours=5))
    answered = WorkoutFactory(
        user=user, started_at=now - timedelta(hours=9), symptom_free_at=now - timedelta(hours=1)
    )
    with_episode = WorkoutFactory(user=user, started_at=now - timedelta(hours=30))
    EpisodeFactory(user=user, started_at=with_episode.started_at + timedelta(minutes=50))

    page = web.get("/").content.decode()

    assert f"/workouts/{unanswered.pk}/no-symptoms/" in page
    assert f"/workouts/{answered.pk}/no-symptoms/" not in page
    assert f"/workouts/{with_episode.pk}/no-symptoms/" not in page


def test_no_symptoms_button_records_the_answer_and_counts_the_session(web_for, user):
    workout = WorkoutFactory(user=user, started_at=timezone.now() - timedelta(hours=4))
    client = web_for(user, csrf=True)
    page = client.get(f"/workouts/{workout.pk}/").content.decode()
    assert f'action="/workouts/{workout.pk}/no-symptoms/"' in page
    token = client.cookies["csrftoken"].value

    response = client.post(
        f"/workouts/{workout.pk}/no-symptoms/",
        {"csrfmiddlewaretoken": token, "next": f"/workouts/{workout.pk}/"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/workouts/{workout.pk}/"
    workout.refresh_from_db()
    assert workout.symptom_free_at is not None
    page = client.get(f"/workouts/{workout.pk}/").content.decode()
    assert "no-symptoms/" not in page
    assert "you answered" in page


def test_no_symptoms_button_refuses_without_the_csrf_token(web_for, user):
    workout = WorkoutFactory(user=user)
    response = web_for(user, csrf=True).post(f"/workouts/{workout.pk}/no-symptoms/")
    assert response.status_code == 403
    workout.refresh_from_db()
    assert workout.symptom_free_at is None


def test_no_symptoms_button_refuses_a_workout_with_an_episode_in_its_window(web, user):
    workout = WorkoutFactory(user=user, started_at=timezone.now() - timedelta(hours=4))
    EpisodeFactory(user=user, started_at=workout.ended_at + timedelta(minutes=30))

    response = web.post(f"/workouts/{workout.pk}/no-symptoms/", follow=True)

    assert "An episode is already logged for this workout." in response.content.decode()
    workout.refresh_from_db()
    assert workout.symptom_free_at is None


def test_no_symptoms_button_cannot_answer_for_another_persons_workout(web):
    theirs = WorkoutFactory(user=UserFactory())
    assert web.post(f"/workouts/{theirs.pk}/no-symptoms/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.symptom_free_at is None
