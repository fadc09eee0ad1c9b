"""The operators' views of alerts: the admin and ``manage.py evaluate``."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from alerts.models import Alert
from tests.factories import EpisodeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _prolonged(user):
    start = timezone.now() - timedelta(hours=3)
    return EpisodeFactory(user=user, started_at=start, ended_at=start + timedelta(minutes=70))


def test_evaluate_command_raises_the_alerts_of_the_named_user_only(user, other_user, email_queue):
    _prolonged(user)
    _prolonged(other_user)
    out = StringIO()

    call_command("evaluate", "--user", user.username, stdout=out)

    assert list(Alert.objects.values_list("user_id", "rule")) == [(user.id, "prolonged_tingling")]
    assert f"{user.username}: prolonged_tingling (see_doctor)" in out.getvalue()
    assert "Evaluated 1 user(s), raised 1 alert(s)." in out.getvalue()


def test_evaluate_command_without_a_user_evaluates_everyone_once(user, other_user, email_queue):
    _prolonged(user)
    _prolonged(other_user)

    call_command("evaluate", stdout=StringIO())
    out = StringIO()
    call_command("evaluate", stdout=out)

    assert Alert.objects.count() == 2
    assert "raised 0 alert(s)" in out.getvalue()


def test_evaluate_command_rejects_an_unknown_user():
    with pytest.raises(CommandError, match="nobody"):
        call_command("evaluate", "--user", "nobody", stdout=StringIO())


def test_admin_lists_and_shows_an_alert_with_its_wording_but_cannot_add_one(client, email_queue):
    admin = UserFactory(is_staff=True, is_superuser=True)
    owner = UserFactory()
    _prolonged(owner)
    call_command("evaluate", stdout=StringIO())
    alert = Alert.objects.get()
    client.force_login(admin)

    listing = client.get("/admin/alerts/alert/")
    detail = client.get(f"/admin/alerts/alert/{alert.id}/change/")
    add = client.get("/admin/alerts/alert/add/")

    assert listing.status_code == 200
    assert "prolonged_tingling" in listing.content.decode()
    assert detail.status_code == 200
    assert "Numbness or tingling that lasted over an hour" in detail.content.decode()
    assert add.status_code == 403
