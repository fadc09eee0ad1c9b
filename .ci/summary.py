"""Print one line for a database's test results from pytest's JUnit XML files.

Usage: python .ci/summary.py LABEL RESULT.xml [RESULT.xml ...]; missing files count as not run.
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main(label: str, paths: list[str]) -> None:
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    seconds = 0.0
    found = [Path(path) for path in paths if Path(path).is_file()]
    for path in found:
        root = ET.parse(path).getroot()
        suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
        for suite in suites:
            for key in totals:
                totals[key] += int(suite.get(key, 0))
            seconds += float(suite.get("time", 0))
    if not found:
        print(f"{label:<11} NOT RUN")
        return
    passed = totals["tests"] - totals["failures"] - totals["errors"] - totals["skipped"]
    verdict = "PASSED" if totals["failures"] == totals["errors"] == 0 else "FAILED"
    print(
        f"{label:<11} {verdict}: {passed} passed, {totals['failures']} failed, "
        f"{totals['errors']} errors, {totals['skipped']} skipped in {seconds:.0f} s"
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
