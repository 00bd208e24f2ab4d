"""Business-hours arithmetic: office hours, weekends and Finnish public holidays."""

from __future__ import annotations

from datetime import datetime

from actions.sla import HELSINKI, add_business_hours, format_due, is_open

HOURS = {
    "mon": "09:00-15:00",
    "tue": "09:00-15:00",
    "wed": "09:00-15:00",
    "thu": "09:00-15:00",
    "fri": "09:00-14:00",
}


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=HELSINKI)  # type: ignore[misc]


def test_within_one_day() -> None:
    assert add_business_hours(HOURS, at(2026, 12, 1, 10, 0), 2) == at(2026, 12, 1, 12, 0)


def test_before_opening_starts_at_opening() -> None:
    assert add_business_hours(HOURS, at(2026, 12, 1, 6, 30), 1) == at(2026, 12, 1, 10, 0)


def test_over_a_weekend() -> None:
    # Friday 13:00: one hour left on Friday, six on Monday, one on Tuesday.
    assert add_business_hours(HOURS, at(2026, 12, 4, 13, 0), 8) == at(2026, 12, 8, 10, 0)


def test_over_christmas_holidays() -> None:
    # 24-26 Dec are public holidays in Finland; Wednesday 23 Dec 14:00 + 8 h.
    assert add_business_hours(HOURS, at(2026, 12, 23, 14, 0), 8) == at(2026, 12, 29, 10, 0)


def test_independence_day_on_a_weekday() -> None:
    # 6 Dec 2027 is a Monday: closed.
    assert not is_open(HOURS, at(2027, 12, 6, 10, 0))
    assert add_business_hours(HOURS, at(2027, 12, 3, 14, 0), 1) == at(2027, 12, 7, 10, 0)


def test_never_open_is_none() -> None:
    assert add_business_hours({}, at(2026, 12, 1, 10, 0), 1) is None


def test_due_times_read_naturally() -> None:
    due = at(2026, 12, 8, 10, 0)
    assert format_due(due, "fi") == "ti 8.12. klo 10.00"
    assert format_due(due, "sv") == "tis 8.12 kl. 10.00"
    assert format_due(due, "en") == "Tue 8 Dec at 10:00"
