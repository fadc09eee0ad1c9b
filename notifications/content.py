"""What every email shares: its parts, the reason one is skipped, the alert wording,
and the rendering of a kind's subject, template and context in the reader's language.

Subjects carry no symptom detail (a lock screen or a shared inbox shows them); the
body carries only what the person needs to act, and links to the rest. Alert wording
comes from ``alerts.presenters`` so that it is reviewed and translated in one place.
Each kind's own words live in ``notifications.kinds``.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from alerts import presenters
from alerts.models import Alert
from notifications import links


@dataclass(frozen=True)
class Email:
    subject: str
    text: str
    html: str
    unsubscribe_url: str
    language: str


@dataclass(frozen=True)
class Skip:
    """Nothing to send, and why (shown in the admin)."""

    reason: str


# What a kind's ``compose`` returns: (subject, template name, context), or why not.
Built = tuple[str, str, dict[str, Any]] | Skip


def alert_wording(alert: Alert) -> dict[str, Any]:
    """The alert's words (``alerts.presenters``) with the link to its page."""
    wording = presenters.alert_wording(alert)
    return {
        "title": wording.title,
        "message": wording.message,
        "advice": wording.advice,
        "names_emergency_number": wording.names_emergency_number,
        "url": links.alert_page_url(alert_id=alert.id),
        "level": wording.level,
        "level_label": wording.level_label,
        "created_at": alert.created_at,
    }


def render(
    *,
    subject: str,
    template: str,
    context: dict[str, Any],
    unsubscribe_url: str,
    unsubscribe_what: str,
    language: str,
) -> Email:
    """Both parts of an email from ``notifications/email/<template>.{txt,html}``; call it
    with the reader's language and zone active."""
    context = {
        **context,
        "subject": subject,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url,
        "unsubscribe_what": unsubscribe_what,
        "language": language,
    }
    return Email(
        subject=subject,
        text=render_to_string(f"notifications/email/{template}.txt", context),
        html=render_to_string(f"notifications/email/{template}.html", context),
        unsubscribe_url=unsubscribe_url,
        language=language,
    )
