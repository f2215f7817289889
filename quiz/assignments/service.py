"""Assigning papers and practice sets with a deadline, and who has done them.

Who an assignment is for: the active workers and team leaders (the people a team dashboard
counts) matched by one of its audience rows (a team, a unit, or a job mine-wide).

What each of them stands at (`standings`), from their closed attempts (submitted, or closed at
the time limit) — of the paper for a paper assignment, of the attempts started from the
assignment for a practice set:

- an exam: 已合格 when any closed attempt passed, else 未合格 when one closed;
- a practice paper or practice set: 已完成 once one attempt closed;
- nobody closed one: 进行中 (an attempt open) or 未完成, and 逾期 once the deadline passed.

Done after the deadline still counts as done, marked late. Scores shown are the best closed
attempt's (the passing one for an exam). Functions flush; the caller commits.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import and_, false, or_, select

from accounts.models import Team, User, WorkUnit
from accounts.scopes import visible_teams
from core.auth import Role
from core.db import db
from quiz.assignments.models import Assignment, AssignmentAttempt, AssignmentAudience
from quiz.results.dashboard import MEMBER_ROLES
from quiz.results.figures import percent, score_percent
from quiz.taking import attempts, practice
from quiz.taking.attempts import AttemptError
from quiz.taking.models import Attempt, Paper, PaperAudience
from quiz.taking.papers import Drawn

STATUS_LABELS = {"passed": "已合格", "failed": "未合格", "done": "已完成", "in_progress": "进行中",
                 "not_done": "未完成", "overdue": "逾期未完成"}
FINISHED = ("passed", "failed", "done")
HOME_DAYS = 30  # overdue assignments stay on a worker's home page this long after their deadline


class AssignmentError(ValueError):
    """An assignment that cannot be made or started; the message is in Chinese."""


@dataclass(frozen=True)
class Target:
    """Whom to assign to: team ids, unit ids and job names (mine-wide)."""

    team_ids: tuple[int, ...] = ()
    unit_ids: tuple[int, ...] = ()
    jobs: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.team_ids or self.unit_ids or self.jobs)


@dataclass(frozen=True)
class Standing:
    """Where one person of the audience stands."""

    user_id: int
    username: str
    name: str
    team_id: int | None
    team: str
    status: str
    score: Decimal | None = None
    max_score: Decimal | None = None
    finished_at: datetime | None = None
    late: bool = False
    attempts: int = 0

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status] + ("（逾期完成）" if self.late else "")

    @property
    def percent(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return percent(score_percent(self.score, self.max_score), 100)


@dataclass(frozen=True)
class Counts:
    """The figures at the top of an assignment's page."""

    total: int
    passed: int
    failed: int
    done: int
    in_progress: int
    not_done: int
    overdue: int

    @property
    def finished(self) -> int:
        return self.passed + self.failed + self.done

    @property
    def completion(self) -> float | None:
        return percent(self.finished, self.total)


def counts(rows: Iterable[Standing]) -> Counts:
    tally: dict[str, int] = defaultdict(int)
    total = 0
    for row in rows:
        tally[row.status] += 1
        total += 1
    return Counts(total, tally["passed"], tally["failed"], tally["done"], tally["in_progress"], tally["not_done"],
                  tally["overdue"])


# ---------------------------------------------------------------- who it is for


def _row_condition(row: AssignmentAudience):
    if row.team_id is not None:
        return User.team_id == row.team_id
    if row.unit_id is not None:
        return User.team_id.in_(select(Team.id).where(Team.unit_id == row.unit_id))
    if row.job:
        return User.job == row.job
    return false()


def members(assignment: Assignment) -> list[User]:
    """The people the assignment is for, by 工号."""
    if not assignment.audience:
        return []
    return list(db.session.scalars(
        select(User).where(User.active.is_(True), User.role.in_(MEMBER_ROLES),
                           or_(*(_row_condition(r) for r in assignment.audience)))
        .order_by(User.username)
    ))


