"""Import speed and memory of a big synthetic Apple Health export.

    .venv/bin/python -m bench.imports [--mb 200] [--records-per-workout 40] [--keep]

Writes ``var/bench-imports/export.xml`` of about ``--mb`` megabytes (heart-rate samples
with a workout every ``--records-per-workout`` of them, as real exports are mostly
samples), imports it through the real service (``imports.services.import_job_run``)
into a throw-away database, and prints workouts per second and the process's peak RSS
(``resource.getrusage``) before and after. Nothing asserts; the unit tests hold the
streaming (tests/imports/test_memory.py).
"""

import argparse
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.harness import BASE_DIR

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n'
    "<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>\n"
    '<!ATTLIST HealthData locale CDATA #REQUIRED>\n]>\n<HealthData locale="en_US">\n'
    '<ExportDate value="2024-06-01 10:00:00 -0700"/>\n'
    '<Me HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>\n'
)
RECORD = (
    '<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Apple Watch" '
    'sourceVersion="10.1" device="&lt;&lt;HKDevice: 0x2834&gt;, name:Apple Watch&gt;" '
    'unit="count/min" creationDate="{t}" startDate="{t}" endDate="{t}" value="{v}">\n'
    ' <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n</Record>\n'
)
WORKOUT = (
    '<Workout workoutActivityType="HKWorkoutActivityType{kind}" duration="{minutes}" '
    'durationUnit="min" sourceName="Apple Watch" sourceVersion="10.1" creationDate="{end}" '
    'startDate="{start}" endDate="{end}">\n'
    ' <MetadataEntry key="HKIndoorWorkout" value="{indoor}"/>\n'
    ' <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="{start}" '
    'endDate="{end}" average="{avg}" minimum="80" maximum="{peak}" unit="count/min"/>\n'
    ' <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" '
    'startDate="{start}" endDate="{end}" sum="{km}" unit="km"/>\n'
    "</Workout>\n"
)
KINDS = ("StairClimbing", "Running", "Elliptical", "TraditionalStrengthTraining", "Yoga", "Walking")


def _apple(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S +0700")


def write_apple_export(path: Path, *, size_bytes: int, records_per_workout: int = 40) -> int:
    """Write an ``export.xml`` of at least ``size_bytes``; the number of workouts in it.

    Written in chunks, so generating 200 MB needs no more memory than 2 MB.
    """
    zone = UTC
    moment = datetime(2015, 1, 1, 6, 0, tzinfo=zone) + timedelta(hours=7)
    workouts = 0
    written = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        written += len(HEAD)
        while written < size_bytes:
            chunk = []
            for index in range(records_per_workout):
                sample = moment + timedelta(seconds=5 * index)
                chunk.append(RECORD.format(t=_apple(sample), v=60 + index % 90))
            minutes = 20 + workouts % 50
            chunk.append(
                WORKOUT.format(
                    kind=KINDS[workouts % len(KINDS)],
                    minutes=minutes,
                    start=_apple(moment),
                    end=_apple(moment + timedelta(minutes=minutes)),
                    indoor=workouts % 2,
                    avg=110 + workouts % 40,
                    peak=150 + workouts % 40,
                    km=round(2 + (workouts % 9) * 0.7, 2),
                )
            )
            text = "".join(chunk)
            out.write(text)
            written += len(text)
            workouts += 1
            moment += timedelta(hours=9)
        out.write("</HealthData>\n")
    return workouts


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=200.0)
    parser.add_argument("--records-per-workout", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    options = parser.parse_args()

    from bench.harness import configure

    configure()
    from django.conf import settings
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    folder = BASE_DIR / "var" / "bench-imports"
    path = folder / "export.xml"
    started = time.perf_counter()
    workouts = write_apple_export(
        path,
        size_bytes=int(options.mb * 2**20),
        records_per_workout=options.records_per_workout,
    )
    size_mb = path.stat().st_size / 2**20
    print(
        f"generated {path} ({size_mb:.1f} MB, {workouts} workouts) in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )

    # Read the file where it lies: the import's storage is a folder, not memory.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    setup_test_environment()
    names = setup_databases(verbosity=0, interactive=False)
    try:
        from imports.models import ImportJob
        from imports.services import import_job_run
        from tests.factories import UserFactory

        user = UserFactory()
        if options.keep:
            import shutil

            shutil.copy(path, folder / "export-kept.xml")
        job = ImportJob.objects.create(
            user=user, filename="export.xml", size_bytes=path.stat().st_size
        )
        job.file.name = "export.xml"
        job.save(update_fields=["file"])
        before = peak_rss_mb()
        started = time.perf_counter()
        job = import_job_run(job=job)
        seconds = time.perf_counter() - started
        after = peak_rss_mb()
        print(
            f"imported {job.imported} of {job.read} workouts ({job.failed} failed) "
            f"from {size_mb:.1f} MB in {seconds:.1f} s: {job.imported / seconds:.0f} workouts/s, "
            f"{size_mb / seconds:.1f} MB/s",
            flush=True,
        )
        print(
            f"peak RSS {after:.1f} MB (before the import {before:.1f} MB, growth "
            f"{after - before:.1f} MB for a {size_mb:.1f} MB file)",
            flush=True,
        )
    finally:
        teardown_databases(names, verbosity=0)
        teardown_test_environment()
        path.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
