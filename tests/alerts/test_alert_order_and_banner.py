"""One level order everywhere, and the urgent banner's "when" and "I'm fine now"."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation

from alerts.models import Alert
from alerts.presenters import open_alert_cards
from tests.factories import EpisodeFactory

pytestmark = pytest.mark.django_db

ORDER = ["urgent", "see_doctor", "watch"]


def _levels(cards):
    return [card.alert.level for card in cards]


def test_alerts_page_lists_urgent_then_see_doctor_then_watch(web, alerts_of_every_level):
    # The urgent alert is the oldest: newest-first alone would put it last.
    Alert.objects.filter(level="urgent").update(created_at=timezone.now() - timedelta(days=30))

    cards = web.get("/alerts/").context["cards"]

    assert _levels(cards) == ORDER


def test_dashboard_and_alerts_page_show_the_same_order(web, user, alerts_of_every_level):
    Alert.objects.filter(level="urgent").update(created_at=timezone.now() - timedelta(days=30))

    assert _levels(open_alert_cards(user=user)) == _levels(web.get("/alerts/").context["cards"])


def test_alerts_page_intro_names_the_article(web, user, alerts_of_every_level):
    user.profile.language = "id"
    user.profile.save()
    with translation.override("id"):
        page = web.get("/alerts/", HTTP_ACCEPT_LANGUAGE="id").content.decode()

    assert "Kaki Mati Rasa Setelah Latihan" in page
    assert "the health article says" not in page


def _banner(user, language="en"):
    request = RequestFactory().get("/")
    request.user = user
    with translation.override(language):
        return render_to_string("alerts/_urgent_banner.html", request=request)


def test_urgent_banner_says_when_the_episode_was_and_offers_fine_now(user):
    started = timezone.now().replace(year=2026, month=12, day=3, hour=0, minute=59, second=0)
    episode = EpisodeFactory(
        user=user, started_at=started, ended_at=started + timedelta(minutes=20)
    )
    alert = Alert.objects.create(
        user=user,
        rule="emergency_symptoms",
        level="urgent",
        identity="episode:x",
        created_at=started,
    )
    alert.episodes.add(episode)

    html = _banner(user)
    html_id = _banner(user, "id")

    assert "The episode started on 3 Dec 2026, 00:59 and ended on 3 Dec 2026, 01:19." in html
    assert "I&#x27;m fine now" in html or "I'm fine now" in html
    assert 'name="fine_now" value="1"' in html
    assert "csrfmiddlewaretoken" in html
    assert 'href="tel:' in html
    assert "3 Des 2026, 00:59" in html_id


def test_fine_now_records_the_answer_and_removes_the_banner(web, user, alerts_of_every_level):
    alert = alerts_of_every_level["urgent"]

    response = web.post(f"/alerts/{alert.id}/acknowledge/", {"fine_now": "1", "next": "/"})

    alert.refresh_from_db()
    assert response["Location"] == "/"
    assert alert.acknowledged_at is not None
    assert alert.acknowledged_fine is True
    assert "data-urgent-banner" not in _banner(user)


def test_fine_now_needs_post_with_csrf(user, alerts_of_every_level):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    alert = alerts_of_every_level["urgent"]

    assert client.get(f"/alerts/{alert.id}/acknowledge/").status_code == 405
    assert client.post(f"/alerts/{alert.id}/acknowledge/", {"fine_now": "1"}).status_code == 403
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_plain_mark_as_read_is_not_recorded_as_fine(web, alerts_of_every_level):
    alert = alerts_of_every_level["urgent"]

    web.post(f"/alerts/{alert.id}/acknowledge/")

    alert.refresh_from_db()
    assert alert.acknowledged_at is not None
    assert alert.acknowledged_fine is False
