"""Business hours: a team's office hours minus Finnish public holidays, in Helsinki time.

SLA targets in data/teams.yml are business hours, so "8 hours" asked on a Friday evening
is due on Monday afternoon, and a ticket left on Christmas Eve waits for the working days.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from actions.texts import WEEKDAYS

HELSINKI = ZoneInfo("Europe/Helsinki")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MAX_DAYS = 366  # a target longer than a year of working days is a configuration error


@lru_cache(maxsize=32)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("FI", years=year)


def is_holiday(day: date) -> bool:
    return day in _holidays(day.year)


def _span(office_hours: dict[str, str], day: date) -> tuple[datetime, datetime] | None:
    """The day's opening interval in Helsinki time, or None when closed."""
    hours = office_hours.get(DAYS[day.weekday()])
    if hours is None or is_holiday(day):
        return None
    opens, closes = (time.fromisoformat(part) for part in hours.split("-"))
    return (
        datetime.combine(day, opens, HELSINKI),
        datetime.combine(day, closes, HELSINKI),
    )


def is_open(office_hours: dict[str, str], moment: datetime) -> bool:
    local = moment.astimezone(HELSINKI)
    span = _span(office_hours, local.date())
    return span is not None and span[0] <= local < span[1]


def add_business_hours(
    office_hours: dict[str, str], start: datetime, hours: float
) -> datetime | None:
    """The moment `hours` of open time after `start` (timezone-aware). None if never open."""
    remaining = timedelta(hours=hours)
    local = start.astimezone(HELSINKI)
    day = local.date()
    for _ in range(_MAX_DAYS * 2):
        span = _span(office_hours, day)
        if span is not None:
            begin = max(span[0], local)
            if begin < span[1]:
                available = span[1] - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        day += timedelta(days=1)
    return None


def format_due(moment: datetime, lang: str) -> str:
    """A due time as residents read it: "ma 2.12. klo 13.00" / "mån 2.12 kl. 13.00"."""
    local = moment.astimezone(HELSINKI)
    weekday = WEEKDAYS[lang][local.weekday()]
    if lang == "fi":
        return f"{weekday} {local.day}.{local.month}. klo {local.hour}.{local.minute:02d}"
    if lang == "sv":
        return f"{weekday} {local.day}.{local.month} kl. {local.hour}.{local.minute:02d}"
    return f"{weekday} {local.day} {local.strftime('%b')} at {local.hour}:{local.minute:02d}"
