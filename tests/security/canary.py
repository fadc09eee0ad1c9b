"""Health data with a canary in it, logged the ways a person logs it, and where to look
for the canary afterwards. Shared by the unit figure (tests/security/test_canary.py) and
its Redis variant (tests/integration/test_canary_redis.py)."""

import base64
import binascii
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

URL = re.compile(r"https?://[^\s\"'<>]+")


def episode_bodies(canary: str, now: datetime) -> list[dict[str, Any]]:
    """Episodes that raise alerts of every level that sends email (urgent, see a doctor)."""
    return [
        {
            "started_at": (now - timedelta(minutes=40)).isoformat(),
            "ended_at": (now - timedelta(minutes=20)).isoformat(),
            "sensations": ["numbness"],
            "locations": ["calf"],
            "accompanying": ["nausea"],
            "notes": f"api urgent {canary}",
        },
        {
            "started_at": (now - timedelta(hours=3)).isoformat(),
            "ended_at": (now - timedelta(minutes=50)).isoformat(),
            "sensations": ["tingling"],
            "locations": ["shin"],
            "notes": f"api prolonged {canary}",
        },
    ]


def workout_body(canary: str, now: datetime) -> dict[str, Any]:
    return {
        "activity": "stepper",
        "started_at": (now - timedelta(hours=5)).isoformat(),
        "duration_minutes": 40,
        "tight_clothing": True,
        "notes": f"api workout {canary}",
    }


def urls_in(texts: Iterable[str]) -> list[str]:
    return [url for text in texts for url in URL.findall(text)]


# Kombu's Redis transport stores each message as JSON whose ``body`` is base64.
ENCODED_BODY = re.compile(r'body\\?"\s*:\s*\\?"([A-Za-z0-9+/=]{4,})')


def decoded(text: str) -> list[str]:
    """``text`` and the decoded base64 message bodies inside it."""
    found = [text]
    for encoded in ENCODED_BODY.findall(text):
        try:
            found.append(base64.b64decode(encoded).decode(errors="replace"))
        except (binascii.Error, ValueError):
            continue
    return found


def occurrences(canary: str, texts: Iterable[Any]) -> int:
    """How often ``canary`` appears in ``texts``, message bodies decoded."""
    return sum(part.count(canary) for text in texts for part in decoded(str(text)))
