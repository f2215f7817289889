"""The mine's local time. The database stores naive UTC; people read and type local time
(BANZU_TIMEZONE, default Asia/Shanghai), and a day (每日一练, reviews due, a date filter) is a local day.

Pages show a stored time with the `local` template filter, which is `shown`:
`{{ paper.opens_at|local }}` or `{{ card.due|local("%m月%d日") }}`. JSON (the APIs, the CLI's
--json) carries a stored time as `stamp`: ISO 8601 in UTC, marked so with "Z".
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

ZONE = ZoneInfo(os.environ.get("BANZU_TIMEZONE") or "Asia/Shanghai")
SHOWN = "%Y-%m-%d %H:%M"


def now() -> datetime:
    """The time now in the mine's zone (aware)."""
    return datetime.now(ZONE)


def today() -> date:
    """The mine's date now: the date in a generated file's name (操作日志_2026-12-06.xlsx)."""
    return now().date()


def local(moment: datetime | None) -> datetime | None:
    """A stored (naive UTC) time as naive local time."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC).astimezone(ZONE).replace(tzinfo=None)


def to_utc(moment: datetime | None) -> datetime | None:
    """A typed local time as stored (naive UTC)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=ZONE).astimezone(UTC).replace(tzinfo=None)


def local_day(now: datetime) -> date:
    """The local date of a stored time."""
    local_now = local(now)
    assert local_now is not None
    return local_now.date()


# The days a date typed in a filter (?from=…&to=…) may name: every day the mine's records can hold, far
# from the ends of the calendar (0001-01-01 begins before year 1 in UTC east of Greenwich: OverflowError).
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


def typed_day(text: str | None) -> date | None:
    """The local day typed in a date filter (YYYY-MM-DD), or None when missing, malformed or outside
    FIRST_DAY … LAST_DAY: the one parser of every date range (results, records, the audit log), which
    then does what it does without the date."""
    try:
        day = date.fromisoformat(text.strip()) if text and text.strip() else None
    except ValueError:
        return None
    return day if day is not None and FIRST_DAY <= day <= LAST_DAY else None


def day_begins(day: date) -> datetime:
    """The stored (naive UTC) time at which local `day` begins."""
    return datetime.combine(day, time(), ZONE).astimezone(UTC).replace(tzinfo=None)


def shown(moment: datetime | date | None, pattern: str = SHOWN) -> str:
    """A stored time as local text in `pattern` ("YYYY-MM-DD HH:MM"); a date (no time of day,
    so no zone) as "YYYY-MM-DD"; nothing as ""."""
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=UTC).astimezone(ZONE).strftime(pattern)
    return moment.isoformat()


def stamp(moment: datetime | None) -> str | None:
    """A stored (naive UTC) time as JSON text: ISO 8601 marked UTC ("2026-03-01T08:30:00Z"); nothing as None."""
    if moment is None:
        return None
    return moment.isoformat() + "Z"


class LogFormatter(logging.Formatter):
    """Log lines stamped in the mine's zone with its offset ("2026-03-02 00:30:05,250+08:00"), as
    pages show times, whatever the machine's own zone is."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        moment = datetime.fromtimestamp(record.created, ZONE)
        if datefmt:
            return moment.strftime(datefmt)
        offset = moment.strftime("%z")
        return f"{moment:%Y-%m-%d %H:%M:%S},{int(record.msecs):03d}{offset[:3]}:{offset[3:]}"
