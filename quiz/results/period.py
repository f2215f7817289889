"""The period a dashboard covers: whole local days, by default the last eight weeks (this week included).

An attempt belongs to the period in which it started. People type and read local dates
(BANZU_TIMEZONE); the database stores naive UTC, so a period also knows its UTC bounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core import clock

DEFAULT_WEEKS = 8
MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    """Local days `start` to `end`, both included."""

    start: date
    end: date

    @property
    def since(self) -> datetime:
        """The first moment, as stored (naive UTC)."""
        return clock.day_begins(self.start)

    @property
    def until(self) -> datetime:
        """The moment after the last day, as stored (naive UTC): attempts start before it."""
        return clock.day_begins(self.end + timedelta(days=1))

    @property
    def weeks(self) -> list[date]:
        """The Monday of every week the period touches, oldest first."""
        monday = week_of(self.start)
        found = []
        while monday <= self.end:
            found.append(monday)
            monday += timedelta(days=7)
        return found

    def args(self) -> dict[str, str]:
        """The period as query arguments (for links that keep it)."""
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def week_of(day: date) -> date:
    """The Monday of the week containing `day`."""
    return day - timedelta(days=day.weekday())


def default_period(now: datetime) -> Period:
    """The last eight weeks: from the Monday seven weeks before this week's up to today."""
    today = clock.local_day(now)
    return Period(week_of(today) - timedelta(weeks=DEFAULT_WEEKS - 1), today)


def parse_period(start: str | None, end: str | None, now: datetime) -> Period:
    """A period from typed dates (YYYY-MM-DD); a missing or bad date falls back to the default's.

    A period longer than three years is cut to its last three years (the charts stay readable)."""
    fallback = default_period(now)
    first, last = _date(start) or fallback.start, _date(end) or fallback.end
    if first > last:
        first, last = last, first
    if (last - first).days > MAX_DAYS:
        first = last - timedelta(days=MAX_DAYS)
    return Period(first, last)


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip()) if text else None
    except ValueError:
        return None
