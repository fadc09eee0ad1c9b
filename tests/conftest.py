import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()


@pytest.fixture
def api_client():
    """An anonymous API client."""
    return APIClient()


@pytest.fixture
def client_for():
    """``client_for(user)``: an API client authenticated by the user's token."""

    def make(user):
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def auth_client(user, client_for):
    return client_for(user)


@pytest.fixture(autouse=True)
def _no_broker_connections_carried_between_tests():
    """Each test starts without the Celery connection pools of the one before.

    kombu keeps its pools in a process-wide registry keyed by broker URL. A test that
    points Celery at another broker and closes the pools afterwards would otherwise leave
    a closed pool there, and the next test that publishes ("Acquire on closed pool")
    fails for a reason of its neighbour's making.
    """
    yield
    from kombu import pools

    from config.celery import app

    pools.reset()
    app._after_fork()  # forget the app's references to the pools just closed


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttle counters live in the cache; one test's calls must not count in the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The .mo catalogues (git-ignored) built from the .po files, as ``make run`` does.

    Skipped when every catalogue is already newer than its .po (``make test`` compiles
    first), so parallel test workers do not rewrite the files under each other's feet.
    """
    from common.management.commands.compiletranslations import project_locale_dirs

    po_files = [po for d in project_locale_dirs() for po in d.glob("*/LC_MESSAGES/django.po")]
    stale = [
        po
        for po in po_files
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        call_command("compiletranslations", verbosity=0)


@pytest.fixture
def web(client, user):
    """The Django test client, signed in as ``user``."""
    client.force_login(user)
    return client


@pytest.fixture
def web_for():
    """``web_for(user)``: a new signed-in client; ``csrf=True`` enforces CSRF checks."""

    def make(user, *, csrf=False):
        client = Client(enforce_csrf_checks=csrf)
        client.force_login(user)
        return client

    return make


@pytest.fixture
def alerts_of_every_level(user):
    """Episodes that make the pattern engine raise one urgent, one see-a-doctor and one
    watch alert for ``user``; returns the alerts by level."""
    from datetime import timedelta

    from django.utils import timezone

    from alerts.models import Alert
    from alerts.services import alerts_evaluate
    from tests.factories import EpisodeFactory, WorkoutFactory

    now = timezone.now()
    EpisodeFactory(user=user, started_at=now - timedelta(hours=5), accompanying=["nausea"])
    EpisodeFactory(user=user, started_at=now - timedelta(hours=4), sensations=["tingling", "pain"])
    for days in (3, 6, 9):
        run = WorkoutFactory(user=user, activity="running", started_at=now - timedelta(days=days))
        EpisodeFactory(user=user, workout=run, started_at=run.ended_at)
    alerts_evaluate(user=user, now=now)
    by_level = {}
    for alert in Alert.objects.filter(user=user).order_by("created_at"):
        by_level.setdefault(alert.level, alert)
    assert set(by_level) == {"urgent", "see_doctor", "watch"}
    return by_level


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The figures the trust tests measured (``record_property("figure", ...)``), one a line,
    also under pytest-xdist, whose workers send their properties to this process."""
    lines = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "figure"
    ]
    if lines:
        terminalreporter.section("figures")
        for line in sorted(lines):
            terminalreporter.write_line(f"FIGURE {line}")