def is_for(assignment: Assignment, user: User) -> bool:
    """Whether `user` is in the assignment's audience."""
    if not user.active or user.role not in MEMBER_ROLES:
        return False
    unit_id = user.team.unit_id if user.team else None
    return any((r.team_id is not None and r.team_id == user.team_id)
               or (r.unit_id is not None and r.unit_id == unit_id)
               or (r.team_id is None and r.unit_id is None and bool(r.job) and r.job == user.job)
               for r in assignment.audience)


def audience_label(assignment: Assignment) -> str:
    names = []
    for row in assignment.audience:
        if row.team_id:
            team = db.session.get(Team, row.team_id)
            names.append(team.full_name if team else f"班组{row.team_id}")
        elif row.unit_id:
            unit = db.session.get(WorkUnit, row.unit_id)
            names.append(unit.name if unit else f"区队{row.unit_id}")
        elif row.job:
            names.append(f"全矿{row.job}")
    return "、".join(names)


# ---------------------------------------------------------------- scopes


def targets_for(viewer: User) -> tuple[list[Team], list[WorkUnit], bool]:
    """The teams and units `viewer` may assign to, and whether jobs mine-wide (admins only)."""
    teams = list(db.session.scalars(visible_teams(viewer).where(Team.active.is_(True))))
    if viewer.role == Role.ADMIN:
        units = list(db.session.scalars(select(WorkUnit).order_by(WorkUnit.name)))
    elif viewer.role == Role.UNIT_TRAINER and viewer.team is not None:
        units = [viewer.team.unit]
    else:
        units = []
    return teams, units, viewer.role == Role.ADMIN


def check_target(viewer: User, target: Target) -> None:
    """Raise AssignmentError unless every team, unit and job of `target` is within `viewer`'s scope."""
    teams, units, jobs = targets_for(viewer)
    if (not set(target.team_ids) <= {t.id for t in teams} or not set(target.unit_ids) <= {u.id for u in units}
            or (target.jobs and not jobs)):
        raise AssignmentError("只能布置给您管理范围内的班组或区队。")
    if not target:
        raise AssignmentError("请选择布置给哪些班组、区队或工种。")


def _reach(viewer: User) -> tuple[set[int], set[int]] | None:
    """The team and unit ids whose assignments `viewer` sees (None: all, an admin)."""
    if viewer.role == Role.ADMIN:
        return None
    teams = list(db.session.scalars(visible_teams(viewer)))
    return {t.id for t in teams}, {t.unit_id for t in teams}


def can_see(viewer: User, assignment: Assignment) -> bool:
    """A trainer sees an assignment that reaches a team of the trainer's scope (an admin every one)."""
    reach = _reach(viewer)
    if reach is None:
        return True
    team_ids, unit_ids = reach
    return any(r.team_id in team_ids or (r.team_id is None and r.unit_id in unit_ids)
               or (r.team_id is None and r.unit_id is None and bool(r.job)) for r in assignment.audience)


def visible(viewer: User) -> list[Assignment]:
    """The assignments `viewer` sees, nearest deadline last (newest first)."""
    query = select(Assignment).order_by(Assignment.due_at.desc(), Assignment.id.desc())
    reach = _reach(viewer)
    if reach is not None:
        team_ids, unit_ids = reach
        rows = select(AssignmentAudience.assignment_id).where(or_(
            AssignmentAudience.team_id.in_(team_ids),
            and_(AssignmentAudience.team_id.is_(None), AssignmentAudience.unit_id.in_(unit_ids)),
            and_(AssignmentAudience.team_id.is_(None), AssignmentAudience.unit_id.is_(None),
                 AssignmentAudience.job.is_not(None)),
        ))
        query = query.where(Assignment.id.in_(rows))
    return list(db.session.scalars(query))


# ---------------------------------------------------------------- making one


def _audience_rows(target: Target) -> list[AssignmentAudience]:
    return ([AssignmentAudience(team_id=t) for t in sorted(set(target.team_ids))]
            + [AssignmentAudience(unit_id=u) for u in sorted(set(target.unit_ids))]
            + [AssignmentAudience(job=j) for j in sorted({j.strip() for j in target.jobs if j.strip()})])


