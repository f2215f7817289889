"""What the training files hold: exam results with per-category figures, the per-person file
(一人一档: trainings, exams, results, hours) and the per-course file (一期一档: plan, hours,
roster, attendance, results). Also who may see and who may change a session, and reading a typed roster.

A session is seen by an admin, by the unit trainer of its unit (a team session's: its team's unit
now, not the one it was recorded in) and, when it was for one team, by that team's leader (the rules
of quiz.results.access). Results rows only ever
include people the caller passes in; the views pass the people in the viewer's scope.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import selectinload

from accounts import usernames
from accounts.models import Team, User
from accounts.scopes import can_view_user, manages_reach, visible_users
from core.auth import Role
from core.clock import day_begins, local_day
from core.db import db
from quiz.bank.models import Question
from quiz.records import hours
from quiz.records.models import TrainingAttendance, TrainingSession
from quiz.results.dashboard import Spot, category_labels
from quiz.results.figures import PERCENT_PLACES, percent, rounded, score_percent
from quiz.results.period import Period
from quiz.taking.models import Attempt, AttemptItem

ABSENT_WORDS = {"缺勤", "缺席", "请假", "未到"}
MAX_SESSION_HOURS = Decimal(200)


# ---------------------------------------------------------------- exam results


@dataclass(frozen=True)
class ExamResult:
    """One closed sitting: who, score, pass, time and how each category went."""

    attempt_id: int
    user_id: int
    username: str
    name: str
    team: str
    title: str
    paper_id: int | None
    number: int
    mode: str
    started_at: datetime
    submitted_at: datetime | None
    score: Decimal
    max_score: Decimal
    percent: float | None
    passed: bool | None
    seconds: int | None
    focus_losses: int
    categories: dict[str, Spot] = field(default_factory=dict)  # by category label


def closed_attempts(*conditions) -> list[ExamResult]:
    """Closed, scored sittings matching `conditions`, oldest first, with per-category figures."""
    rows = db.session.execute(
        select(Attempt, User).join(User, User.id == Attempt.user_id)
        .where(Attempt.status != "open", Attempt.score.is_not(None), *conditions)
        .order_by(Attempt.started_at, Attempt.id)
    ).all()
    ids = [attempt.id for attempt, _ in rows]
    per_category: dict[int, dict[str, Spot]] = defaultdict(dict)
    if ids:
        labels = category_labels()
        right = func.sum(case((AttemptItem.correct.is_(True), 1), else_=0))
        counts = db.session.execute(
            select(AttemptItem.attempt_id, Question.category_id, func.count(AttemptItem.id), right)
            .join(Question, Question.id == AttemptItem.question_id)
            .where(AttemptItem.attempt_id.in_(ids), AttemptItem.correct.is_not(None))
            .group_by(AttemptItem.attempt_id, Question.category_id)
        )
        for attempt_id, category_id, n, correct in counts:
            label = labels.get(category_id, labels[None])
            per_category[attempt_id][label] = Spot(category_id, label, int(n), int(correct or 0),
                                                   percent(int(correct or 0), int(n)))
    results = []
    for attempt, person in rows:
        max_score = Decimal(attempt.max_score)
        results.append(ExamResult(
            attempt.id, person.id, person.username, person.name, person.place,
            attempt.title, attempt.paper_id, attempt.number, attempt.mode, attempt.started_at, attempt.submitted_at,
            Decimal(attempt.score), max_score,
            rounded(score_percent(Decimal(attempt.score), max_score), PERCENT_PLACES) if max_score else None,
            attempt.passed, attempt.seconds_used, attempt.focus_losses, dict(sorted(per_category[attempt.id].items())),
        ))
    return results


def paper_results(paper_id: int, people: list[User], since: datetime | None = None) -> list[ExamResult]:
    """The closed sittings of a paper by these people (started at `since` or later, when given)."""
    ids = [p.id for p in people]
    if not ids:
        return []
    return closed_attempts(Attempt.paper_id == paper_id, Attempt.user_id.in_(ids),
                           *([Attempt.started_at >= since] if since is not None else []))


def exam_results(people: list[User], period: Period) -> list[ExamResult]:
    """The closed exam sittings of these people started in the period."""
    ids = [p.id for p in people]
    if not ids:
        return []
    return closed_attempts(Attempt.user_id.in_(ids), Attempt.mode == "exam",
                           Attempt.started_at >= period.since, Attempt.started_at < period.until)


# ---------------------------------------------------------------- sessions


def can_view_session(viewer: User, session: TrainingSession) -> bool:
    """Admins all; a unit trainer the own unit's; a team leader the own team's."""
    role = Role(viewer.role)
    if role is Role.ADMIN:
        return True
    if role is Role.UNIT_TRAINER:
        return viewer.team is not None and session.owner_unit_id == viewer.team.unit_id
    if role is Role.TEAM_LEADER:
        return viewer.team_id is not None and session.team_id == viewer.team_id
    return False


def manages_session(viewer: User, session: TrainingSession) -> bool:
    """Whether `viewer` may correct or delete the session: the rule of papers (accounts.scopes.manages_reach) —
    who recorded it, an admin, or a trainer whose scope covers it and whose role is not below the recorder's
    (a 区队培训员 corrects a 班组长's record of the own 区队; a 班组长 never a 区队培训员's or an admin's)."""
    if session.team_id is not None:
        return manages_reach(viewer, session.created_by_id, team_ids=[session.team_id])
    return manages_reach(viewer, session.created_by_id, unit_ids=[session.unit_id])


def visible_sessions(viewer: User):
    """A query of the sessions `viewer` may see, newest first."""
    query = select(TrainingSession).order_by(TrainingSession.held_on.desc(), TrainingSession.id.desc())
    role = Role(viewer.role)
    if role is Role.ADMIN:
        return query
    if role is Role.UNIT_TRAINER and viewer.team is not None:
        unit_id = viewer.team.unit_id
        return query.where(or_(and_(TrainingSession.team_id.is_(None), TrainingSession.unit_id == unit_id),
                               TrainingSession.team_id.in_(select(Team.id).where(Team.unit_id == unit_id))))
    if role is Role.TEAM_LEADER and viewer.team_id is not None:
        return query.where(TrainingSession.team_id == viewer.team_id)
    return query.where(False)


@dataclass(frozen=True)
class RosterLine:
    username: str
    attended: bool
    hours: Decimal | None  # None: the session's hours


def parse_roster(text: str) -> tuple[list[RosterLine], list[str]]:
    """A typed or pasted roster: 工号, each optionally followed by 缺勤 (absent) or the hours credited
    when fewer than the session's (e.g. "1001 1002 缺勤 1003 2.5学时"). Returns the lines and problems."""
    lines: list[RosterLine] = []
    problems: list[str] = []
    for text_line in (text or "").splitlines():
        current: int | None = None  # the index of this line's last 工号: a mark applies to it only
        for token in re.split(r"[\s,，;；、]+", text_line):
            if not token:
                continue
            if token in ABSENT_WORDS or _number(token) is not None:
                if current is None:
                    problems.append(f"“{token}”前面没有工号。")
                    continue
                last = lines[current]
                if token in ABSENT_WORDS:
                    lines[current] = RosterLine(last.username, False, Decimal(0))
                else:
                    lines[current] = RosterLine(last.username, last.attended, _number(token))
                continue
            if any(line.username == token for line in lines):
                problems.append(f"工号 {token} 重复。")
                current = None
                continue
            lines.append(RosterLine(token, True, None))
            current = len(lines) - 1
    return lines, problems


def _number(token: str) -> Decimal | None:
    """Hours written unmistakably (a 工号 may be all digits): "2.5", "2.0" or "2学时"."""
    match = re.fullmatch(r"(\d{1,3}\.\d)|(\d{1,3}(?:\.\d)?)学时", token)
    if match is None:
        return None
    value = Decimal(match.group(1) or match.group(2))
    return value if value <= MAX_SESSION_HOURS else None


def fill_roster(session: TrainingSession, lines: list[RosterLine], people: dict[str, User]) -> list[str]:
    """Put these people on the session's roster (replacing it); `people` maps the 工号 the caller
    may use to the person. Returns problems (unknown or out-of-scope 工号, hours above the session's)."""
    problems = []
    session.roster.clear()
    db.session.flush()
    written: dict[int, str] = {}  # person id -> the 工号 as first written
    for line in lines:
        person = people.get(line.username)
        if person is None:
            problems.append(f"工号 {line.username} 不存在或不在您的管理范围内。")
            continue
        if person.id in written:  # the same 工号 in another letter case or width
            problems.append(f"工号 {line.username} 与 {written[person.id]} 是同一人（{person.name}），重复。")
            continue
        written[person.id] = line.username
        credited = session.hours if line.hours is None else line.hours
        if line.attended and credited > session.hours:
            problems.append(f"工号 {line.username} 的学时 {credited} 超过本期培训的 {session.hours} 学时。")
            continue
        session.roster.append(TrainingAttendance(user_id=person.id, attended=line.attended,
                                                 hours=credited if line.attended else Decimal(0)))
    return problems


def take_roster(session: TrainingSession, text: str, viewer: User) -> list[str]:
    """Replace the session's roster with the one `viewer` typed (`parse_roster`): each 工号 read as sign-in
    reads it (any letter case, full-width; accounts.usernames.find_all), naming only people in the viewer's
    scope — anyone else is reported as not found or out of scope, and so is a roster naming nobody.
    Returns the problems (empty when the roster was taken); flushes, the caller commits or rolls back."""
    lines, problems = parse_roster(text)
    found = usernames.find_all(line.username for line in lines)
    seen = set(db.session.scalars(visible_users(viewer).with_only_columns(User.id).order_by(None)
                                  .where(User.id.in_({p.id for p in found.values()})))) if found else set()
    problems += fill_roster(session, lines, {typed: p for typed, p in found.items() if p.id in seen})
    if not problems and not session.roster:
        problems.append("名单中没有人。")
    return problems


# ---------------------------------------------------------------- the two files


@dataclass(frozen=True)
class RosterRow:
    person: User
    attended: bool
    hours: Decimal
    result: ExamResult | None  # the best closed sitting of the session's exam from the session's day on


@dataclass(frozen=True)
class SessionFile:
    """一期一档: the session, its roster with attendance and exam results, and the counts — of the rows
    shown; `hidden` counts the roster people outside the viewer's scope, who are not shown."""

    session: TrainingSession
    rows: list[RosterRow]
    hidden: int = 0

    @property
    def attended(self) -> int:
        return sum(1 for r in self.rows if r.attended)

    @property
    def examined(self) -> int:
        return sum(1 for r in self.rows if r.result is not None)

    @property
    def passed(self) -> int:
        return sum(1 for r in self.rows if r.result is not None and r.result.passed)


def best(results: list[ExamResult]) -> dict[int, ExamResult]:
    """Each person's best sitting (highest share of the maximum, then the earliest)."""
    def share(result: ExamResult) -> Fraction:
        return Fraction(result.score) / Fraction(result.max_score) if result.max_score else Fraction(0)

    chosen: dict[int, ExamResult] = {}
    for result in results:
        current = chosen.get(result.user_id)
        if current is None or share(result) > share(current):
            chosen[result.user_id] = result
    return chosen


def session_file(session: TrainingSession, viewer: User | None = None) -> SessionFile:
    """一期一档 as `viewer` may read it: only the roster people he may see (accounts.scopes.can_view_user;
    a team session may name a worker borrowed from another team, whom that team's leader may not see),
    everyone when no viewer is given. The assessment is each person's best sitting of the session's
    paper started on the session's day or later: a sitting before the course is not its assessment."""
    roster = list(db.session.scalars(
        select(TrainingAttendance).join(User, User.id == TrainingAttendance.user_id)
        .where(TrainingAttendance.session_id == session.id).order_by(User.username)
        .options(selectinload(TrainingAttendance.user).selectinload(User.team).selectinload(Team.unit))))
    shown = [a for a in roster if viewer is None or can_view_user(viewer, a.user)]
    people = [a.user for a in shown]
    results = best(paper_results(session.paper_id, people, day_begins(session.held_on))) if session.paper_id else {}
    rows = [RosterRow(a.user, a.attended, Decimal(a.hours), results.get(a.user_id)) for a in shown]
    return SessionFile(session, rows, len(roster) - len(shown))


@dataclass(frozen=True)
class Training:
    session: TrainingSession
    attended: bool
    hours: Decimal


@dataclass(frozen=True)
class PersonFile:
    """一人一档 for a year: the person, hours against the requirement, trainings, exams, hour entries."""

    person: User
    year: int
    hours: hours.WorkerHours
    trainings: list[Training]
    exams: list[ExamResult]
    entries: list[hours.Entry]


def person_file(person: User, year: int) -> PersonFile:
    period = hours.year_period(year)
    rows = db.session.execute(
        select(TrainingSession, TrainingAttendance)
        .join(TrainingAttendance, TrainingAttendance.session_id == TrainingSession.id)
        .where(TrainingAttendance.user_id == person.id, TrainingSession.held_on >= period.start,
               TrainingSession.held_on <= period.end)
        .order_by(TrainingSession.held_on, TrainingSession.id)
    ).all()
    trainings = [Training(s, a.attended, Decimal(a.hours)) for s, a in rows]
    entries = sorted([*hours.online_entries([person.id], period), *hours.offline_entries([person.id], period)],
                     key=lambda e: (_day(e.at), e.source, e.ref_id))
    return PersonFile(person, year, hours.worker_hours([person], year)[0], trainings,
                      exam_results([person], period), entries)


def _day(moment: datetime | date) -> date:
    return local_day(moment) if isinstance(moment, datetime) else moment
