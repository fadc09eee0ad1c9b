"""Server processes import the heavy libraries when they start, not on a person's request.

Each case runs in a new process, as gunicorn or a Celery worker would start, since this
test process has long imported everything.
"""

import json

from tests.config.test_settings import run
from tests.live_gunicorn import live_gunicorn  # noqa: F401

# What a first dashboard, insights page or PDF imported while the person waited.
HEAVY = [
    "statsmodels.stats.proportion",
    "scipy.stats",
    "statsmodels.api",
    "lifelines",
    "weasyprint",
]
FIRST_REQUEST = [*HEAVY, "config.urls", "dashboard.views", "insights.views"]

LOADED = """
import json, sys
{start}
print(json.dumps(sorted(name for name in {names!r} if name in sys.modules)))
"""


def loaded_after(start: str, names: list[str]) -> list[str]:
    completed = run(
        ["-c", LOADED.format(start=start, names=names)], settings_module="config.settings.test"
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_a_web_process_has_the_heavy_libraries_and_every_view_loaded_before_its_first_request():
    assert loaded_after("import config.wsgi", FIRST_REQUEST) == sorted(FIRST_REQUEST)


def test_a_celery_worker_imports_them_before_it_forks_its_pool():
    start = (
        "import django; django.setup()\n"
        "from config.celery import app\n"
        "from celery.signals import worker_init\n"
        "worker_init.send(sender=None)"
    )

    assert loaded_after(start, HEAVY) == sorted(HEAVY)


def test_commands_and_beat_still_start_without_them():
    # Why they are imported lazily at all: setting Django up (every manage.py command,
    # beat, the test suite) must not pay seconds for them.
    assert loaded_after("import django; django.setup(); import config.celery", HEAVY) == []


def test_gunicorn_logs_when_a_worker_has_loaded_the_app_and_takes_requests(live_gunicorn):  # noqa: F811
    # Seconds after the fork gunicorn logs; what a deploy (and `make bench`) waits for.
    output = live_gunicorn.wait_for_log("Worker ready (pid: ")

    assert output.index("Booting worker with pid") < output.index("Worker ready (pid: ")


def test_the_collector_leaves_what_a_started_process_imported_alone():
    # A full collection walked every object of scipy, statsmodels and lifelines (twice as
    # many objects as Django's): 0.6 ms more per evaluation. Frozen, it walks none of them.
    code = "import gc, config.wsgi; print(gc.get_freeze_count(), len(gc.get_objects()))"
    completed = run(["-c", code], settings_module="config.settings.test")
    assert completed.returncode == 0, completed.stderr[-3000:]
    frozen, walked = map(int, completed.stdout.split()[-2:])

    assert frozen > 10 * walked
