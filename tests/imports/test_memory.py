"""A big Apple Health export is streamed: memory grows far less than the file."""

import json
import subprocess
import sys

from bench.imports import write_apple_export
from tests.imports.builders import BILLION_LAUGHS

# Runs in a fresh interpreter: its peak RSS (ru_maxrss) counts this parse and nothing else.
CHILD = """
import json, resource, sys
from imports.parsers.apple import iter_apple_health
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
count = 0
with open(sys.argv[1], "rb") as stream:
    for record in iter_apple_health(stream):
        count += 1
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"workouts": count, "growth_kb": after - before}))
"""


def _parse_in_child(path):
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_apple_export_is_streamed_with_flat_memory(tmp_path):
    path = tmp_path / "export.xml"
    workouts = write_apple_export(path, size_bytes=6 * 2**20, records_per_workout=40)
    size_kb = path.stat().st_size / 1024

    result = _parse_in_child(path)

    assert result["workouts"] == workouts
    # Loaded whole, lxml's tree of this file takes several times its size.
    assert result["growth_kb"] < size_kb / 4


def test_generated_export_is_a_valid_apple_export_without_entities(tmp_path):
    path = tmp_path / "export.xml"
    workouts = write_apple_export(path, size_bytes=50_000, records_per_workout=10)
    text = path.read_text()
    assert "<!ENTITY" not in text
    assert BILLION_LAUGHS not in text
    assert text.count("<Workout ") == workouts
