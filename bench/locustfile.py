"""The traffic of ``make load`` (bench/load.py starts locust on this file).

Each simulated person logs in once (the session of the pages; the API uses their token),
then logs episodes (half of them with nausea, which raises one urgent alert and one email
each) and workouts, opens the dashboard and reads their lists. Every episode the server
confirms (201) is written to ``LOAD_RESULT`` at the end, so that bench/load.py can check
that the database holds exactly those, and their alerts and emails.
"""

import itertools
import json
import os
import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

PEOPLE: list[dict[str, str]] = json.loads(Path(os.environ["LOAD_PEOPLE"]).read_text())
NEXT = itertools.count()
CONFIRMED: list[dict[str, Any]] = []
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Person(HttpUser):
    wait_time = between(0.3, 1.2)

    def on_start(self) -> None:
        self.me = PEOPLE[next(NEXT) % len(PEOPLE)]
        self.api = {"Authorization": f"Token {self.me['token']}"}
        page = self.client.get("/login/", name="/login/")
        token = CSRF.search(page.text)
        self.client.post(
            "/login/",
            {
                "username": self.me["username"],
                "password": self.me["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/login/"},
            name="/login/ (POST)",
            allow_redirects=False,
        )

    @task(3)
    def log_episode(self) -> None:
        started = datetime.now(UTC) - timedelta(minutes=random.randint(30, 60 * 24 * 20))
        urgent = random.random() < 0.5
        body = {
            "started_at": started.isoformat(),
            "ended_at": (started + timedelta(minutes=random.randint(1, 30))).isoformat(),
            "sensations": [random.choice(["numbness", "tingling", "burning", "pain"])],
            "locations": [random.choice(["calf", "shin", "foot", "thigh"])],
            "accompanying": ["nausea"] if urgent else [],
        }
        with self.client.post(
            "/api/v1/episodes/",
            json=body,
            headers=self.api,
            name="/api/v1/episodes/ (POST)",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                CONFIRMED.append(
                    {"user": self.me["username"], "id": response.json()["id"], "urgent": urgent}
                )
                response.success()
            else:
                response.failure(f"{response.status_code}")

    @task(1)
    def log_workout(self) -> None:
        started = datetime.now(UTC) - timedelta(days=random.randint(1, 60))
        self.client.post(
            "/api/v1/workouts/",
            json={"activity": "running", "started_at": started.isoformat(), "duration_minutes": 30},
            headers=self.api,
            name="/api/v1/workouts/ (POST)",
        )

    @task(3)
    def dashboard(self) -> None:
        self.client.get("/", name="/ (dashboard)")

    @task(2)
    def lists(self) -> None:
        self.client.get(
            "/api/v1/episodes/?page_size=20", headers=self.api, name="/api/v1/episodes/"
        )
        self.client.get("/api/v1/alerts/", headers=self.api, name="alerts")


@events.test_stop.add_listener
def _write_confirmed(**_kwargs: Any) -> None:
    Path(os.environ["LOAD_RESULT"]).write_text(json.dumps(CONFIRMED))
