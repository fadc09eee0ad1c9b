"""One parser per format; each a function from a file's bytes (or stream) to records."""

from imports.parsers.apple import iter_apple_health
from imports.parsers.fit import parse_fit
from imports.parsers.gpx import parse_gpx
from imports.parsers.strava import strava_record, strava_rows
from imports.parsers.tcx import parse_tcx

__all__ = [
    "iter_apple_health",
    "parse_fit",
    "parse_gpx",
    "parse_tcx",
    "strava_record",
    "strava_rows",
]