def widen_paper_audience(paper: Paper, target: Target) -> None:
    """Let the assignment's audience take the paper (a paper open to everyone stays so)."""
    if not paper.audience:
        return
    have = {(a.team_id, a.unit_id, a.job) for a in paper.audience}
    for row in _audience_rows(target):
        key = (row.team_id, row.unit_id, row.job)
        if key not in have:
            paper.audience.append(PaperAudience(team_id=row.team_id, unit_id=row.unit_id, job=row.job))
            have.add(key)


def assign_paper(paper: Paper, target: Target, due_at: datetime, *, by: User, now: datetime,
                 title: str = "", kind: str = "paper", site: str | None = None) -> Assignment:
    """Assign a published paper with a deadline (UTC)."""
    check_target(by, target)
    if paper.status != "published":
        raise AssignmentError("只能布置已发布的试卷。")
    if due_at <= now:
        raise AssignmentError("截止时间应晚于现在。")
    if paper.closes_at and due_at > paper.closes_at:
        raise AssignmentError("截止时间晚于试卷的结束时间，职工到时将无法参加。")
    assignment = Assignment(kind=kind, title=title.strip() or paper.title, paper_id=paper.id, site=site,
                            due_at=due_at, created_by_id=by.id, created_at=now, audience=_audience_rows(target))
    widen_paper_audience(paper, target)
    db.session.add(assignment)
    db.session.flush()
    return assignment


def practice_filter(assignment: Assignment) -> practice.PracticeFilter:
    data = assignment.practice or {}
    return practice.PracticeFilter(category_id=data.get("category_id"), document_id=data.get("document_id"),
                                   job=data.get("job") or "", site=data.get("site") or "",
                                   count=int(data.get("count") or 10))


def assign_practice(f: practice.PracticeFilter, title: str, target: Target, due_at: datetime, *, by: User,
                    now: datetime) -> Assignment:
    """Assign a practice set (a filter and a count, drawn per worker as self-chosen practice is)."""
    check_target(by, target)
    if due_at <= now:
        raise AssignmentError("截止时间应晚于现在。")
    if not 1 <= f.count <= practice.MAX_PRACTICE:
        raise AssignmentError(f"题数应在1到{practice.MAX_PRACTICE}之间。")
    available = len(db.session.execute(practice.pool(f, by)).all())
    if available < f.count:
        raise AssignmentError(f"符合条件的练习题只有{available}道，少于要求的{f.count}道。")
    assignment = Assignment(
        kind="practice", title=title.strip() or "练习", due_at=due_at, created_by_id=by.id, created_at=now,
        practice={"category_id": f.category_id, "document_id": f.document_id, "job": f.job, "site": f.site,
                  "count": f.count},
        audience=_audience_rows(target),
    )
    db.session.add(assignment)
    db.session.flush()
    return assignment


# ---------------------------------------------------------------- where people stand


def _attempts_of(assignment: Assignment, user_ids: list[int]) -> list[Attempt]:
    if not user_ids:
        return []
    query = select(Attempt).where(Attempt.user_id.in_(user_ids))
    if assignment.paper_id is not None:
        query = query.where(Attempt.paper_id == assignment.paper_id)
    else:
        linked = select(AssignmentAttempt.attempt_id).where(AssignmentAttempt.assignment_id == assignment.id)
        query = query.where(Attempt.id.in_(linked))
    return list(db.session.scalars(query.order_by(Attempt.started_at, Attempt.id)))


def settle(assignment: Assignment, now: datetime) -> None:
    """Close the audience's attempts whose time ran out, so they count as what they are."""
    linked = select(AssignmentAttempt.attempt_id).where(AssignmentAttempt.assignment_id == assignment.id)
    query = select(Attempt).where(Attempt.status == "open", Attempt.deadline.is_not(None), Attempt.deadline < now)
    query = query.where(Attempt.paper_id == assignment.paper_id) if assignment.paper_id else \
        query.where(Attempt.id.in_(linked))
    for attempt in db.session.scalars(query):
        attempts.close_if_due(attempt, now)


def _best(closed: list[Attempt]) -> Attempt:
    return max(closed, key=lambda a: (bool(a.passed), score_percent(a.score or Decimal(0), a.max_score)
                                      if a.max_score else Fraction(0), -a.id))


