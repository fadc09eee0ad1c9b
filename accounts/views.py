"""Sign up, settings and account deletion; logging in and password resets are Django's."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.forms import AccountDeleteForm, ProfileForm, ReminderForm, SignupForm
from accounts.selectors import profile_get
from common.forms import add_service_errors


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind ``login_required`` (for the type checker)."""

    user: User


def _remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """Keep the language for pages shown before logging in (the same cookie set_language uses)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = services.user_register(
                    username=data["username"],
                    email=data["email"],
                    password=data["password"],
                    language=data["language"],
                    timezone_name=data["timezone"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                # Two backends (axes' lockout check first): name the one that signs in.
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                with translation.override(data["language"]):
                    messages.success(request, _("Welcome to LegLog. Your account is ready."))
                # First run: three short screens, once, before the dashboard.
                return _remember_language(redirect("welcome", step=1), data["language"])
    else:
        form = SignupForm(initial={"language": translation.get_language() or "en"})
    return render(request, "registration/signup.html", {"form": form})


WELCOME_STEPS = 3


@login_required
@require_http_methods(["GET", "POST"])
def welcome(request: AuthenticatedHttpRequest, step: int) -> HttpResponse:
    """The first-run screens shown after sign-up: what LegLog does and does not do, the
    emergency number, reminders (the last one saves the choice)."""
    if not 1 <= step <= WELCOME_STEPS:
        return redirect("welcome", step=1)
    profile = profile_get(user=request.user) or services.profile_get_or_create(user=request.user)
    if step == WELCOME_STEPS and request.method == "POST":
        form = ReminderForm(request.POST)
        if form.is_valid():
            services.profile_update(user=request.user, data=form.cleaned_data)
            messages.success(request, _("All set. Log a workout or an episode when you are ready."))
            return redirect("home")
    else:
        form = ReminderForm(
            initial={"log_reminders": profile.log_reminders, "weekly_digest": profile.weekly_digest}
        )
    return render(
        request,
        "accounts/welcome.html",
        {"step": step, "steps": range(1, WELCOME_STEPS + 1), "last": WELCOME_STEPS, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = profile_get(user=request.user) or services.profile_get_or_create(user=request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, current_timezone=profile.timezone)
        if form.is_valid():
            try:
                profile = services.profile_update(user=request.user, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                with translation.override(profile.language):
                    messages.success(request, _("Your settings are saved."))
                return _remember_language(redirect("settings"), profile.language)
    else:
        form = ProfileForm(
            current_timezone=profile.timezone,
            initial={
                "email": request.user.email,
                "language": profile.language,
                "timezone": profile.timezone,
                "email_alerts": profile.email_alerts,
                "weekly_digest": profile.weekly_digest,
                "log_reminders": profile.log_reminders,
                "reminder_time": profile.reminder_time,
                "birth_year": profile.birth_year,
                "sex": profile.sex,
                "weight_unit": profile.weight_unit,
            },
        )
    return render(request, "accounts/settings.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_delete(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            logout(request)
            messages.success(request, _("Your account and all its data are deleted."))
            return redirect("login")
    return render(request, "accounts/account_delete.html", {"form": form})
