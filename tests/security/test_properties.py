"""Figure 4, with hypothesis: the write services keep or refuse, and the JSON export and
import lose nothing.

1. Whatever hypothesis builds for an episode, a workout or a body weight, the service
   either stores a row that passes validation again when read back, or refuses it with a
   ``ValidationError``; never another exception (which the API would answer with a 500).
2. Any history (workouts, body weights, episodes with their workouts, alerts with their
   evidence), exported as JSON through the API and imported through the API into a fresh
   account, comes back row for row and field for field.

Each example runs in a savepoint that is rolled back, so examples do not see each other.
"""

import string
import zoneinfo
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import models, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from alerts.models import Alert, Level
from symptoms import services as episode_services
from symptoms.models import Episode
from symptoms.vocabulary import Accompanying, Location, ReliefAction, Sensation, Side
from tests.factories import UserFactory
from tests.security.people import report
from tracker import services as tracker_services
from tracker.models import Activity, BodyWeight, Workout

pytestmark = pytest.mark.django_db

FEW = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Far enough back that every generated moment is in the past, whatever today is.
LATEST = datetime(2026, 11, 1)
ZONES = ["UTC", "Asia/Jakarta", "America/St_Johns", "Pacific/Chatham", "Pacific/Kiritimati"]
# The API and the page forms refuse NUL (DRF's and Django's CharField validators) and trim
# surrounding whitespace; the services are only ever called with what those let through.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300
).map(str.strip)
ANY_MOMENT = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
) | st.datetimes(timezones=st.sampled_from([zoneinfo.ZoneInfo(z) for z in ZONES]))
PAST_MOMENT = st.datetimes(min_value=datetime(2000, 1, 1), max_value=LATEST, timezones=st.just(UTC))


def vocabulary(values: list[str]) -> st.SearchStrategy[list[str]]:
    """Mostly known values, sometimes unknown, repeated or empty ones."""
    return st.lists(st.sampled_from([*values, "", "unknown", "NUMBNESS"]), max_size=6)


LONG_TEXT = st.text(string.ascii_letters, min_size=1990, max_size=2010)


