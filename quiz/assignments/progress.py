"""Where the people of an assignment stand, and what a worker still has to do.

From each person's attempts started since the assignment was set (at or after its created_at; an exam's
whenever sat, an exam being one event) — at the paper for a paper assignment, or started from the
assignment for a practice set — counting only closed ones (submitted, or closed at the time limit):

- an exam: 已合格 when any closed attempt passed, else 未合格 when one closed;
- a practice paper with a pass line: the same, but a sitting holding answers back (their question is in an
  exam still open to the person, quiz.taking.seal) is not judged yet: 已交，待计分 (`held`) — neither passed
  nor failed — until that exam is over and the held answers are scored;
- a practice paper without a pass line, a practice set, the 班前会 quiz: 已完成 once one attempt closed with
  every question answered; one handed in blank or half done, or closed by its time after only being
  opened, does not count (the row says so: `incomplete`) — unless no sitting is left (the 班前会 quiz
  allows one): then one closed with answers counts, as there is nothing more he can do;
- nobody closed one that counts: 进行中 (an attempt open) or 未完成, and 逾期未完成 once the deadline passed.

Done after the deadline still counts as done, marked late. Scores shown are the best counted
attempt's (the passing one for an exam). Every page showing completion (the trainer's list and task page,
the 班前会 page, the worker's 待完成任务) reads `standing` through `standings_of`, which reads a page of
assignments in the same few statements however many there are (`counts_of` for the list's figures).
Functions flush; the caller commits.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import and_, or_, select

from accounts.models import User
from core.db import db
from corpus import jobs
from quiz.assignments.models import Assignment, AssignmentAttempt, AssignmentAudience
from quiz.assignments.service import is_for, members, members_of, practice_filter
from quiz.results.dashboard import MEMBER_ROLES
from quiz.results.figures import percent, score_percent
from quiz.taking import attempts, practice
from quiz.taking.attempts import AttemptError
from quiz.taking.models import Attempt, AttemptItem, Paper
from quiz.taking.papers import Drawn
from quiz.taking.standing import standing as paper_standing

STATUS_LABELS = {"passed": "已合格", "failed": "未合格", "held": "已交，待计分（考试结束后计分）", "done": "已完成",
                 "in_progress": "进行中", "not_done": "未完成", "overdue": "逾期未完成"}
FINISHED = ("passed", "failed", "held", "done")
HOME_DAYS = 30  # overdue assignments stay on a worker's home page this long after their deadline
PAGE_SIZE = 20  # assignments on a page of the trainer's list
INCOMPLETE_NOTE = "交卷时有题未答"

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
    incomplete: bool = False  # not done, though a sitting was handed in (or closed by its time) with questions unanswered

    @property
    def label(self) -> str:
        note = "（逾期完成）" if self.late else f"（{INCOMPLETE_NOTE}）" if self.incomplete else ""
        return STATUS_LABELS[self.status] + note

    @property
    def percent(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return percent(score_percent(self.score, self.max_score), 100)


@dataclass(frozen=True)
class Counts:
    """The figures at the top of an assignment's page; `graded`: the paper has a pass line (an exam,
    or a practice with one), so people stand 已合格/未合格, else (a practice without one) 已完成."""

    total: int
    passed: int
    failed: int
    done: int
    in_progress: int
    not_done: int
    overdue: int
    graded: bool
    held: int = 0  # handed in, not judged yet (answers held until an exam is over)

    @property
    def finished(self) -> int:
        return self.passed + self.failed + self.held + self.done

    @property
    def completion(self) -> float | None:
        return percent(self.finished, self.total)


def counts(rows: Iterable[Standing], graded: bool) -> Counts:
    """The standings counted by status; `graded` as graded(assignment) says."""
    tally: dict[str, int] = defaultdict(int)
    total = 0
    for row in rows:
        tally[row.status] += 1
        total += 1
    return Counts(total, tally["passed"], tally["failed"], tally["done"], tally["in_progress"], tally["not_done"],
                  tally["overdue"], graded, tally["held"])



# ---------------------------------------------------------------- where people stand


def _attempts_of(assignments: list[Assignment], user_ids: set[int]) -> dict[int, list[Attempt]]:
    """Each assignment's attempts by these people started since it was set, oldest first (two statements)."""
    found: dict[int, list[Attempt]] = defaultdict(list)
    if not user_ids or not assignments:
        return found
    by_paper: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        if assignment.paper_id is not None:
            by_paper[assignment.paper_id].append(assignment)
    order = (Attempt.started_at, Attempt.id)
    if by_paper:
        for attempt in db.session.scalars(select(Attempt).where(
                Attempt.paper_id.in_(list(by_paper)), Attempt.user_id.in_(sorted(user_ids))).order_by(*order)):
            for assignment in by_paper[attempt.paper_id]:
                # An exam is one event: sat before it was set as a task, it is sat. Practice is done again.
                if attempt.mode == "exam" or attempt.started_at >= assignment.created_at:
                    found[assignment.id].append(attempt)
    sets = {a.id: a for a in assignments if a.paper_id is None}
    if sets:
        for assignment_id, attempt in db.session.execute(
                select(AssignmentAttempt.assignment_id, Attempt)
                .join(Attempt, Attempt.id == AssignmentAttempt.attempt_id)
                .where(AssignmentAttempt.assignment_id.in_(list(sets)), Attempt.user_id.in_(sorted(user_ids))).order_by(*order)):
            if attempt.started_at >= sets[assignment_id].created_at:
                found[assignment_id].append(attempt)
    return found


