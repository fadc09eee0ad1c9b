"""The home dashboard: open alerts by level, the week at a glance, latest entries, charts."""

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from alerts.models import Alert
from tests.factories import EpisodeFactory, UserFactory, WorkoutFactory

pytestmark = pytest.mark.django_db


def test_open_alerts_come_first_most_serious_level_first(web, alerts_of_every_level):
    page = web.get("/").content.decode()

    positions = [
        page.index(f"alert-card level-{level}") for level in ("urgent", "see_doctor", "watch")
    ]
    assert positions == sorted(positions)
    assert page.index("alert-card") < page.index("This week at a glance")


def test_an_urgent_alert_shows_a_banner_with_the_emergency_number(
    web, alerts_of_every_level, settings
):
    settings.EMERGENCY_NUMBER = "119"
    page = web.get("/").content.decode()

    start = page.find('<div class="banner banner-urgent" role="alert"')
    assert start != -1
    banner = _element_at(page, start)
    assert 'href="tel:119"' in banner
    assert start < page.index('id="main"')


def _element_at(page: str, start: int) -> str:
    """The whole <div> that opens at ``start``, nested <div>s included."""
    depth = 0
    for tag in re.finditer(r"<(/?)div\b[^>]*>", page[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page[start : start + tag.end()]
    raise AssertionError("the banner's <div> is never closed")


def test_each_open_alert_links_its_evidence_and_can_be_acknowledged(web, alerts_of_every_level):
    alert = alerts_of_every_level["watch"]
    page = web.get("/").content.decode()

    for episode in alert.episodes.all():
        assert f'href="/episodes/{episode.id}/"' in page
    for workout in alert.workouts.all():
        assert f'href="/workouts/{workout.id}/"' in page
    assert f'action="/alerts/{alert.id}/acknowledge/"' in page


def test_acknowledged_alerts_leave_the_dashboard(web, alerts_of_every_level):
    Alert.objects.filter(level="urgent").update(acknowledged_at=timezone.now())
    page = web.get("/").content.decode()

    assert "level-urgent" not in page
    assert "banner-urgent" not in page
    assert "level-see_doctor" in page


@time_machine.travel(datetime(2026, 11, 25, 5, 0, tzinfo=UTC), tick=False)  # Wed 12:00 Jakarta
def test_this_week_counts_from_monday_in_the_persons_zone(web, user):
    user.profile.timezone = "Asia/Jakarta"
    user.profile.save()
    monday_jakarta = datetime(2026, 11, 22, 17, 30, tzinfo=UTC)  # Mon 00:30 in Jakarta
    sunday_jakarta = datetime(2026, 11, 22, 16, 30, tzinfo=UTC)  # Sun 23:30 in Jakarta
    WorkoutFactory(user=user, started_at=monday_jakarta, duration_minutes=40)
    WorkoutFactory(user=user, started_at=sunday_jakarta, duration_minutes=25)
    EpisodeFactory(
        user=user, started_at=monday_jakarta, ended_at=monday_jakarta + timedelta(minutes=12)
    )
    EpisodeFactory(user=user, started_at=timezone.now() - timedelta(minutes=7), ended_at=None)

    week = web.get("/").context["week"]

    assert (week.workouts, week.workout_minutes) == (1, 40)
    assert (week.episodes, week.symptom_minutes) == (2, 19)


def test_latest_workouts_and_episodes_are_the_persons_own(web, user):
    mine = WorkoutFactory(user=user, activity="yoga")
    theirs = WorkoutFactory(user=UserFactory(), activity="swimming")
    my_episode = EpisodeFactory(user=user)
    their_episode = EpisodeFactory(user=theirs.user)

    page = web.get("/").content.decode()

    assert f"/workouts/{mine.id}/" in page
    assert f"/workouts/{theirs.id}/" not in page
    assert f"/episodes/{my_episode.id}/" in page
    assert f"/episodes/{their_episode.id}/" not in page


@time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), tick=False)  # a Wednesday
def test_charts_come_with_a_text_alternative_and_switch_to_52_weeks(web, user):
    WorkoutFactory(user=user, activity="stepper")
    EpisodeFactory(user=user)

    page = web.get("/").content.decode()
    assert page.count('<figure class="chart">') == 4
    assert page.count("<svg") >= 4
    assert page.count("Chart as text") == 4
    assert "12 weeks from" in page

    rows = web.get("/").context["weekly_rows"]
    assert len(rows) == 12
    assert (rows[0].workouts, rows[0].by_activity, rows[0].episodes) == (1, [("Stepper", 1)], 1)
    assert all(row.workouts == row.episodes == 0 for row in rows[1:])

    response = web.get("/?weeks=52")
    page = response.content.decode()
    assert len(response.context["weekly_rows"]) == 52
    assert "52 weeks from" in page
    assert 'href="?weeks=52#charts" aria-current="true"' in page


def test_dashboard_speaks_bahasa_indonesia_and_shows_times_in_the_persons_zone(web, user):
    user.profile.language = "id"
    user.profile.timezone = "Asia/Jakarta"
    user.profile.save()
    WorkoutFactory(user=user, started_at=datetime(2026, 11, 20, 1, 5, tzinfo=UTC))

    page = web.get("/").content.decode()

    assert '<html lang="id">' in page
    assert "Sekilas minggu ini" in page
    assert "Kaki saya mati rasa sekarang" in page
    assert "Jum, 20 Nov 2026, 08:05" in page  # 01:05 UTC is 08:05 in Jakarta


