"""The period a dashboard covers: whole local days, by default the last eight weeks (this week included),
and which sittings count in it: exams only (仅考试, the default) or exams with practice (含练习).

An attempt belongs to the period in which it started. People type and read local dates
(BANZU_TIMEZONE); the database stores naive UTC, so a period also knows its UTC bounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core import clock

DEFAULT_WEEKS = 8
MAX_DAYS = 3 * 366
EXAM_MODES = ("exam",)
PRACTICE_MODES = ("practice", "daily")  # practice sets (assigned practice papers included) and 每日一练
WITH_PRACTICE = "practice"  # ?sittings=practice: 含练习
SITTINGS = {"exam": "仅考试", WITH_PRACTICE: "含练习"}


@dataclass(frozen=True)
class Period:
    """Local days `start` to `end`, both included; `practice`: practice sittings count beside exams
    (含练习), else exams only (仅考试). One choice for every results page (?sittings=practice), kept
    by the links that carry `args()`."""

    start: date
    end: date
    practice: bool = False

    @property
    def modes(self) -> tuple[str, ...]:
        """The attempt modes that count."""
        return (*EXAM_MODES, *PRACTICE_MODES) if self.practice else EXAM_MODES

    @property
    def sittings(self) -> str:
        """The choice as the query argument's value."""
        return WITH_PRACTICE if self.practice else "exam"

    @property
    def sittings_label(self) -> str:
        return SITTINGS[self.sittings]

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
        found = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.practice:
            found["sittings"] = WITH_PRACTICE
        return found


def week_of(day: date) -> date:
    """The Monday of the week containing `day`."""
    return day - timedelta(days=day.weekday())


def default_period(now: datetime) -> Period:
    """The last eight weeks: from the Monday seven weeks before this week's up to today."""
    today = clock.local_day(now)
    return Period(week_of(today) - timedelta(weeks=DEFAULT_WEEKS - 1), today)


def parse_period(start: str | None, end: str | None, now: datetime, sittings: str | None = None) -> Period:
    """A period from typed dates (YYYY-MM-DD); a missing or bad date (clock.typed_day: malformed, or
    before 2000 or after 2100) falls back to the default's;
    `sittings` "practice" counts practice beside exams (anything else: exams only).

    A period longer than three years is cut to its last three years (the charts stay readable)."""
    fallback = default_period(now)
    first, last = clock.typed_day(start) or fallback.start, clock.typed_day(end) or fallback.end
    if first > last:
        first, last = last, first
    if (last - first).days > MAX_DAYS:
        first = last - timedelta(days=MAX_DAYS)
    return Period(first, last, practice=sittings == WITH_PRACTICE)

