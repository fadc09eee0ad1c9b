"""What a parser reads from a device's file, and how its sport names map to LegLog's.

Pure: no Django, no database. Every parser returns ``WorkoutRecord`` values; the import
service turns them into workouts through ``tracker.services.workout_import``.
"""

import re
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta


class ImportFileError(Exception):
    """A file that cannot be imported; the message is shown to the person as is."""


@dataclass(frozen=True, slots=True)
class WorkoutRecord:
    """One workout read from a file.

    ``started_at`` is aware and carries the device's UTC offset when the file gives it;
    ``duration_s`` is the elapsed time in seconds; ``distance_m`` in metres; heart rates
    in beats per minute. ``source_id`` is the id in the source or a hash of the content,
    stable across re-imports of the same file.
    """

    source: str
    source_id: str
    activity: str
    original_activity: str
    started_at: datetime
    duration_s: float
    distance_m: float | None = None
    avg_heart_rate: int | None = None
    max_heart_rate: int | None = None

    @property
    def ended_at(self) -> datetime:
        return self.started_at + timedelta(seconds=self.duration_s)

    @property
    def duration_minutes(self) -> int:
        """Whole minutes, at least 1 (LegLog's unit)."""
        return max(1, round(self.duration_s / 60))

    @property
    def utc_offset_minutes(self) -> int | None:
        offset = self.started_at.utcoffset()
        return None if offset is None else round(offset.total_seconds() / 60)


# --- Activity vocabulary ------------------------------------------------------------
# LegLog's activities: running walking cycling weightlifting yoga stepper elliptical
# swimming hiit other. Anything else becomes "other", with the original name kept.

# FIT sub-sports that say more than their sport (fitness_equipment/stair_climbing).
FIT_SUB_SPORTS = {
    "stair_climbing": "stepper",
    "elliptical": "elliptical",
    "indoor_cycling": "cycling",
    "spin": "cycling",
    "road": "cycling",
    "mountain": "cycling",
    "gravel_cycling": "cycling",
    "e_bike_fitness": "cycling",
    "strength_training": "weightlifting",
    "yoga": "yoga",
    "hiit": "hiit",
    "amrap": "hiit",
    "emom": "hiit",
    "tabata": "hiit",
    "lap_swimming": "swimming",
    "open_water": "swimming",
    "indoor_running": "running",
    "indoor_walking": "walking",
    "casual_walking": "walking",
    "speed_walking": "walking",
}
FIT_SPORTS = {
    "running": "running",
    "walking": "walking",
    "hiking": "walking",
    "cycling": "cycling",
    "e_biking": "cycling",
    "swimming": "swimming",
    "hiit": "hiit",
}

# Apple HealthKit's HKWorkoutActivityType… names, without the prefix.
APPLE_TYPES = {
    "Running": "running",
    "Walking": "walking",
    "Hiking": "walking",
    "Cycling": "cycling",
    "HandCycling": "cycling",
    "TraditionalStrengthTraining": "weightlifting",
    "FunctionalStrengthTraining": "weightlifting",
    "Yoga": "yoga",
    "StairClimbing": "stepper",
    "StepTraining": "stepper",
    "Stairs": "stepper",
    "Elliptical": "elliptical",
    "Swimming": "swimming",
    "HighIntensityIntervalTraining": "hiit",
}
APPLE_PREFIX = "HKWorkoutActivityType"

# Strava's activity types (activities.csv) and the free-text types of TCX and GPX files,
# compared lower-cased with spaces, dashes and underscores removed.
NAMED_TYPES = {
    "run": "running",
    "running": "running",
    "trailrun": "running",
    "virtualrun": "running",
    "treadmill": "running",
    "walk": "walking",
    "walking": "walking",
    "hike": "walking",
    "hiking": "walking",
    "ride": "cycling",
    "biking": "cycling",
    "cycling": "cycling",
    "virtualride": "cycling",
    "ebikeride": "cycling",
    "mountainbikeride": "cycling",
    "gravelride": "cycling",
    "indoorcycling": "cycling",
    "weighttraining": "weightlifting",
    "strengthtraining": "weightlifting",
    "weightlifting": "weightlifting",
    "yoga": "yoga",
    "stairstepper": "stepper",
    "stairclimbing": "stepper",
    "stepper": "stepper",
    "elliptical": "elliptical",
    "swim": "swimming",
    "swimming": "swimming",
    "highintensityintervaltraining": "hiit",
    "hiit": "hiit",
}


def _normal(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name).lower()


def activity_from_fit(sport: str | None, sub_sport: str | None) -> tuple[str, str]:
    """LegLog's activity and the original name for a FIT sport and sub-sport."""
    sport = sport if isinstance(sport, str) else "generic"
    sub = sub_sport if isinstance(sub_sport, str) else "generic"
    original = sport if sub == "generic" else f"{sport}/{sub}"
    if sub == "treadmill":
        return ("walking" if sport == "walking" else "running"), original
    if sport == "training" and sub in ("flexibility_training", "pilates"):
        return "other", original
    return FIT_SUB_SPORTS.get(sub) or FIT_SPORTS.get(sport, "other"), original


def activity_from_apple(activity_type: str) -> tuple[str, str]:
    """LegLog's activity and the original name for an HKWorkoutActivityType… value."""
    short = activity_type.removeprefix(APPLE_PREFIX)
    # Interned: an export repeats a handful of names over thousands of workouts.
    return APPLE_TYPES.get(short, "other"), sys.intern(activity_type)


def activity_from_name(name: str | None) -> tuple[str, str]:
    """LegLog's activity and the original name for a Strava, TCX or GPX activity type."""
    name = (name or "").strip()
    return NAMED_TYPES.get(_normal(name), "other"), name
