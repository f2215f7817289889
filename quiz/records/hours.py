"""Training hours (学时): what study, practice, exams and offline sessions add up to, per worker and year,
against what the 煤矿安全培训规定 (总局令第92号) asks.

What counts, and how (one 学时 is 45 minutes, the usual class hour of safety training):

- *exams*: each closed sitting (submitted, or closed at its deadline) of a paper with a time limit
  counts its sitting time, from start to hand-in, capped at its deadline (the time limit, or the
  paper's closing time when sooner); an exam without a time limit counts like practice, even when
  the paper closes at a set time: the 班前会 quiz left open until evening would otherwise count the
  whole day between start and closing;
- *practice* (练习, 每日一练, 错题复习): the active answering time. The app only knows when a
  sitting started, when each answer was last saved and when it was handed in, so the time is
  the sum of the gaps between these moments, each gap capped at IDLE_CAP (5 minutes: longer
  means the worker put the phone away). Re-answering a question overwrites its save time, so
  this can only under-count;
- *offline sessions* (培训班, 班前会学习 …): the hours a trainer credited on the session's roster;
- *reading* knowledge-base articles is left out: the app does not record reading time, and page
  views alone say nothing about reading.

Online time is summed per worker and source in seconds and turned into 学时 once, rounded half
up to 0.1; the total is the sum of the shown figures.

What is required, per calendar year (HAZARDS.md quoting the regulation): ordinary workers
(其他从业人员) ≥72 学时 initial training and ≥20 学时 refresher training every year (第三十五条);
special operations personnel (特种作业人员) ≥90 学时 initial training (第二十五条). For their
refresher the regulation asks ≥24 学时 of special training before the six-year certificate is
renewed (第二十九条); as the issue asks, this report holds them to 24 学时 every year (stricter,
never short of the rule). The initial figure applies in the year a person started (User.started_on),
the refresher figure in later years and when no start date is recorded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, select

from accounts.models import User
from core.auth import MEMBER_ROLES
from core.db import db
from quiz.records.models import TrainingAttendance, TrainingSession
from quiz.results.period import Period
from quiz.taking.models import Attempt, AttemptItem, Paper

MINUTES_PER_HOUR = 45
SECONDS_PER_HOUR = MINUTES_PER_HOUR * 60
IDLE_CAP = timedelta(minutes=5)
HOUR_PLACES = Decimal("0.1")
SOURCES = {"exam": "考试", "practice": "练习", "offline": "线下培训"}
PRACTICE_MODES = ("practice", "daily", "review")


@dataclass(frozen=True)
class Requirement:
    """The hours a person needs in a year, and where the rule comes from."""

    kind: str  # initial | refresher
    hours: Decimal
    label: str
    basis: str


RULES = {
    (False, "initial"): Requirement("initial", Decimal(72), "初次培训", "第三十五条：其他从业人员初次培训不少于72学时"),
    (False, "refresher"): Requirement("refresher", Decimal(20), "每年再培训", "第三十五条：每年再培训不少于20学时"),
    (True, "initial"): Requirement("initial", Decimal(90), "特种作业初次培训", "第二十五条：特种作业人员初次培训不少于90学时"),
    (True, "refresher"): Requirement("refresher", Decimal(24), "特种作业再培训",
                                     "第二十九条：换证前不少于24学时专门培训（本系统按每年24学时统计）"),
}


def requirement(special_operations: bool, started_on: date | None, year: int) -> Requirement:
    """The requirement of a person in `year`: initial in the year of starting, refresher after."""
    kind = "initial" if started_on is not None and started_on.year == year else "refresher"
    return RULES[(bool(special_operations), kind)]


def to_hours(seconds: int) -> Decimal:
    """Seconds as 学时 (45 minutes), rounded half up to 0.1."""
    return (Decimal(seconds) / SECONDS_PER_HOUR).quantize(HOUR_PLACES, rounding=ROUND_HALF_UP)


def exam_seconds(started_at: datetime, submitted_at: datetime, deadline: datetime | None) -> int:
    """An exam's sitting time: start to hand-in, capped at its deadline."""
    end = min(submitted_at, deadline) if deadline is not None else submitted_at
    return max(0, int((end - started_at).total_seconds()))


def active_seconds(started_at: datetime, saves: list[datetime], submitted_at: datetime | None) -> int:
    """Active answering time: the gaps between start, the saves and the hand-in, each capped at IDLE_CAP."""
    moments = sorted([started_at, *saves, *([submitted_at] if submitted_at else [])])
    cap = IDLE_CAP.total_seconds()
    return int(sum(min(cap, max(0.0, (b - a).total_seconds())) for a, b in zip(moments, moments[1:], strict=False)))


# ---------------------------------------------------------------- reading what was done


@dataclass(frozen=True)
class Entry:
    """One thing that earned hours: a sitting or an attended session."""

    user_id: int
    source: str  # exam | practice | offline
    title: str
    at: datetime | date
    seconds: int  # online sources; 0 for offline
    hours: Decimal  # offline: credited; online: this entry alone, rounded (the sums round once)
    ref_id: int  # attempt id or session id


