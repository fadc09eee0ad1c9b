"""Sign up, log in and out, password reset, settings and account deletion."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import Profile
from symptoms.models import Episode
from tests.factories import EpisodeFactory, WorkoutFactory
from tracker.models import Workout

pytestmark = pytest.mark.django_db
User = get_user_model()

SIGNUP = {
    "username": "ayu",
    "email": "ayu@example.com",
    "password": "kaki kesemutan lagi",
    "password_again": "kaki kesemutan lagi",
    "language": "id",
    "timezone": "Asia/Jakarta",
}


def test_signup_creates_the_account_with_its_profile_and_signs_in(client):
    response = client.post("/signup/", SIGNUP)

    assert response.status_code == 302
    assert response["Location"] == "/welcome/1/"
    profile = Profile.objects.get(user__username="ayu")
    assert (profile.language, profile.timezone) == ("id", "Asia/Jakarta")
    assert response.cookies["django_language"].value == "id"
    welcome = client.get("/welcome/1/")
    assert welcome.status_code == 200
    assert "Selamat datang di LegLog" in welcome.content.decode()


@pytest.mark.parametrize(
    ("change", "field_error"),
    [
        ({"password": "12345678", "password_again": "12345678"}, "password"),
        ({"password_again": "something else entirely"}, "password_again"),
        ({"email": "not an address"}, "email"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
        ({"username": ""}, "username"),
    ],
)
def test_signup_with_bad_input_shows_the_error_and_stores_nothing(client, change, field_error):
    response = client.post("/signup/", {**SIGNUP, **change})

    assert response.status_code == 200
    assert field_error in response.context["form"].errors
    assert "Please correct the following:" in response.content.decode()
    assert not User.objects.exists()


def test_signup_with_a_taken_username_says_so(client, user):
    response = client.post("/signup/", {**SIGNUP, "username": user.username.upper()})

    assert response.context["form"].errors["username"] == ["That username is taken."]
    assert User.objects.count() == 1


def test_login_page_switches_to_bahasa_indonesia(client):
    assert 'name="language"' in client.get("/login/").content.decode()

    client.post("/i18n/setlang/", {"language": "id", "next": "/login/"})
    page = client.get("/login/").content.decode()

    assert 'lang="id"' in page
    assert "Nama pengguna" in page


def test_logging_in_opens_the_dashboard_and_logging_out_locks_it_again(client, user):
    response = client.post(
        "/login/", {"username": user.username, "password": "correct horse battery"}
    )
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200

    assert client.post("/logout/")["Location"] == "/login/"
    assert client.get("/")["Location"].startswith("/login/")


def test_logging_in_with_a_wrong_password_is_refused_with_a_message(client, user):
    response = client.post("/login/", {"username": user.username, "password": "nope"})
    assert response.status_code == 200
    assert "do not match" in response.content.decode()


def test_password_reset_mails_a_link_that_sets_a_new_password(client, user):
    client.post("/password-reset/", {"email": user.email})

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new secret", "new_password2": "a brand new secret"},
    )
    user.refresh_from_db()
    assert user.check_password("a brand new secret")


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post("/password-reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []


def test_settings_save_language_zone_and_email_choices(web, user):
    response = web.post(
        "/settings/",
        {
            "email": "new@example.com",
            "language": "id",
            "timezone": "Asia/Makassar",
            "weekly_digest": "on",
            "birth_year": "1985",
            "sex": "female",
        },
    )

    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.language == "id"
    assert profile.timezone == "Asia/Makassar"
    assert (profile.email_alerts, profile.weekly_digest, profile.log_reminders) == (
        False,
        True,
        False,
    )
    assert (profile.birth_year, profile.sex) == (1985, "female")
    assert User.objects.get(pk=user.pk).email == "new@example.com"
    assert "Pengaturan Anda sudah disimpan." in web.get("/settings/").content.decode()


@pytest.mark.parametrize(
    "change",
    [{"timezone": "Atlantis/Capital"}, {"birth_year": "1850"}, {"email": ""}],
)
def test_settings_with_bad_input_show_the_error_and_change_nothing(web, user, change):
    data = {"email": user.email, "language": "en", "timezone": "UTC", **change}
    response = web.post("/settings/", {**data, "language": "id"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Profile.objects.get(user=user).language == "en"


def test_deleting_the_account_with_a_wrong_password_keeps_everything(web, user):
    response = web.post("/settings/delete-account/", {"password": "wrong"})

    assert response.context["form"].errors["password"] == ["The password is not correct."]
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_the_account_with_the_password_removes_it_and_its_data(web, user):
    workout = WorkoutFactory(user=user)
    EpisodeFactory(user=user, workout=workout)

    response = web.post("/settings/delete-account/", {"password": "correct horse battery"})

    assert response["Location"] == "/login/"
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Workout.objects.exists()
    assert not Episode.objects.exists()
    assert web.get("/")["Location"].startswith("/login/")


def test_changing_the_password_needs_the_old_one(web, user):
    refused = web.post(
        "/settings/password/",
        {
            "old_password": "wrong",
            "new_password1": "fresh secret 42",
            "new_password2": "fresh secret 42",
        },
    )
    assert "old_password" in refused.context["form"].errors

    response = web.post(
        "/settings/password/",
        {
            "old_password": "correct horse battery",
            "new_password1": "fresh secret 42",
            "new_password2": "fresh secret 42",
        },
    )

    assert response["Location"] == "/settings/password/done/"
    user.refresh_from_db()
    assert user.check_password("fresh secret 42")
    assert web.get("/").status_code == 200  # still signed in


def test_first_run_shows_three_screens_then_saves_the_reminder_choice(client):
    client.post("/signup/", {**SIGNUP, "language": "en"})

    first = client.get("/welcome/1/").content.decode()
    second = client.get("/welcome/2/").content.decode()
    third = client.get("/welcome/3/").content.decode()

    assert "LegLog does not diagnose" in first
    assert 'href="/welcome/2/"' in first
    assert 'href="tel:112"' in second
    assert "Remind me to note any symptoms after a workout" in third
    response = client.post("/welcome/3/", {"log_reminders": "on"})
    assert response["Location"] == "/"
    profile = Profile.objects.get(user__username="ayu")
    assert (profile.log_reminders, profile.weekly_digest) == (True, False)


def test_first_run_screens_need_a_login(client):
    assert client.get("/welcome/1/")["Location"].startswith("/login/")


def test_the_time_zone_list_is_short_grouped_by_region_and_without_old_aliases(web, user):
    page = web.get("/settings/").content.decode()

    assert '<optgroup label="Asia">' in page
    assert '<option value="Asia/Jakarta"' in page
    assert "US/Eastern" not in page
    assert "Asia/Calcutta" not in page
    assert page.count("<option value=") < 450
