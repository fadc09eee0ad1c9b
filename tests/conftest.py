import pytest
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
