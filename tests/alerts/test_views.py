"""Alert pages: the list with filters, one alert with its evidence, acknowledging."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts.messages import alert_title
from alerts.models import Alert
from alerts.services import alerts_evaluate
from tests.factories import EpisodeFactory, WorkoutFactory

pytestmark = pytest.mark.django_db


def test_alert_page_shows_title_message_advice_and_evidence(web, alerts_of_every_level):
    alert = alerts_of_every_level["watch"]

    page = web.get(f"/alerts/{alert.id}/").content.decode()

    assert f'<h1 id="alert-{alert.id}-title">{alert_title(alert)}</h1>' in page
    assert "What to do:" in page
    assert "Episodes behind this alert" in page
    assert "Workouts behind this alert" in page
    for episode in alert.episodes.all():
        assert f'href="/episodes/{episode.id}/"' in page


def test_acknowledging_marks_the_alert_read_once_and_returns_to_the_page(
    web, alerts_of_every_level
):
    alert = alerts_of_every_level["see_doctor"]

    response = web.post(f"/alerts/{alert.id}/acknowledge/", {"next": "/?weeks=52"})
    first = Alert.objects.get(pk=alert.pk).acknowledged_at
    web.post(f"/alerts/{alert.id}/acknowledge/")

    assert response["Location"] == "/?weeks=52"
    assert first is not None
    assert Alert.objects.get(pk=alert.pk).acknowledged_at == first
    assert "Marked as read on" in web.get(f"/alerts/{alert.id}/").content.decode()


def test_acknowledging_never_redirects_to_another_site(web, alerts_of_every_level):
    alert = alerts_of_every_level["watch"]

    response = web.post(f"/alerts/{alert.id}/acknowledge/", {"next": "https://evil.example/"})

    assert response["Location"] == f"/alerts/{alert.id}/"


def test_alert_list_filters_by_level_status_and_activity(web, alerts_of_every_level):
    Alert.objects.filter(level="urgent").update(acknowledged_at=timezone.now())

    def ids(query):
        return {card.alert.id for card in web.get(f"/alerts/?{query}").context["cards"]}

    assert ids("") == {a.id for a in alerts_of_every_level.values()}
    assert ids("level=watch") == {alerts_of_every_level["watch"].id}
    assert ids("status=acknowledged") == {alerts_of_every_level["urgent"].id}
    assert alerts_of_every_level["urgent"].id not in ids("status=open")
    assert ids("activity=running") == {alerts_of_every_level["watch"].id}


def test_alert_list_filters_by_the_day_it_was_raised(web, alerts_of_every_level):
    old = alerts_of_every_level["watch"]
    Alert.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))
    since = (timezone.localdate() - timedelta(days=1)).isoformat()

    cards = web.get(f"/alerts/?date_from={since}").context["cards"]

    assert old.id not in {card.alert.id for card in cards}
    assert len(cards) == 2


def test_alert_list_reads_a_bounded_number_of_queries(
    web, alerts_of_every_level, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        web.get("/alerts/")


def test_dashboard_queries_do_not_grow_with_the_history(web, user, alerts_of_every_level):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            web.get("/")
        return len(captured)

    before = queries()
    for _n in range(6):
        workout = WorkoutFactory(user=user, activity="cycling")
        EpisodeFactory(user=user, workout=workout, accompanying=["nausea"])
    alerts_evaluate(user=user, now=timezone.now())

    assert Alert.objects.filter(user=user).count() > len(alerts_of_every_level)
    assert queries() == before <= 25
