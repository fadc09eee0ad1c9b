"""One unambiguous date/time style per language, for pages, emails and the PDF."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.formats import date_format

from alerts.messages.phrases import format_date
from common.charts import day_label

AFTER_MIDNIGHT = datetime(2026, 12, 3, 0, 59, tzinfo=ZoneInfo("UTC"))
EVENING = datetime(2026, 12, 2, 19, 13, tzinfo=ZoneInfo("UTC"))


def _in(language, value, fmt):
    with translation.override(language):
        return date_format(value, fmt)


def test_english_dates_put_the_day_first_with_a_24_hour_clock():
    assert _in("en", EVENING, "DATETIME_FORMAT") == "2 Dec 2026, 19:13"
    assert _in("en", EVENING, "SHORT_DATETIME_FORMAT") == "2 Dec 2026, 19:13"
    assert _in("en", EVENING, "SHORT_DATE_FORMAT") == "2 Dec 2026"


def test_indonesian_time_is_never_read_as_a_decimal():
    assert _in("id", AFTER_MIDNIGHT, "DATETIME_FORMAT") == "3 Des 2026, 00:59"
    assert _in("id", AFTER_MIDNIGHT, "DATE_FORMAT") == "3 Des 2026"


def test_no_am_pm_and_no_doubled_full_stop_in_either_language():
    for language in ("en", "id"):
        for fmt in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT", "TIME_FORMAT"):
            text = _in(language, EVENING, fmt)
            assert "m." not in text, text
            assert ".." not in text, text


def test_alert_messages_and_chart_labels_use_the_same_date_style():
    with translation.override("id"):
        assert format_date("2026-12-03") == "3 Des 2026"
        assert day_label(date(2026, 12, 3)) == "3 Des 2026"
    with translation.override("en"):
        assert day_label(date(2026, 12, 3)) == "3 Dec 2026"
