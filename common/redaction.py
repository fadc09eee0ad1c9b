"""Capability URLs out of the logs: a link that opens data without login is a password.

Share links, the signed one-click links of emails, password-reset links and export file
paths grant access to whoever holds them. Access logs and ``django.request`` would write
them in clear; ``RedactCapabilityUrls`` replaces their secret part with ``[redacted]`` in
every record, attached to every handler of Django's ``LOGGING`` and of gunicorn's logs
(``config/gunicorn.py``). Pure standard library: gunicorn's master imports it.
"""

import logging
import re

REDACTED = "[redacted]"
_SECRET = r"[^/\s?#\"'<>]+"

# (pattern, replacement): the route stays readable, the secret segment goes.
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # reports: /share/<token>/ and /share/<token>/pdf/
    (re.compile(rf"(/share/){_SECRET}"), rf"\g<1>{REDACTED}"),
    # emails: /email/unsubscribe/<kind>/<signed token>/, /email/no-symptoms/<signed token>/
    (re.compile(rf"(/email/unsubscribe/{_SECRET}/){_SECRET}"), rf"\g<1>{REDACTED}"),
    (re.compile(rf"(/email/no-symptoms/){_SECRET}"), rf"\g<1>{REDACTED}"),
    # accounts: /password-reset/<uidb64>/<token>/ (not .../sent/ nor .../done/)
    (
        re.compile(rf"(/password-reset/)(?!sent/|done/){_SECRET}/{_SECRET}"),
        rf"\g<1>{REDACTED}/{REDACTED}",
    ),
    # export files in storage: exports/<random folder>/<name>
    (re.compile(rf"(\bexports/){_SECRET}"), rf"\g<1>{REDACTED}"),
    # any token passed as a query parameter
    (
        re.compile(r"([?&](?:token|key|signature|sig)=)[^&\s#\"'<>]+", re.IGNORECASE),
        rf"\g<1>{REDACTED}",
    ),
]


def redact(text: str) -> str:
    """``text`` with the secret part of every capability URL replaced by ``[redacted]``."""
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactCapabilityUrls(logging.Filter):
    """Redact capability URLs in a record's message (its args rendered in) and traceback.

    The record is changed in place, so every handler after this one, and any other
    logger it propagates to, sees the redacted text. Never drops a record.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: let the handler report it as usual
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
