"""LegLog's one date and time style in Bahasa Indonesia: "3 Des 2026, 00:59".

Django's own Indonesian formats write "3 Des. 2026, 0.59", whose time reads as a
decimal number. LegLog writes the day, the short month without a full stop, the year
and a two-digit 24-hour time with a colon, the same shape as in English.
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
FIRST_DAY_OF_WEEK = 1