def _answered(response: list[str] | None) -> bool:
    return bool(response) and any(part.strip() for part in response)


@dataclass(frozen=True)
class Answered:
    """Of some closed attempts: those with every question answered, and those with at least one."""

    every: frozenset[int] = frozenset()
    some: frozenset[int] = frozenset()


def _answered_in(attempt_ids: set[int]) -> Answered:
    """Which of the (closed) attempts have every question answered, and which some (one statement)."""
    if not attempt_ids:
        return Answered()
    short: set[int] = set()
    some: set[int] = set()
    for attempt_id, response in db.session.execute(
            select(AttemptItem.attempt_id, AttemptItem.response).where(AttemptItem.attempt_id.in_(sorted(attempt_ids)))):
        (some if _answered(response) else short).add(attempt_id)
    return Answered(frozenset(attempt_ids - short), frozenset(some))


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


def standing(assignment: Assignment, person: User, mine: list[Attempt], now: datetime, judged: bool,
             answered: Answered, limit: int = 0) -> Standing:
    """Where one person stands from that person's attempts at the assignment (started since it was set);
    `answered`: which closed attempts have every question answered (what done means without a pass line)
    and which some; `limit`: the paper's sittings allowed (0: unlimited). With no sitting left (the
    班前会 quiz allows one), a sitting handed in with answers counts as done: there is nothing more he can do."""
    base = dict(user_id=person.id, username=person.username, name=person.name, team_id=person.team_id,
                team=person.team.name if person.team else "", attempts=len(mine))
    closed = [a for a in mine if a.status != "open"]
    counted = closed if judged else [a for a in closed if a.id in answered.every]
    if not counted and not judged and limit and mine and max(a.number for a in mine) >= limit:
        counted = [a for a in closed if a.id in answered.some]
    if not counted:
        if now > assignment.due_at:
            status = "overdue"
        else:
            status = "in_progress" if any(a.status == "open" for a in mine) else "not_done"
        return Standing(status=status, incomplete=bool(closed), **base)
    waiting = [a for a in counted if awaiting_judgement(a)]
    best = _best(counted)
    if judged:
        status = "passed" if best.passed else "held" if waiting else "failed"
        if status == "held":
            best = _best(waiting)
    else:
        status = "done"
    finished = best.submitted_at if status == "passed" else min(a.submitted_at for a in counted if a.submitted_at)
    return Standing(status=status, score=best.score, max_score=best.max_score, finished_at=finished,
                    late=bool(finished and finished > assignment.due_at), **base)


def awaiting_judgement(attempt: Attempt) -> bool:
    """A closed sitting against a pass line not judged yet: answers held out of it until an exam is over
    (quiz.taking.held.judged), and its score so far short of the line."""
    return attempt.status != "open" and attempt.pass_score is not None and attempt.score is not None \
        and attempt.passed is None


def graded(assignment: Assignment) -> bool:
    """Whether the assignment's paper has a pass line (an exam's always, a practice's if set), so its
    people stand 已合格/未合格 rather than 已完成."""
    return assignment.id in _graded([assignment])


def _graded(assignments: list[Assignment]) -> set[int]:
    """The ids of those of the assignments whose paper has a pass line (one statement)."""
    paper_ids = {a.paper_id for a in assignments if a.paper_id is not None}
    if not paper_ids:
        return set()
    lined = set(db.session.scalars(select(Paper.id).where(Paper.id.in_(sorted(paper_ids)), Paper.pass_score.is_not(None))))
    return {a.id for a in assignments if a.paper_id in lined}


ORDER = {"overdue": 0, "not_done": 1, "in_progress": 2, "failed": 3, "held": 4, "done": 5, "passed": 5}


def standings_of(people: dict[Assignment, list[User]], now: datetime,
                 judged: set[int] | None = None) -> dict[int, list[Standing]]:
    """Where the given people of each assignment stand, by assignment id: not done first, then by 工号.
    Five statements at most, however many assignments and people (four given `judged`, what _graded says)."""
    assignments = list(people)
    found = _attempts_of(assignments, {p.id for group in people.values() for p in group})
    judged = _graded(assignments) if judged is None else judged
    closed = {a.id for assignment in assignments if assignment.id not in judged
              for a in found.get(assignment.id, ()) if a.status != "open"}
    answered = _answered_in(closed)
    paper_ids = sorted({a.paper_id for a in assignments if a.paper_id is not None and a.id not in judged})
    limits = {paper_id: most for paper_id, most in db.session.execute(
        select(Paper.id, Paper.max_attempts).where(Paper.id.in_(paper_ids)))} if paper_ids else {}
    result: dict[int, list[Standing]] = {}
    for assignment, group in people.items():
        by_user: dict[int, list[Attempt]] = defaultdict(list)
        for attempt in found.get(assignment.id, ()):
            by_user[attempt.user_id].append(attempt)
        limit = limits.get(assignment.paper_id, 0) or 0
        rows = [standing(assignment, p, by_user.get(p.id, []), now, assignment.id in judged, answered, limit)
                for p in group]
        result[assignment.id] = sorted(rows, key=lambda r: (ORDER[r.status], r.username))
    return result


