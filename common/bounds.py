"""The range of dates LegLog accepts, in one place: models, services, filters and exports.

A recorded moment (a workout's or episode's start, an episode's end, a weighing day) is
from 1 January 1900 to tomorrow: earlier is a typing mistake, and far-off years break
date arithmetic (a workout's end, a zone conversion, a FHIR period). Episodes keep their
own stricter rule on top (a start at most 5 minutes ahead, ``symptoms.services``).

A day in a list or export filter (``?from=``, ``?to=``) is from 1900-01-01 to
9999-12-30, so "the day after" and a zone's midnight always exist.
"""

from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST_DAY = date(1900, 1, 1)
# Local midnight of EARLIEST_DAY in the zone farthest ahead of UTC (+14:00).
EARLIEST_MOMENT = datetime(1900, 1, 1, tzinfo=UTC) - timedelta(hours=14)
FUTURE_SLACK = timedelta(days=1)
LAST_FILTER_DAY = date(9999, 12, 30)

RECORDED_MESSAGE = _("Enter a date from 1 January 1900 to tomorrow.")
FILTER_MESSAGE = _("Enter a day from 1900-01-01 to 9999-12-30.")


def latest_moment(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + FUTURE_SLACK


def latest_day(now: datetime | None = None) -> date:
    return latest_moment(now).date()


def validate_recorded_moment(value: datetime | None) -> None:
    """A start or end of something that happened: 1900-01-01 to now + 1 day."""
    if value is None:
        return
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if value < EARLIEST_MOMENT or value > latest_moment():
        raise ValidationError(RECORDED_MESSAGE, code="out_of_range")


def validate_recorded_day(value: date | None) -> None:
    """A day something was measured: 1900-01-01 to tomorrow."""
    if value is None:
        return
    if value < EARLIEST_DAY or value > latest_day():
        raise ValidationError(RECORDED_MESSAGE, code="out_of_range")


def validate_filter_day(value: date | None) -> None:
    """A ``?from=``/``?to=`` day: 1900-01-01 to 9999-12-30."""
    if value is None:
        return
    if value < EARLIEST_DAY or value > LAST_FILTER_DAY:
        raise ValidationError(FILTER_MESSAGE, code="out_of_range")


def check_recorded(**moments: datetime | date | None) -> None:
    """Raise one ``ValidationError`` naming every field out of range (for ``Model.clean``)."""
    errors: dict[str, list[ValidationError]] = {}
    for field, value in moments.items():
        try:
            if isinstance(value, datetime):
                validate_recorded_moment(value)
            else:
                validate_recorded_day(value)
        except ValidationError as error:
            errors[field] = [error]
    if errors:
        raise ValidationError(errors)
