"""Health data with a canary in it, logged the ways a person logs it, and where to look
for the canary afterwards. Shared by the unit figure (tests/security/test_canary.py) and
its Redis variant (tests/integration/test_canary_redis.py)."""

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


def occurrences(canary: str, texts: Iterable[Any]) -> int:
    return sum(str(text).count(canary) for text in texts)
