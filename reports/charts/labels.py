"""Chart labels for the vocabulary codes, falling back to the code itself."""

from symptoms.vocabulary import Location
from tracker.models import Activity


def activity_label(code: str) -> str:
    try:
        return str(Activity(code).label)
    except ValueError:
        return code


def location_label(code: str) -> str:
    try:
        return str(Location(code).label)
    except ValueError:
        return code
