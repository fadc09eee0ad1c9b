"""``make load``: a bounded load run with faults, on 127.0.0.1 only (figure 12).

Starts a private ``redis-server`` on a free port, migrates a throw-away database
(``var/load/load.sqlite3``, or ``LOAD_DATABASE_URL=postgres://...``, emptied first), starts gunicorn
(2 workers x 4 threads) and a Celery worker, and runs locust headless (bench/locustfile.py)
for ``--seconds``. A third of the way in the worker is SIGKILLed and started again; half
way in Redis is frozen (SIGSTOP) for ``--pause`` seconds. Afterwards it does what beat
would (the evaluation and outbox sweeps) until nothing moves, then prints the failure
ratio and the 95th percentile, and checks that the database holds exactly the episodes
the server confirmed, one urgent alert per episode with nausea, and one sent email per
alert with no Message-ID twice in the mail folder. Exits 1 when a check fails.

    .venv/bin/python -m bench.load --seconds 120 --users 12
"""

import argparse
import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta

from bench.processes import BASE_DIR, Processes, free_port

PASSWORD = "load-test-password-9"


class Run:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.dir = BASE_DIR / "var" / "load"
        self.processes = Processes(
            directory=self.dir,
            env={
                "DJANGO_SETTINGS_MODULE": "config.settings.local",
                "DEBUG": "0",
                "SECRET_KEY": "load-run-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
                "DATABASE_URL": os.environ.get(
                    "LOAD_DATABASE_URL", f"sqlite:///{self.dir / 'load.sqlite3'}"
                ),
                "EMAIL_URL": f"filemail://{self.dir / 'mail'}",
            },
        )
        (self.dir / "mail").mkdir()
        self.env = self.processes.env
        self.web_port = free_port()

    # --- processes -------------------------------------------------------------------------

    def start_redis(self) -> None:
        problem = self.processes.start_redis()
        if problem is not None:
            sys.exit(f"make load: {problem}")

    def start_worker(self) -> None:
        self.processes.start_worker("worker", concurrency=2)

    def start_web(self) -> None:
        if not self.processes.start_web("web", port=self.web_port, workers=2, ready=b" 200 "):
            sys.exit(f"gunicorn did not answer:\n{(self.dir / 'web.log').read_text()[-3000:]}")

    # --- the run ---------------------------------------------------------------------------

    def prepare(self) -> None:
        for command in (["migrate"], ["flush"]):  # a PostgreSQL database outlives the run
            subprocess.run(
                [sys.executable, "manage.py", *command, "--noinput", "-v", "0"],
                cwd=BASE_DIR,
                env=self.env,
                check=True,
            )
        os.environ.update(self.env)
        import django

        django.setup()
        from rest_framework.authtoken.models import Token

        from accounts.services import user_register

        people = []
        for n in range(self.args.users):
            user = user_register(
                username=f"load{n}", email=f"load{n}@example.com", password=PASSWORD
            )
            token, _ = Token.objects.get_or_create(user=user)
            people.append({"username": user.username, "password": PASSWORD, "token": token.key})
        (self.dir / "people.json").write_text(json.dumps(people))

    def traffic(self) -> None:
        seconds = self.args.seconds
        env = {
            **self.env,
            "LOAD_PEOPLE": str(self.dir / "people.json"),
            "LOAD_RESULT": str(self.dir / "confirmed.json"),
        }
        locust = subprocess.Popen(
            [
                *(sys.executable, "-m", "locust", "-f", str(BASE_DIR / "bench" / "locustfile.py")),
                *("--headless", "-u", str(self.args.users), "-r", str(self.args.users)),
                *("-t", f"{seconds}s", "--host", f"http://127.0.0.1:{self.web_port}"),
                *("--csv", str(self.dir / "locust"), "--only-summary", "--stop-timeout", "10"),
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=(self.dir / "locust.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        started = time.monotonic()

        def at(fraction: float) -> None:
            time.sleep(max(0.0, started + seconds * fraction - time.monotonic()))

        at(1 / 3)
        print(f"{time.monotonic() - started:5.1f} s  worker SIGKILLed")
        self.processes.stop("worker", signal.SIGKILL)
        time.sleep(5)
        self.start_worker()
        print(f"{time.monotonic() - started:5.1f} s  worker started again")
        at(1 / 2)
        self.processes.pause("redis")
        print(f"{time.monotonic() - started:5.1f} s  Redis paused (SIGSTOP)")
        time.sleep(self.args.pause)
        self.processes.resume("redis")
        print(f"{time.monotonic() - started:5.1f} s  Redis resumed (SIGCONT)")
        locust.wait(timeout=seconds + 120)
        print(f"{time.monotonic() - started:5.1f} s  traffic over")

    def settle(self) -> None:
        """What beat does, every few seconds instead of minutes, until nothing moves."""
        from django.utils import timezone

        from alerts.models import Alert
        from alerts.services import alerts_sweep
        from notifications.models import OutboxEmail
        from notifications.services import outbox_recover

        def state() -> tuple[int, int, int]:
            return (
                Alert.objects.count(),
                OutboxEmail.objects.filter(status="sent").count(),
                OutboxEmail.objects.exclude(status__in=["sent", "skipped"]).count(),
            )

        last, still = None, 0
        deadline = time.monotonic() + self.args.settle
        while time.monotonic() < deadline and still < 3:
            alerts_sweep(now=timezone.now())
            # Rows a lost task left pending count as stuck after a grace period: jump it.
            outbox_recover(now=timezone.now() + timedelta(minutes=20))
            time.sleep(4)
            current = state()
            still = still + 1 if current == last and current[2] == 0 else 0
            last = current
        print(f"settled: {last[0]} alerts, {last[1]} emails sent, {last[2]} not sent")

    # --- the figures -----------------------------------------------------------------------

    def figures(self) -> bool:
        from alerts.models import Alert
        from notifications.models import OutboxEmail
        from symptoms.models import Episode

        with (self.dir / "locust_stats.csv").open() as handle:
            rows = list(csv.DictReader(handle))
        total = next(r for r in rows if r["Name"] == "Aggregated")
        requests, failures = int(total["Request Count"]), int(total["Failure Count"])
        print(f"\n{'request':32} {'count':>7} {'failed':>7} {'p50 ms':>7} {'p95 ms':>7}")
        for r in rows:
            print(
                f"{r['Name'][:32]:32} {r['Request Count']:>7} {r['Failure Count']:>7} "
                f"{r['50%']:>7} {r['95%']:>7}"
            )

        confirmed = json.loads((self.dir / "confirmed.json").read_text())
        expected = {row["id"] for row in confirmed}
        urgent = {row["id"] for row in confirmed if row["urgent"]}
        stored = set(
            Episode.objects.filter(user__username__startswith="load").values_list("id", flat=True)
        )
        emergency = Counter(
            Alert.objects.filter(rule="emergency_symptoms").values_list("identity", flat=True)
        )
        alert_ids = set(
            Alert.objects.filter(level__in=["urgent", "see_doctor"]).values_list("id", flat=True)
        )
        emails = OutboxEmail.objects.filter(kind="alert")
        per_alert = Counter(emails.values_list("alert_id", flat=True))
        message_ids = Counter(
            m
            for path in (self.dir / "mail").iterdir()
            for m in re.findall(r"^Message-ID: (\S+)", path.read_text(errors="replace"), re.M)
        )
        sent_ids = set(emails.filter(status="sent").values_list("message_id", flat=True))
        checks = {
            "episodes confirmed = stored": expected == stored,
            "one urgent alert per episode with nausea": all(
                emergency.get(f"episode:{i}") == 1 for i in urgent
            )
            and len(emergency) == len(urgent),
            "one alert email per alert, sent": set(per_alert) == alert_ids
            and all(n == 1 for n in per_alert.values())
            and emails.exclude(status="sent").count() == 0,
            "each sent email in the mail folder once": set(message_ids) >= sent_ids
            and all(message_ids[m] == 1 for m in sent_ids),
        }
        p95 = total["95%"]
        line = (
            f"FIGURE load requests={requests} failures={failures} "
            f"failure_ratio={failures / max(requests, 1):.4f} p95_ms={p95} "
            f"episodes_confirmed={len(expected)} episodes_stored={len(stored)} "
            f"urgent_alerts={sum(emergency.values())}/{len(urgent)} "
            f"alert_emails_sent={len(sent_ids)}/{len(alert_ids)} "
            f"duplicated_messages={sum(1 for n in message_ids.values() if n > 1)}"
        )
        print()
        for name, ok in checks.items():
            print(f"{'ok  ' if ok else 'FAIL'} {name}")
        print(line)
        return all(checks.values())

    def main(self) -> int:
        try:
            self.start_redis()
            self.prepare()
            self.start_worker()
            self.start_web()
            print(
                f"web on 127.0.0.1:{self.web_port}, Redis on {self.processes.redis_port}, "
                f"logs in {self.dir}"
            )
            self.traffic()
            self.settle()
            return 0 if self.figures() else 1
        finally:
            self.processes.resume("redis")  # a frozen Redis would not stop
            self.processes.stop_all()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=120, help="length of the traffic")
    parser.add_argument("--users", type=int, default=12, help="simulated people at once")
    parser.add_argument("--pause", type=int, default=15, help="seconds Redis stays frozen")
    parser.add_argument("--settle", type=int, default=180, help="most seconds of sweeping after")
    return Run(parser.parse_args()).main()


if __name__ == "__main__":
    sys.exit(main())
