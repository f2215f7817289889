"""The mine's local time. The database stores naive UTC; people read and type local time
(BANZU_TIMEZONE, default Asia/Shanghai), and "today" (每日一练, reviews due) is the local day."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

ZONE = ZoneInfo(os.environ.get("BANZU_TIMEZONE") or "Asia/Shanghai")


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
    local_now = local(now)
    assert local_now is not None
    return local_now.date()


def day_end(now: datetime) -> datetime:
    """The end of the local day containing `now`, as stored (naive UTC)."""
    end = datetime.combine(local_day(now) + timedelta(days=1), time())
    result = to_utc(end)
    assert result is not None
    return result


def day_start(now: datetime) -> datetime:
    return day_end(now) - timedelta(days=1)
