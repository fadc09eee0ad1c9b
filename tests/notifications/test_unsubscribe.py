"""One-click unsubscribe: works without login or CSRF token, stops that one kind only."""

from urllib.parse import urlsplit

import pytest
from django.test import Client

from notifications import links
from notifications.tasks import alert_email_task
from tests.notifications.conftest import text_part

pytestmark = pytest.mark.django_db


def switches(user):
    user.profile.refresh_from_db()
    p = user.profile
    return {
        "email_alerts": p.email_alerts,
        "weekly_digest": p.weekly_digest,
        "log": p.log_reminders,
    }


def unsubscribe_path_from_email(user, make_alert, smtp_server):
    alert_email_task.delay(make_alert(user, level="urgent").id)
    message = smtp_server.messages[-1]
    url = str(message["List-Unsubscribe"]).strip()[1:-1]
    assert url in text_part(message)
    return urlsplit(url).path


@pytest.fixture
def anonymous():
    """A browser or mail provider that is not signed in and sends no CSRF token."""
    return Client(enforce_csrf_checks=True)


def test_unsubscribe_link_opens_a_confirmation_without_login_and_changes_nothing(
    user, make_alert, smtp_server, anonymous
):
    path = unsubscribe_path_from_email(user, make_alert, smtp_server)

    response = anonymous.get(path)

    assert response.status_code == 200
    assert b'name="action" value="unsubscribe"' in response.content
    assert switches(user)["email_alerts"] is True


def test_unsubscribe_button_turns_off_alert_emails_only(user, make_alert, smtp_server, anonymous):
    user.profile.log_reminders = True
    user.profile.save()
    path = unsubscribe_path_from_email(user, make_alert, smtp_server)

    response = anonymous.post(path, {"action": "unsubscribe"})

    assert response.status_code == 200
    assert b"You are unsubscribed" in response.content
    assert switches(user) == {"email_alerts": False, "weekly_digest": True, "log": True}


def test_one_click_post_from_the_mail_provider_unsubscribes_without_csrf(
    user, make_alert, smtp_server, anonymous
):
    path = unsubscribe_path_from_email(user, make_alert, smtp_server)

    response = anonymous.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert switches(user)["email_alerts"] is False


def test_after_unsubscribing_a_new_urgent_alert_sends_no_email(
    user, make_alert, smtp_server, anonymous
):
    path = unsubscribe_path_from_email(user, make_alert, smtp_server)
    anonymous.post(path)

    alert_email_task.delay(make_alert(user, level="urgent").id)

    assert len(smtp_server.messages) == 1


def test_digest_unsubscribe_link_turns_off_the_digest_only(user, anonymous):
    path = urlsplit(links.unsubscribe_url(user_id=user.id, kind="digest")).path

    anonymous.post(path)

    assert switches(user) == {"email_alerts": True, "weekly_digest": False, "log": False}


def test_log_reminder_unsubscribe_link_turns_off_log_reminders_only(user, anonymous):
    user.profile.log_reminders = True
    user.profile.save()
    path = urlsplit(links.unsubscribe_url(user_id=user.id, kind="log_reminder")).path

    anonymous.post(path)

    assert switches(user) == {"email_alerts": True, "weekly_digest": True, "log": False}


def test_a_digest_token_cannot_turn_off_alert_emails(user, anonymous):
    token = links.unsubscribe_token(user_id=user.id, kind="digest")

    response = anonymous.post(f"/email/unsubscribe/alert/{token}/")

    assert response.status_code == 400
    assert switches(user) == {"email_alerts": True, "weekly_digest": True, "log": False}


def test_a_tampered_token_is_refused_and_changes_nothing(user, other_user, anonymous):
    token = links.unsubscribe_token(user_id=user.id, kind="alert")
    value, _ts, signature = token.split(":")
    forged = links.unsubscribe_token(user_id=other_user.id, kind="alert").split(":")[0]

    response = anonymous.post(f"/email/unsubscribe/alert/{forged}:{_ts}:{signature}/")

    assert response.status_code == 400
    assert switches(other_user)["email_alerts"] is True
    assert switches(user)["email_alerts"] is True


def test_an_unknown_email_kind_answers_404(user, anonymous):
    token = links.unsubscribe_token(user_id=user.id, kind="alert")

    assert anonymous.get(f"/email/unsubscribe/newsletter/{token}/").status_code == 404


def test_the_same_link_turns_the_emails_back_on(user, anonymous):
    path = urlsplit(links.unsubscribe_url(user_id=user.id, kind="digest")).path
    anonymous.post(path)

    response = anonymous.post(path, {"action": "resubscribe"})

    assert b"Welcome back" in response.content
    assert switches(user)["weekly_digest"] is True


def test_unsubscribe_page_speaks_the_readers_language(user, anonymous):
    user.profile.language = "id"
    user.profile.save()
    path = urlsplit(links.unsubscribe_url(user_id=user.id, kind="alert")).path

    response = anonymous.get(path)

    assert 'lang="id"' in response.content.decode()
    assert "Berhenti berlangganan" in response.content.decode()
