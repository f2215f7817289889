"""core.clock: stored (naive UTC) times read and typed in the mine's zone (BANZU_TIMEZONE), local
days and their stored bounds; the audit log and quiz's day bounds follow the same zone."""

from __future__ import annotations

import importlib
import logging
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core import clock
from core.audit import AuditEntry
from quiz.taking import days
from tests.conftest import ROOT

STORED = datetime(2026, 3, 1, 16, 30)  # naive UTC, as the database holds it


@pytest.fixture
def new_york(monkeypatch):
    """core.clock reloaded with BANZU_TIMEZONE=America/New_York (UTC-5, UTC-4 from 2026-03-08 02:00)."""
    monkeypatch.setenv("BANZU_TIMEZONE", "America/New_York")
    importlib.reload(clock)
    yield clock
    monkeypatch.undo()
    importlib.reload(clock)


def test_the_default_zone_is_shanghai(monkeypatch):
    monkeypatch.delenv("BANZU_TIMEZONE", raising=False)
    try:
        assert importlib.reload(clock).ZONE.key == "Asia/Shanghai"
        assert clock.shown(STORED) == "2026-03-02 00:30"
    finally:
        monkeypatch.undo()
        importlib.reload(clock)


def test_a_stored_instant_is_shown_in_the_configured_zone(new_york):
    assert new_york.local(STORED) == datetime(2026, 3, 1, 11, 30)
    assert new_york.shown(STORED) == "2026-03-01 11:30"
    assert new_york.shown(datetime(2026, 3, 9, 16, 30), "%m-%d %H:%M") == "03-09 12:30"  # daylight saving
    assert new_york.local_day(datetime(2026, 3, 2, 3, 0)) == date(2026, 3, 1)
    assert new_york.local(None) is None and new_york.shown(None) == ""
    assert new_york.shown(date(2026, 3, 1)) == "2026-03-01"  # a date has no time of day to convert


def test_typed_local_times_are_stored_as_utc(new_york):
    assert new_york.to_utc(datetime(2026, 3, 1, 11, 30)) == STORED
    assert new_york.to_utc(None) is None
    assert new_york.day_begins(date(2026, 3, 1)) == datetime(2026, 3, 1, 5, 0)
    assert new_york.day_begins(date(2026, 3, 9)) == datetime(2026, 3, 9, 4, 0)


def test_the_audit_log_and_quiz_days_use_the_same_zone(new_york):
    assert AuditEntry(at=STORED).local_at == "2026-03-01 11:30:00"
    assert days.day_start(STORED) == datetime(2026, 3, 1, 5, 0)
    assert days.day_end(STORED) == datetime(2026, 3, 2, 5, 0)
    noon = datetime(2026, 3, 8, 17, 0)  # the local day that loses an hour: 23 hours long
    assert (days.day_start(noon), days.day_end(noon)) == (datetime(2026, 3, 8, 5, 0), datetime(2026, 3, 9, 4, 0))


def test_json_carries_a_stored_time_as_utc_marked_z_whatever_the_zone(new_york):
    assert new_york.stamp(STORED) == "2026-03-01T16:30:00Z"
    assert new_york.stamp(datetime(2026, 3, 1, 16, 30, 5, 250000)) == "2026-03-01T16:30:05.250000Z"
    assert new_york.stamp(None) is None


# The app's log lines, from a process whose machine zone (TZ) is UTC.
LOG_PROBE = "import logging, run; run.create_app(); logging.getLogger('probe').warning('probe')"


def test_log_lines_carry_the_mine_time_not_the_machine_zone(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "TZ": "UTC", "BANZU_TIMEZONE": "Asia/Shanghai", "DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", LOG_PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120, check=True)
    (line,) = [line for line in result.stderr.splitlines() if line.endswith("probe: probe")]
    logged = datetime.strptime(line[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=ZoneInfo("Asia/Shanghai"))
    assert abs(logged - datetime.now(UTC)) < timedelta(minutes=10), line  # UTC would be 8 hours off
    assert line[23:29] == "+08:00", line  # the zone is written out


def test_the_log_formatter_follows_the_configured_zone(new_york):
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    record.created, record.msecs = datetime(2026, 3, 1, 16, 30, 5, 250000, UTC).timestamp(), 250
    assert new_york.LogFormatter("%(asctime)s").format(record) == "2026-03-01 11:30:05,250-05:00"


def test_the_mines_today_is_clock_today_and_one_frozen_clock_moves_every_caller(monkeypatch):
    """The mine's date has one source, core.clock.today (from clock.now): freezing it moves the
    register of newer versions, ingestion's 施行 check and the hazard generators alike."""
    import re
    from types import SimpleNamespace

    from corpus import ingestion, successors
    from quiz.generation.hazard import HazardData

    moment = datetime(2031, 12, 5, 16, 35, tzinfo=UTC)  # 00:35 on 12-06 in Asia/Shanghai
    monkeypatch.setattr(clock, "ZONE", ZoneInfo("Asia/Shanghai"))
    monkeypatch.setattr(clock, "now", lambda: moment.astimezone(clock.ZONE))
    assert clock.today() == date(2031, 12, 6)
    assert HazardData(catalogue=None).on == date(2031, 12, 6)
    assert not hasattr(successors, "today")
    due = SimpleNamespace(newer_version="2031年版", newer_version_effective=date(2031, 12, 6))
    assert ingestion.newer_version_in_force(due)  # takes effect on the mine's 12-06, though UTC says 12-05

    inline = re.compile(r"local_day\(\s*(?:db\.)?utcnow\(\)\s*\)|successors\.today\b")
    found = [f"{path.relative_to(ROOT)}:{number}" for package in ("core", "accounts", "corpus", "kb", "quiz", "inspections")
             for path in sorted((ROOT / package).rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if inline.search(line)]
    assert found == [], "the mine's today is clock.today(), not " + ", ".join(found)
