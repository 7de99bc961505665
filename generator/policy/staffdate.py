"""Dates as policy staff type them (2026-12-01, 12/01/2026, December 1, 2026, 1 December 2026), read the same
way wherever they are given: `--as-of`, `--date`, `--effective`, and the HANDBOOK_AS_OF setting of a build."""
from __future__ import annotations

import datetime as dt

FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y")
FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a day can be in: the policy's rules count up to 100 years from it, and the calendar ends at 9999."""
HOW = "write it like 2026-12-01 (year-month-day), 12/01/2026 (month/day/year) or December 1, 2026"


def read_day(value) -> tuple[dt.date, bool]:
    """(the day, whether it was written other than 2026-12-01, so worth saying back as read); ValueError says
    in plain words why it cannot be read."""
    if isinstance(value, dt.date):
        return value, False
    text = " ".join(str(value).replace(".", "").split())
    for form in FORMATS:
        try:
            day = dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValueError(f"'{value}' is in the year {day.year}; give a day between {FIRST_YEAR} and {LAST_YEAR}")
        return day, form != FORMATS[0]
    raise ValueError(f"'{value}' is not a date that can be read; {HOW}")


def spoken_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"
