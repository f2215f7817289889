"""Training hours: every figure recomputed here from the raw attempts, saves and rosters with the
rules written out again (45-minute 学时; timed exams start→hand-in capped at the deadline, untimed ones
as practice; practice the
gaps between start, saves and hand-in, each at most 5 minutes; sessions their credited hours)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from core import clock
from core.db import db
from quiz.records import hours
from quiz.records.models import TrainingAttendance, TrainingSession
from quiz.taking.models import Attempt, AttemptItem


def hours_of(seconds: float) -> Decimal:
    return (Decimal(seconds) / Decimal(2700)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def expected(mine) -> dict[int, dict[str, Decimal]]:
    """{user id: {exam, practice, offline}} from the raw rows."""
    seconds: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for attempt in db.session.scalars(select(Attempt)):
        if clock.local_day(attempt.started_at).year != mine.year:
            continue
        saves = sorted(s for s in db.session.scalars(
            select(AttemptItem.saved_at).where(AttemptItem.attempt_id == attempt.id)) if s is not None)
        timed = attempt.paper is not None and bool(attempt.paper.time_limit_minutes)
        if attempt.mode == "exam" and attempt.deadline is not None and timed:
            if attempt.status == "open":
                continue
            end = min(attempt.submitted_at, attempt.deadline)
            seconds[attempt.user_id]["exam"] += (end - attempt.started_at).total_seconds()
            continue
        if attempt.mode == "exam" and attempt.status == "open":
            continue
        times = [attempt.started_at, *saves] + ([attempt.submitted_at] if attempt.submitted_at else [])
        active = sum(min(300.0, (b - a).total_seconds()) for a, b in zip(times, times[1:], strict=False))
        seconds[attempt.user_id]["exam" if attempt.mode == "exam" else "practice"] += active
    offline: dict[int, Decimal] = defaultdict(Decimal)
    for row, session in db.session.execute(select(TrainingAttendance, TrainingSession).join(TrainingSession)):
        if row.attended and session.held_on.year == mine.year:
            offline[row.user_id] += Decimal(row.hours)
    return {user_id: {"exam": hours_of(seconds[user_id]["exam"]), "practice": hours_of(seconds[user_id]["practice"]),
                      "offline": offline[user_id]}
            for user_id in {p.id for p in mine.people.values()}}


def test_rules_as_stated():
    start = datetime(2026, 3, 1, 8)
    assert hours.exam_seconds(start, start + timedelta(minutes=45), start + timedelta(minutes=30)) == 1800
    assert hours.exam_seconds(start, start + timedelta(minutes=12), start + timedelta(minutes=30)) == 720
    saves = [start + timedelta(minutes=m) for m in (1, 3, 20)]
    assert hours.active_seconds(start, saves, None) == (1 + 2 + 5) * 60
    assert hours.active_seconds(start, [], None) == 0
    assert hours.to_hours(2700) == Decimal("1.0") and hours.to_hours(135) == Decimal("0.1")
    assert hours.to_hours(134) == Decimal("0.0")
    assert hours.requirement(False, None, 2026).hours == 20
    assert hours.requirement(True, None, 2026).hours == 24
    assert hours.requirement(False, date(2026, 5, 1), 2026).hours == 72
    assert hours.requirement(True, date(2026, 5, 1), 2026).hours == 90
    assert hours.requirement(True, date(2025, 5, 1), 2026).hours == 24


def test_report_equals_the_raw_rows(mine):
    want = expected(mine)
    report = hours.report([t.id for t in mine.teams.values()], mine.year)
    by_id = {w.id: w for w in report.workers}
    members = {p.id for key, p in mine.people.items() if key.startswith("w") or key == "leader"}
    assert set(by_id) == members  # trainers and admins attached to a team are not counted
    for user_id, figures in want.items():
        if user_id not in members:
            continue
        row = by_id[user_id]
        assert (row.exam, row.practice, row.offline) == (figures["exam"], figures["practice"], figures["offline"])
        assert row.total == sum(figures.values())
        assert row.short == max(Decimal(0), row.requirement.hours - row.total)
    w = mine.people
    # the figures spelled out: w1 12 + 7.5 minutes of exams and 9 of an unlimited one, 4 学时 offline
    assert by_id[w["w1"].id].exam == hours_of((12 + 7.5 + 9) * 60) and by_id[w["w1"].id].offline == 4
    assert by_id[w["w2"].id].exam == hours_of(30 * 60) and by_id[w["w2"].id].practice == hours_of(8 * 60)
    assert by_id[w["w3"].id].exam == hours_of(30 * 60) and by_id[w["w3"].id].practice == hours_of(5 * 60)
    assert by_id[w["w3"].id].offline == Decimal("2.5")
    assert by_id[w["w1"].id].requirement.hours == 20 and by_id[w["w2"].id].requirement.hours == 90
    assert by_id[w["w3"].id].requirement.hours == 72 and by_id[w["w5"].id].requirement.hours == 24
    # the furthest behind first
    shorts = [r.short for r in report.workers]
    assert shorts == sorted(shorts, reverse=True)


def test_an_untimed_exam_with_a_closing_time_counts_its_active_time(app, make_user):
    """The 班前会 quiz has no time limit but closes in the evening: answered in 2 minutes, left open and
    closed at its closing time 12 hours later, it counts 2 minutes, not the 12 hours to the closing."""
    from core.db import utcnow
    from quiz.taking import attempts
    from tests.records.conftest import answer
    from tests.results.conftest import make_paper

    worker = make_user()
    start = utcnow() - timedelta(hours=13)
    paper = make_paper((("single", 1, "10"),), title="班前会测验", time_limit_minutes=None,
                       closes_at=start + timedelta(hours=12), max_attempts=0)
    attempt = attempts.start_paper(paper, worker, start)
    assert attempt.deadline == paper.closes_at
    answer(attempt, [2], start)
    attempts.close_if_due(attempt, start + timedelta(hours=13))
    db.session.commit()
    assert attempt.status == "expired"
    year = clock.local_day(start).year
    # as practice counts: start → the one save, then at most 5 idle minutes to the closing, not 12 hours
    assert [e.seconds for e in hours.online_entries([worker.id], hours.year_period(year))] == [(2 + 5) * 60]
    assert hours.worker_hours([worker], year)[0].exam == hours_of((2 + 5) * 60)
    # a time limit makes it the sitting time, capped at the limit
    timed = make_paper((("single", 1, "10"),), title="限时考试", time_limit_minutes=30,
                       closes_at=start + timedelta(hours=12), max_attempts=0)
    sitting = attempts.start_paper(timed, worker, start)
    answer(sitting, [2], start)
    attempts.close_if_due(sitting, start + timedelta(hours=13))
    db.session.commit()
    assert [e.seconds for e in hours.online_entries([worker.id], hours.year_period(year))] == [7 * 60, 30 * 60]


def test_last_year_is_its_own(mine):
    report = hours.report([mine.teams["回收班"].id], mine.year - 1)
    w3 = next(r for r in report.workers if r.username == "w0003")
    assert w3.exam == hours_of((1 + 5) * 60)  # an exam without a limit: gaps of 1 minute and 19 (counted 5)
    w1 = next(r for r in report.workers if r.username == "w0001")
    assert w1.offline == 8 and w1.exam == 0
