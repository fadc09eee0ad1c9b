"""Fixtures of the web tests: signed-in clients and compiled translations."""

import pytest
from django.core.management import call_command
from django.test import Client


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The .mo catalogues (git-ignored) built from the .po files, as ``make run`` does."""
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
