"""LegLog's one date and time style in English: day, short month, year, 24-hour clock.

"3 Dec 2026, 19:13": the day before the month so no reader takes 12/02 for 2 December
or 12 February, the month as a word, and a 24-hour time without "a.m."/"p.m.".
Pages, emails and the doctor's PDF all use these names (``|date:"DATETIME_FORMAT"``,
``date_format(value)``); see docs/glossary-id.md for the Indonesian twin.
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
FIRST_DAY_OF_WEEK = 1  # Monday, as the weekly charts count
