"""The API keeps its OpenAPI contract: schemathesis, in-process, every check, bounded.

Every operation of ``/api/v1/schema/`` gets generated requests (valid and invalid),
authenticated by a token, and every answer is checked: no server error, status code,
content type, headers and body as documented, invalid input refused, and so on. The
number of examples per operation is bounded so the run stays well under a minute on
SQLite; ``SCHEMATHESIS_MAX_EXAMPLES`` raises it for a longer run.
"""

import os
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from rest_framework.authtoken.models import Token

from config.wsgi import application
from tests.factories import UserFactory

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "12"))
STATEFUL_EXAMPLES = int(os.environ.get("SCHEMATHESIS_STATEFUL_EXAMPLES", "30"))
CASES: list[str] = []

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
# A schema-valid body may still break a rule JSON Schema cannot state: a weak password,
# a second weight for one day, a start in the future or before 1900, someone else's
# workout, wrong credentials. Those answer 400 (documented); anything else stays a failure.
schema.config.phases.coverage.enabled = os.environ.get("SCHEMATHESIS_COVERAGE") == "1"
schema.config.checks.positive_data_acceptance.expected_statuses = [
    *schema.config.checks.positive_data_acceptance.expected_statuses,
    "400",
    "410",
]


@pytest.fixture(scope="module", autouse=True)
def _count_the_cases():
    """Write how many requests were checked to var/test-results/ (a figure of the run)."""
    yield
    out = Path(__file__).resolve().parents[1] / "var" / "test-results"
    out.mkdir(parents=True, exist_ok=True)
    operations = len(set(CASES))
    # One file per xdist worker (each runs part of the operations): the run's total is the sum.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    (out / f"schemathesis-cases-{worker}.txt").write_text(
        f"{len(CASES)} cases over {operations} operations\n"
    )


# Every test's user gets this same token, so the auth schemathesis caches stays valid.
KEY = "0123456789abcdef0123456789abcdef01234567"


@schema.auth()
class TokenAuth:
    """``Authorization: Token <key>``; schemathesis also tries without it and with a bad one."""

    def get(self, case, context):
        return KEY

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


@pytest.fixture(autouse=True)
def _keep_the_test_transaction_open():
    """Calls go to the WSGI app itself, whose end-of-request signal would close the test's
    database connection (and its transaction) on PostgreSQL; Django's test client
    disconnects it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    return Token.objects.create(user=UserFactory(), key=KEY).key


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
@pytest.mark.django_db
def test_every_operation_keeps_the_documented_contract(case, token):
    CASES.append(case.operation.label)
    case.call_and_validate()


class _Workflow(schema.as_state_machine()):  # type: ignore[misc]
    """Sequences linked by the schema (create, then read, change, delete what was made)."""

    def after_call(self, response, case):
        CASES.append(case.operation.label)


@pytest.mark.django_db
def test_sequences_of_calls_keep_the_documented_contract(token):
    run_state_machine_as_test(
        _Workflow,
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        ),
    )
