"""SMTP servers that misbehave on purpose, for the worker figures (aiosmtpd, loopback)."""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

from aiosmtpd.controller import Controller

from tests.notifications.conftest import Inbox, free_port


class Flaky(Inbox):
    """Answers ``451`` to the first ``failures`` messages (every one when None), then
    accepts; ``attempts`` counts every DATA command that reached the handler."""

    def __init__(self, failures: int | None) -> None:
        super().__init__()
        self.failures = failures
        self.attempts = 0

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
        self.attempts += 1
        if self.failures is None or self.attempts <= self.failures:
            return "451 4.3.0 Mailbox temporarily unavailable, try again later"
        return await super().handle_DATA(server, session, envelope)


class Stalling(Inbox):
    """Holds the first message ``seconds`` before answering, like a slow provider. A
    message whose client hung up meanwhile never got its ``250``, so it is not kept
    (aiosmtpd cancels the handler): only acknowledged messages count as delivered."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.attempts = 0
        self.dropped = 0

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
        self.attempts += 1
        if self.attempts == 1:
            try:
                await asyncio.sleep(self.seconds)
            except asyncio.CancelledError:
                # aiosmtpd cancels the handler when the connection is lost.
                self.dropped += 1
                raise
        return await super().handle_DATA(server, session, envelope)


@contextmanager
def serving(handler: Inbox) -> Iterator[int]:
    """Serve ``handler`` on a free loopback port; yields the port."""
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
