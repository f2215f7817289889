"""The local day that 每日一练, reviews due and the pre-shift talk count in, as stored (naive UTC)
bounds. The zone and the conversions are core.clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.clock import day_begins, local_day


def day_start(now: datetime) -> datetime:
    """The start of the local day containing `now`, as stored (naive UTC)."""
    return day_begins(local_day(now))


def day_end(now: datetime) -> datetime:
    """The end of the local day containing `now`, as stored (naive UTC)."""
    return day_begins(local_day(now) + timedelta(days=1))