def standing(assignment: Assignment, person: User, mine: list[Attempt], now: datetime, exam: bool) -> Standing:
    """Where one person stands from that person's attempts at the assignment."""
    base = dict(user_id=person.id, username=person.username, name=person.name, team_id=person.team_id,
                team=person.team.name if person.team else "", attempts=len(mine))
    closed = [a for a in mine if a.status != "open"]
    if not closed:
        if now > assignment.due_at:
            status = "overdue"
        else:
            status = "in_progress" if any(a.status == "open" for a in mine) else "not_done"
        return Standing(status=status, **base)
    best = _best(closed)
    if exam:
        status = "passed" if best.passed else "failed"
    else:
        status = "done"
    finished = best.submitted_at if status == "passed" else min(a.submitted_at for a in closed if a.submitted_at)
    return Standing(status=status, score=best.score, max_score=best.max_score, finished_at=finished,
                    late=bool(finished and finished > assignment.due_at), **base)


def is_exam(assignment: Assignment) -> bool:
    paper = db.session.get(Paper, assignment.paper_id) if assignment.paper_id else None
    return bool(paper and paper.mode == "exam")


def standings(assignment: Assignment, now: datetime, people: list[User] | None = None) -> list[Standing]:
    """Where everyone of the audience (or `people`) stands: not done first, then by 工号."""
    people = members(assignment) if people is None else people
    by_user: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in _attempts_of(assignment, [p.id for p in people]):
        by_user[attempt.user_id].append(attempt)
    exam = is_exam(assignment)
    rows = [standing(assignment, p, by_user.get(p.id, []), now, exam) for p in people]
    order = {"overdue": 0, "not_done": 1, "in_progress": 2, "failed": 3, "done": 4, "passed": 4}
    return sorted(rows, key=lambda r: (order[r.status], r.username))


# ---------------------------------------------------------------- the worker's side


@dataclass(frozen=True)
class Due:
    """An assignment on a worker's home page."""

    assignment: Assignment
    status: str
    overdue: bool

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


def due_for(user: User, now: datetime) -> list[Due]:
    """What the worker still has to do, nearest deadline first: not done, or an exam failed with a
    sitting left while its window is open. Done ones drop off; overdue ones stay for HOME_DAYS."""
    candidates = db.session.scalars(
        select(Assignment).where(Assignment.due_at > now - timedelta(days=HOME_DAYS)).order_by(Assignment.due_at)
    )
    found = []
    for assignment in candidates:
        if not is_for(assignment, user):
            continue
        row = standings(assignment, now, [user])[0]
        if row.status in ("passed", "done"):
            continue
        if row.status == "failed":
            paper = db.session.get(Paper, assignment.paper_id)
            if paper is None or (paper.max_attempts and row.attempts >= paper.max_attempts) \
                    or (paper.closes_at and now >= paper.closes_at):
                continue
        found.append(Due(assignment, row.status, now > assignment.due_at))
    return found


def start(assignment: Assignment, user: User, now: datetime) -> Attempt:
    """Start (or resume) the worker's sitting of an assignment. Raises AttemptError with the reason."""
    if not is_for(assignment, user):
        raise AttemptError("这项任务没有布置给您。")
    if assignment.paper_id is not None:
        paper = db.session.get(Paper, assignment.paper_id)
        if paper is None:
            raise AttemptError("试卷已删除。")
        return attempts.start_paper(paper, user, now)
    linked = select(AssignmentAttempt.attempt_id).where(AssignmentAttempt.assignment_id == assignment.id,
                                                         AssignmentAttempt.user_id == user.id)
    current = db.session.scalar(select(Attempt).where(Attempt.id.in_(linked), Attempt.status == "open"))
    if current is not None:
        return current
    f = practice_filter(assignment)
    rows = list(db.session.execute(practice.pool(f, user)))
    chosen = random.Random().sample(rows, min(len(rows), f.count))
    attempt = attempts.start_drawn(user, "practice", assignment.title,
                                   [Drawn(q, v, practice.POINTS) for q, v in chosen], now)
    db.session.add(AssignmentAttempt(assignment_id=assignment.id, attempt_id=attempt.id, user_id=user.id))
    db.session.flush()
    return attempt
