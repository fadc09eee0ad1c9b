"""A real SMTP server (aiosmtpd) on a free local port, and alerts built as the engine would."""

import socket
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from alerts.models import Alert


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """aiosmtpd handler that keeps every accepted message."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class SmtpServer:
    """A local SMTP server that a test can start late (the server was down) or stop."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self.controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.inbox.messages

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_settings(settings):
    """Send through the SMTP backend to a local port, with the links of a real site."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://leglog.example"
    settings.EMERGENCY_NUMBER = "112"
    return settings


@pytest.fixture
def smtp_down(smtp_settings):
    """Nothing listens on the configured port until the test calls ``.start()``."""
    server = SmtpServer(smtp_settings.EMAIL_PORT)
    yield server
    server.stop()


@pytest.fixture
def smtp_server(smtp_down):
    smtp_down.start()
    return smtp_down


@pytest.fixture
def eager_retries(settings):
    """Eager Celery that runs a task's retries in-process instead of raising the first error
    (``task_eager_propagates`` would re-raise ``Retry`` before the retry runs). Celery reads
    the Django settings object live, so overriding the setting is enough."""
    from config.celery import app

    settings.CELERY_TASK_EAGER_PROPAGATES = False
    assert app.conf.task_eager_propagates is False


@pytest.fixture
def run_task(django_capture_on_commit_callbacks):
    """Run a task as a worker would, with the tasks it queues on commit run too
    (a test's transaction never commits, so ``on_commit`` work would not run)."""

    def run(task, *args):
        with django_capture_on_commit_callbacks(execute=True):
            task.delay(*args)

    return run


@pytest.fixture
def make_alert():
    """An alert row as the pattern engine stores it (context from an episode finding)."""

    def make(user, *, level="urgent", rule="emergency_symptoms", created_at=None, **context):
        base = {
            "date": "2026-11-20",
            "time": "07:30",
            "minutes": 25,
            "ongoing": False,
            "locations": ["calf"],
        }
        if rule == "emergency_symptoms":
            base["symptoms"] = ["nausea"]
        count = Alert.objects.filter(user=user).count()
        return Alert.objects.create(
            user=user,
            rule=rule,
            level=level,
            identity=f"episode:{count + 1}",
            context={**base, **context},
            created_at=created_at or timezone.now(),
        )

    return make


def text_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def html_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content().replace("\r\n", "\n")