def test_an_account_made_in_the_admin_without_a_profile_still_sees_its_pages(client):
    admin_made = get_user_model().objects.create_user("staffer", password="x")
    client.force_login(admin_made)

    for page in ("/", "/workouts/", "/episodes/new/", "/alerts/", "/settings/"):
        assert client.get(page).status_code == 200


def test_the_dashboard_and_the_digest_show_the_same_numbers_for_the_same_week(web, user):
    from notifications import kinds
    from notifications.kinds.digest import digest_for
    from notifications.outbox import outbox_ensure

    jakarta = ZoneInfo("Asia/Jakarta")
    user.profile.timezone = jakarta.key
    user.profile.save()
    sunday_evening = datetime(2026, 11, 22, 20, 0, tzinfo=jakarta)
    WorkoutFactory(user=user, started_at=datetime(2026, 11, 16, 7, tzinfo=jakarta))
    for day in (17, 19):  # 10 min 30 s each: whole minutes per episode, as each page shows
        start = datetime(2026, 11, day, 8, tzinfo=jakarta)
        EpisodeFactory(user=user, started_at=start, ended_at=start + timedelta(seconds=630))
    EpisodeFactory(user=user, started_at=sunday_evening - timedelta(minutes=7), ended_at=None)

    with time_machine.travel(sunday_evening, tick=False):
        dashboard = web.get("/").context["week"]
        digest = digest_for(user=user, monday=date(2026, 11, 16), zone=jakarta, now=timezone.now())
        email = kinds.compose(
            outbox=outbox_ensure(user=user, kind="digest", key="digest:2026-W47"),
            profile=user.profile,
            now=timezone.now(),
        )

    assert digest.week == dashboard
    assert (dashboard.episodes, dashboard.symptom_minutes) == (3, 27)
    assert f"Workouts: 1 ({dashboard.workout_minutes} min)" in email.text
    assert "Episodes of symptoms logged: 3" in email.text
    assert "Minutes with symptoms: 27" in email.text


# Session, user, profile; the charts' episodes and workouts (read once for the charts, their
# table and this week); the latest workouts with their outcome; open alerts; the insight
# card's counts per activity; the latest episodes; the banners' ongoing episode and urgent
# alerts. Was 18: weekly counts, episodes, associations, weights, this week (2), the
# outcomes of the latest workouts and the card's 5 years of workouts and episodes.
HOME_PAGE_QUERIES = 11


def _history(user, *, entries, now):
    """``entries`` workouts and episodes, every other one in the charts' 12 weeks (one every
    9 hours) and the rest spread back over the years; some linked, some answered."""
    for i in range(entries):
        started = now - (timedelta(hours=9 * i + 3) if i % 2 else timedelta(days=5 * i + 1))
        workout = WorkoutFactory(
            user=user,
            started_at=started,
            activity=("running", "stepper", "yoga")[i % 3],
            symptom_free_at=started + timedelta(hours=3) if i % 5 == 0 else None,
        )
        if i % 4 != 0:
            EpisodeFactory(
                user=user,
                workout=workout if i % 3 else None,
                started_at=started + timedelta(minutes=50),
                ended_at=started + timedelta(minutes=70),
            )


@pytest.mark.parametrize("entries", [0, 5, 400])
@time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), tick=False)
def test_the_dashboard_costs_the_same_number_of_queries_whatever_the_history(
    web, user, entries, django_assert_num_queries
):
    _history(user, entries=entries, now=timezone.now())

    with django_assert_num_queries(HOME_PAGE_QUERIES):
        page = web.get("/")
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        web.get("/?weeks=52")

    assert (page.context["week"].workouts > 0) == (entries > 0)
    assert len(page.context["insight_rows"]) == (3 if entries else 0)


@time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), tick=False)
def test_open_alerts_and_their_evidence_add_2_queries_to_the_dashboard(
    web, user, django_assert_num_queries, request
):
    _history(user, entries=100, now=timezone.now())
    request.getfixturevalue("alerts_of_every_level")

    with django_assert_num_queries(HOME_PAGE_QUERIES + 2):  # their episodes, their workouts
        page = web.get("/")

    assert len(page.context["alert_cards"]) >= 3


@time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), tick=False)
def test_no_symptoms_is_offered_only_for_latest_workouts_with_no_answer_yet(web, user):
    now = timezone.now()
    followed = WorkoutFactory(user=user, started_at=now - timedelta(hours=30))
    EpisodeFactory(user=user, started_at=followed.ended_at + timedelta(minutes=110))
    answered = WorkoutFactory(
        user=user, started_at=now - timedelta(hours=20), symptom_free_at=now - timedelta(hours=15)
    )
    linked = WorkoutFactory(user=user, started_at=now - timedelta(hours=10))
    EpisodeFactory(user=user, workout=linked, started_at=linked.started_at - timedelta(hours=1))
    unanswered = WorkoutFactory(user=user, started_at=now - timedelta(hours=5))

    page = web.get("/")

    assert page.context["no_symptoms_ids"] == {unanswered.id}
    assert {w.id for w in page.context["latest_workouts"]} == {
        followed.id,
        answered.id,
        linked.id,
        unanswered.id,
    }