def standings(assignment: Assignment, now: datetime, people: list[User] | None = None) -> list[Standing]:
    """Where everyone of the audience (or `people`) stands: not done first, then by 工号."""
    people = members(assignment) if people is None else people
    return standings_of({assignment: people}, now)[assignment.id]


def counts_of(assignments: list[Assignment], now: datetime,
              keep: Callable[[User], bool] = lambda _person: True) -> list[tuple[Assignment, Counts]]:
    """Each assignment with the counts of its audience (those `keep` keeps), in the same statements however
    many assignments: the figures of the trainer's list and the 班前会 page."""
    audiences = members_of(assignments)
    people = {a: [p for p in audiences[a.id] if keep(p)] for a in assignments}
    judged = _graded(assignments)
    rows = standings_of(people, now, judged)
    return [(a, counts(rows[a.id], a.id in judged)) for a in assignments]


# ---------------------------------------------------------------- the worker's side


@dataclass(frozen=True)
class Due:
    """An assignment on a worker's home page."""

    assignment: Assignment
    status: str
    overdue: bool
    exhausted: bool = False  # no sitting left (used up, the paper closed or stopped): nothing to do here but ask
    stopped: bool = False  # the paper was stopped (停用) and no sitting of it is in progress
    incomplete: bool = False  # a sitting was handed in with questions unanswered: not done (Standing.incomplete)

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def can_go(self) -> bool:
        """Whether 去完成 is offered: a sitting can be started or resumed, and none waits to be judged."""
        return not self.exhausted and self.status != "held"

    @property
    def note(self) -> str | None:
        """The badge beside the task."""
        if self.stopped:
            return "试卷已停用"
        if self.status == "held":
            return STATUS_LABELS["held"]
        if self.exhausted:
            if self.status == "failed":
                return "未合格，机会已用完，请联系班组长"
            return f"{INCOMPLETE_NOTE}，未算完成，机会已用完" if self.incomplete else "试卷已结束"
        if self.overdue:
            return "已逾期" + (f"，{INCOMPLETE_NOTE}" if self.incomplete else "")
        if self.incomplete and self.status == "not_done":
            return f"{INCOMPLETE_NOTE}，请重新作答，每题都作答并交卷才算完成"
        return {"failed": "未合格，可再考", "in_progress": "进行中"}.get(self.status)


def due_for(user: User, now: datetime) -> list[Due]:
    """What the worker still has to do, nearest deadline first: not done, or failed (a pass line missed) — with a
    sitting left while its window is open, or `exhausted` (every sitting used, or the paper closed or stopped:
    quiz.taking.standing), so the worker still sees the task was not met — or handed in and waiting to be
    judged (`held`). Done ones drop off; overdue and exhausted ones stay until HOME_DAYS after the deadline."""
    if not user.active or user.role not in MEMBER_ROLES:
        return []
    unit_id = user.team.unit_id if user.team else None
    matching = select(AssignmentAudience.assignment_id).where(or_(
        and_(AssignmentAudience.team_id.is_not(None), AssignmentAudience.team_id == user.team_id),
        and_(AssignmentAudience.unit_id.is_not(None), AssignmentAudience.unit_id == unit_id),
        and_(AssignmentAudience.team_id.is_(None), AssignmentAudience.unit_id.is_(None),
             AssignmentAudience.job.in_(jobs.names_of(user.job or ""))),
    ))
    candidates = db.session.scalars(
        select(Assignment).where(Assignment.due_at > now - timedelta(days=HOME_DAYS), Assignment.id.in_(matching))
        .order_by(Assignment.due_at, Assignment.id)
    )
    found = []
    candidates = list(candidates)
    mine = standings_of({a: [user] for a in candidates}, now)
    for assignment in candidates:
        row = mine[assignment.id][0]
        if row.status in ("passed", "done"):
            continue
        if row.status == "held":
            found.append(Due(assignment, row.status, overdue=False))
            continue
        if assignment.paper_id is not None:
            paper = db.session.get(Paper, assignment.paper_id)
            if paper is None or not paper_standing(paper, user, now).can_sit:
                stopped = paper is not None and paper.status == "archived"
                found.append(Due(assignment, row.status, overdue=False, exhausted=True, stopped=stopped,
                                 incomplete=row.incomplete))
                continue
        found.append(Due(assignment, row.status, now > assignment.due_at, incomplete=row.incomplete))
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