def year_period(year: int) -> Period:
    """The local calendar year as a period."""
    return Period(date(year, 1, 1), date(year, 12, 31))


def online_entries(user_ids: list[int], period: Period) -> list[Entry]:
    """The sittings of these people started in the period that earn hours, oldest first."""
    if not user_ids:
        return []
    in_period = and_(Attempt.user_id.in_(user_ids), Attempt.started_at >= period.since,
                     Attempt.started_at < period.until)
    rows = db.session.execute(
        select(Attempt.id, Attempt.user_id, Attempt.mode, Attempt.title, Attempt.started_at, Attempt.submitted_at,
               Attempt.deadline, Attempt.status, Paper.time_limit_minutes)
        .outerjoin(Paper, Paper.id == Attempt.paper_id)
        .where(in_period, Attempt.mode.in_(("exam", *PRACTICE_MODES))).order_by(Attempt.started_at, Attempt.id)
    ).all()
    saves: dict[int, list[datetime]] = defaultdict(list)
    for attempt_id, saved_at in db.session.execute(
        select(AttemptItem.attempt_id, AttemptItem.saved_at).join(Attempt, Attempt.id == AttemptItem.attempt_id)
        .where(in_period, AttemptItem.saved_at.is_not(None))
    ):
        saves[attempt_id].append(saved_at)
    entries = []
    for row in rows:
        if row.mode == "exam":
            if row.status == "open" or row.submitted_at is None:
                continue
            if row.deadline is not None and row.time_limit_minutes:  # timed: the sitting time, as the page says
                seconds = exam_seconds(row.started_at, row.submitted_at, row.deadline)
            else:
                seconds = active_seconds(row.started_at, saves[row.id], row.submitted_at)
            source = "exam"
        else:
            seconds = active_seconds(row.started_at, saves[row.id], row.submitted_at)
            source = "practice"
        if seconds > 0:
            entries.append(Entry(row.user_id, source, row.title, row.started_at, seconds, to_hours(seconds), row.id))
    return entries


def offline_entries(user_ids: list[int], period: Period) -> list[Entry]:
    """The sessions held in the period that these people attended, oldest first."""
    if not user_ids:
        return []
    rows = db.session.execute(
        select(TrainingAttendance.user_id, TrainingAttendance.hours, TrainingSession.id, TrainingSession.title,
               TrainingSession.held_on)
        .join(TrainingSession, TrainingSession.id == TrainingAttendance.session_id)
        .where(TrainingAttendance.user_id.in_(user_ids), TrainingAttendance.attended.is_(True),
               TrainingSession.held_on >= period.start, TrainingSession.held_on <= period.end)
        .order_by(TrainingSession.held_on, TrainingSession.id)
    )
    return [Entry(r.user_id, "offline", r.title, r.held_on, 0, Decimal(r.hours), r.id) for r in rows]


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class WorkerHours:
    id: int
    username: str
    name: str
    team_id: int | None
    job: str
    special_operations: bool
    requirement: Requirement
    exam: Decimal
    practice: Decimal
    offline: Decimal

    @property
    def total(self) -> Decimal:
        return self.exam + self.practice + self.offline

    @property
    def short(self) -> Decimal:
        """How many 学时 are missing (0 when met)."""
        return max(Decimal(0), self.requirement.hours - self.total)


@dataclass(frozen=True)
class HoursReport:
    year: int
    workers: list[WorkerHours] = field(default_factory=list)

    @property
    def short_workers(self) -> list[WorkerHours]:
        return [w for w in self.workers if w.short > 0]


def members(team_ids: list[int]) -> list[User]:
    """The active workers and team leaders of these teams, by 工号."""
    if not team_ids:
        return []
    return list(db.session.scalars(
        select(User).where(User.team_id.in_(team_ids), User.active.is_(True), User.role.in_(MEMBER_ROLES))
        .order_by(User.username)))


def worker_hours(people: list[User], year: int) -> list[WorkerHours]:
    """Each person's hours in `year` by source, against the requirement; the furthest behind first."""
    period = year_period(year)
    ids = [p.id for p in people]
    seconds: dict[tuple[int, str], int] = defaultdict(int)
    for entry in online_entries(ids, period):
        seconds[(entry.user_id, entry.source)] += entry.seconds
    offline: dict[int, Decimal] = defaultdict(Decimal)
    for entry in offline_entries(ids, period):
        offline[entry.user_id] += entry.hours
    rows = [
        WorkerHours(p.id, p.username, p.name, p.team_id, p.job or "", bool(p.special_operations),
                    requirement(p.special_operations, p.started_on, year),
                    to_hours(seconds[(p.id, "exam")]), to_hours(seconds[(p.id, "practice")]), offline[p.id])
        for p in people
    ]
    return sorted(rows, key=lambda w: (-w.short, w.username))


def report(team_ids: list[int], year: int) -> HoursReport:
    """The hours report of these teams' members for a year."""
    return HoursReport(year, worker_hours(members(team_ids), year))