def mixed(
    *, valid: dict[str, st.SearchStrategy], wild: dict[str, st.SearchStrategy]
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid values, with none, one or a few of them replaced by a wild one."""
    return st.tuples(
        st.fixed_dictionaries(valid),
        st.fixed_dictionaries({}, optional=wild),
    ).map(lambda pair: {**pair[0], **pair[1]})


def known(values: list[str], min_size: int = 0) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), min_size=min_size, unique=True)


def settled(build: Any) -> tuple[str, Any]:
    """Run ``build()`` in a savepoint rolled back after; ('stored', row) or ('refused', err)."""
    outcome: tuple[str, Any]
    with transaction.atomic():
        try:
            row = build()
        except ValidationError as error:
            outcome = ("refused", error)
        else:
            fresh = type(row).objects.get(pk=row.pk)
            fresh.full_clean()  # what was stored is still valid when read back
            outcome = ("stored", fresh)
        transaction.set_rollback(True)
    return outcome


class Counts:
    def __init__(self) -> None:
        self.stored = 0
        self.refused = 0

    def add(self, outcome: tuple[str, Any]) -> None:
        if outcome[0] == "stored":
            self.stored += 1
        else:
            self.refused += 1


@pytest.fixture
def person():
    return UserFactory()


def test_the_episode_service_stores_valid_rows_or_refuses_with_a_validation_error(
    person, record_property
):
    counts = Counts()

    @FEW
    @given(
        fields=mixed(
            valid={
                "started_at": PAST_MOMENT,
                "ended_at": st.none(),
                "sensations": known(Sensation.values, min_size=1),
                "locations": known(Location.values, min_size=1),
                "side": st.sampled_from(Side.values),
                "severity": st.none() | st.integers(0, 10),
                "accompanying": known(Accompanying.values),
                "relief_actions": known(ReliefAction.values),
                "notes": TEXT,
            },
            wild={
                "started_at": ANY_MOMENT,
                "ended_at": ANY_MOMENT,
                "sensations": vocabulary(Sensation.values),
                "locations": vocabulary(Location.values),
                "side": st.sampled_from(["", "up", "LEFT"]),
                "severity": st.integers(-3, 40_000),
                "accompanying": vocabulary(Accompanying.values),
                "relief_actions": vocabulary(ReliefAction.values),
                "notes": LONG_TEXT,
            },
        )
    )
    def check(fields: dict[str, Any]) -> None:
        counts.add(settled(lambda: episode_services.episode_create(user=person, **fields)))

    check()

    report(record_property, "hypothesis_episodes", stored=counts.stored, refused=counts.refused)


def test_the_workout_service_stores_valid_rows_or_refuses_with_a_validation_error(
    person, record_property
):
    counts = Counts()

    @FEW
    @given(
        fields=mixed(
            valid={
                "activity": st.sampled_from(Activity.values),
                "started_at": PAST_MOMENT,
                "duration_minutes": st.integers(1, 1440),
                "intensity": st.none() | st.integers(1, 10),
                "tight_clothing": st.booleans(),
                "notes": TEXT,
            },
            wild={
                "activity": st.sampled_from(["", "RUNNING", "parkour"]),
                "started_at": ANY_MOMENT,
                "duration_minutes": st.integers(-5, 40_000),
                "intensity": st.integers(-3, 40_000),
                "notes": LONG_TEXT,
            },
        )
    )
    def check(fields: dict[str, Any]) -> None:
        counts.add(settled(lambda: tracker_services.workout_create(user=person, **fields)))

    check()

    report(record_property, "hypothesis_workouts", stored=counts.stored, refused=counts.refused)


def test_the_body_weight_service_stores_valid_rows_or_refuses_with_a_validation_error(
    person, record_property
):
    counts = Counts()
    taken = date(2026, 10, 1)
    tracker_services.body_weight_create(user=person, measured_on=taken, weight_kg=Decimal("70"))

    @FEW
    @given(
        fields=mixed(
            valid={
                "measured_on": st.dates(date(1990, 1, 1), LATEST.date()),
                "weight_kg": st.decimals(20, 400, places=1),
            },
            wild={
                "measured_on": st.dates() | st.just(taken),
                "weight_kg": st.decimals(min_value=-10, max_value=2000, places=1)
                | st.decimals(min_value=19, max_value=401)
                | st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-0")]),
            },
        )
    )
    def check(fields: dict[str, Any]) -> None:
        counts.add(settled(lambda: tracker_services.body_weight_create(user=person, **fields)))

    check()

    report(record_property, "hypothesis_body_weights", stored=counts.stored, refused=counts.refused)


# --- The export and import round trip ----------------------------------------------------


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    """A valid history: rows as keyword arguments for the models, links by index."""
    workouts = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "activity": st.sampled_from(Activity.values),
                    "started_at": PAST_MOMENT,
                    "duration_minutes": st.integers(1, 1440),
                    "intensity": st.none() | st.integers(1, 10),
                    "tight_clothing": st.booleans(),
                    "notes": TEXT,
                    "symptom_free_at": st.none() | PAST_MOMENT,
                }
            ),
            max_size=4,
        )
    )
    days = draw(st.lists(st.dates(date(2000, 1, 1), LATEST.date()), unique=True, max_size=4))
    weights = [
        {"measured_on": day, "weight_kg": draw(st.decimals(20, 400, places=1))} for day in days
    ]
    episodes = []
    # A person has at most one ongoing episode (alert-rules.md): only the first may be.
    for number in range(draw(st.integers(0, 4))):
        started = draw(PAST_MOMENT)
        ends = st.integers(0, 60 * 24 * 3)
        lasted = draw(st.none() | ends if number == 0 else ends)
        episodes.append(
            {
                "started_at": started,
                "ended_at": None if lasted is None else started + timedelta(minutes=lasted),
                "sensations": draw(
                    st.lists(st.sampled_from(Sensation.values), min_size=1, unique=True)
                ),
                "locations": draw(
                    st.lists(st.sampled_from(Location.values), min_size=1, unique=True)
                ),
                "side": draw(st.sampled_from(Side.values)),
                "severity": draw(st.none() | st.integers(0, 10)),
                "accompanying": draw(st.lists(st.sampled_from(Accompanying.values), unique=True)),
                "relief_actions": draw(st.lists(st.sampled_from(ReliefAction.values), unique=True)),
                "notes": draw(TEXT),
                "workout": draw(st.none() | st.integers(0, len(workouts) - 1))
                if workouts
                else None,
            }
        )
    alerts = []
    for index in range(draw(st.integers(0, 3))):
        on_episode = episodes and draw(st.booleans())
        alerts.append(
            {
                "rule": draw(st.sampled_from(["prolonged_tingling", "recurring_with_stepper"])),
                "level": draw(st.sampled_from(Level.values)),
                "identity": ("episode", index % len(episodes)) if on_episode else f"30d#{index}",
                "context": draw(
                    st.dictionaries(
                        st.text(string.ascii_lowercase, min_size=1, max_size=6),
                        st.integers(-100, 100) | st.booleans() | TEXT | st.lists(st.integers(0, 9)),
                        max_size=3,
                    )
                ),
                "created_at": draw(PAST_MOMENT),
                "acknowledged_at": draw(st.none() | PAST_MOMENT),
                "episodes": draw(st.sets(st.integers(0, len(episodes) - 1))) if episodes else set(),
                "workouts": draw(st.sets(st.integers(0, len(workouts) - 1))) if workouts else set(),
            }
        )
    return {
        "zone": draw(st.sampled_from(ZONES)),
        "workouts": workouts,
        "body_weights": weights,
        "episodes": episodes,
        "alerts": alerts,
    }


def store(user: Any, history: dict[str, Any]) -> None:
    user.profile.timezone = history["zone"]
    user.profile.save()
    workouts = [Workout.objects.create(user=user, **w) for w in history["workouts"]]
    for weight in history["body_weights"]:
        BodyWeight.objects.create(user=user, **weight)
    episodes = []
    for item in history["episodes"]:
        fields = dict(item)
        index = fields.pop("workout")
        episodes.append(
            Episode.objects.create(
                user=user, workout=workouts[index] if index is not None else None, **fields
            )
        )
    seen = set()
    for item in history["alerts"]:
        identity = item["identity"]
        if isinstance(identity, tuple):
            identity = f"episode:{episodes[identity[1]].pk}"
        if (item["rule"], identity) in seen:
            continue
        seen.add((item["rule"], identity))
        alert = Alert.objects.create(
            user=user,
            rule=item["rule"],
            level=item["level"],
            identity=identity,
            context=item["context"],
            created_at=item["created_at"],
            acknowledged_at=item["acknowledged_at"],
        )
        alert.episodes.set([episodes[i] for i in item["episodes"]])
        alert.workouts.set([workouts[i] for i in item["workouts"]])


SKIPPED = {"id", "user", "created_at", "updated_at"}


def rows_of(user: Any) -> dict[str, list[dict[str, Any]]]:
    """Every row of every kind, field by field, with links written as uuids."""

    def fields(obj: models.Model) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in obj._meta.concrete_fields:
            if f.name in SKIPPED and not (isinstance(obj, Alert) and f.name == "created_at"):
                continue
            value = getattr(obj, f.name)
            if f.is_relation:
                value = value.uuid if value is not None else None
            out[f.name] = value
        return out

    episode_uuid = {e.pk: e.uuid for e in Episode.objects.filter(user=user)}
    alerts = []
    for alert in Alert.objects.filter(user=user).prefetch_related("episodes", "workouts"):
        row = fields(alert)
        if row["identity"].startswith("episode:"):
            row["identity"] = f"episode:{episode_uuid[int(row['identity'][8:])]}"
        row["episodes"] = sorted(e.uuid for e in alert.episodes.all())
        row["workouts"] = sorted(w.uuid for w in alert.workouts.all())
        alerts.append(row)
    return {
        "workouts": sorted(
            (fields(w) for w in Workout.objects.filter(user=user)), key=lambda r: r["uuid"]
        ),
        "body_weights": sorted(
            (fields(w) for w in BodyWeight.objects.filter(user=user)),
            key=lambda r: r["measured_on"],
        ),
        "episodes": sorted(
            (fields(e) for e in Episode.objects.filter(user=user)), key=lambda r: r["uuid"]
        ),
        "alerts": sorted(alerts, key=lambda r: r["uuid"]),
    }


def test_any_history_comes_back_whole_through_the_json_export_and_import(record_property):
    totals = {"examples": 0, "workouts": 0, "body_weights": 0, "episodes": 0, "alerts": 0}

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(history=histories())
    def check(history: dict[str, Any]) -> None:
        with transaction.atomic():
            source, target = UserFactory(), UserFactory()
            store(source, history)
            exporter, importer = APIClient(), APIClient()
            exporter.force_authenticate(source)
            importer.force_authenticate(target)

            exported = exporter.get("/api/v1/export/?format=json")
            assert exported.status_code == 200
            body = b"".join(exported.streaming_content)
            imported = importer.post("/api/v1/import/", body, content_type="application/json")
            assert imported.status_code == 201, imported.content

            rows_in, rows_out = rows_of(source), rows_of(target)
            assert rows_out == rows_in
            assert target.profile.__class__.objects.get(user=target).timezone == history["zone"]
            totals["examples"] += 1
            for kind, rows in rows_in.items():
                totals[kind] += len(rows)
            transaction.set_rollback(True)

    check()

    report(record_property, "hypothesis_round_trip", rows_lost_or_changed=0, **totals)
