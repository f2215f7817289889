"""Assigning papers and practice sets with a deadline, to whom, and who may see them.

Who an assignment is for: the active workers and team leaders (the people a team dashboard
counts) matched by one of its audience rows (a team, a unit, or a job mine-wide). A team
leader assigns to the own team, a unit trainer to the own unit and its teams, an admin to
anyone (jobs mine-wide too); a trainer sees the assignments that reach a team of his scope,
and on them only the people of his scope. Where each person stands is `progress`'s.
Functions flush; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, delete, false, or_, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from accounts.models import Team, User, WorkUnit
from accounts.scopes import audience_reach, visible_teams
from core import audit, clock
from core.auth import Role
from core.db import db
from corpus import jobs
from quiz.assignments.models import Assignment, AssignmentAttempt, AssignmentAudience
from quiz.results.dashboard import MEMBER_ROLES
from quiz.taking import access as paper_access
from quiz.taking import practice
from quiz.taking.models import Paper, PaperAudience


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


# ---------------------------------------------------------------- who it is for


def _row_condition(row: AssignmentAudience):
    if row.team_id is not None:
        return User.team_id == row.team_id
    if row.unit_id is not None:
        return User.team_id.in_(select(Team.id).where(Team.unit_id == row.unit_id))
    if row.job:
        return User.job.in_(jobs.names_of(row.job))  # under any of its names (corpus.jobs)
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


def members_of(assignments: list[Assignment]) -> dict[int, list[User]]:
    """The people each assignment is for (as `members` says), by assignment id, in two statements however
    many assignments: their audience rows, and the people any row matches (with their teams)."""
    if not assignments:
        return {}
    ids = [a.id for a in assignments]
    rows = list(db.session.scalars(select(AssignmentAudience).where(AssignmentAudience.assignment_id.in_(ids))
                                   .order_by(AssignmentAudience.id)))
    for assignment in assignments:  # the audience of each, loaded at once (no statement per assignment)
        set_committed_value(assignment, "audience", [r for r in rows if r.assignment_id == assignment.id])
    people: list[User] = []
    if rows:
        people = list(db.session.scalars(
            select(User).options(joinedload(User.team))
            .where(User.active.is_(True), User.role.in_(MEMBER_ROLES),
                   or_(*(_row_condition(r) for r in {_key(r): r for r in rows}.values())))
            .order_by(User.username)
        ))
    return {a.id: [p for p in people if is_for(a, p)] for a in assignments}


def is_for(assignment: Assignment, user: User) -> bool:
    """Whether `user` is in the assignment's audience."""
    if not user.active or user.role not in MEMBER_ROLES:
        return False
    unit_id = user.team.unit_id if user.team else None
    return any((r.team_id is not None and r.team_id == user.team_id)
               or (r.unit_id is not None and r.unit_id == unit_id)
               or (r.team_id is None and r.unit_id is None and jobs.same(r.job, user.job))
               for r in assignment.audience)


def audience_labels(assignments: list[Assignment]) -> dict[int, str]:
    """`audience_label` of each assignment, by id, reading the teams and units named in two statements."""
    rows = [r for a in assignments for r in a.audience]
    team_ids = {r.team_id for r in rows if r.team_id}
    unit_ids = {r.unit_id for r in rows if r.unit_id}
    # Held while the labels are made, so get() finds them in the session (it keeps them by weak reference).
    held = [*(db.session.scalars(select(Team).options(joinedload(Team.unit)).where(Team.id.in_(sorted(team_ids))))
              if team_ids else ()),
            *(db.session.scalars(select(WorkUnit).where(WorkUnit.id.in_(sorted(unit_ids)))) if unit_ids else ())]
    labels = {a.id: audience_label(a) for a in assignments}
    del held
    return labels


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
    reach = audience_reach(viewer)
    return list(reach.teams), list(reach.units), reach.mine_wide


def check_target(viewer: User, target: Target) -> None:
    """Raise AssignmentError unless every team, unit and job of `target` is within `viewer`'s scope."""
    if not target:
        raise AssignmentError("请选择布置给哪些班组、区队或工种。")
    if not audience_reach(viewer).covers(target.team_ids, target.unit_ids, target.jobs):
        raise AssignmentError("只能布置给您管理范围内的班组或区队。")


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


def can_withdraw(viewer: User, assignment: Assignment) -> bool:
    """The one who assigned it, or an admin."""
    return viewer.role == Role.ADMIN or (assignment.created_by_id is not None and assignment.created_by_id == viewer.id)


def withdraw(assignment: Assignment) -> None:
    """Delete the assignment, its audience and its links to practice attempts (the attempts stay),
    and take back from the paper's audience what the assignment added to it: a group another
    assignment of the same paper is still for keeps the paper (that assignment now owns the row),
    and rows the paper had before are never touched."""
    _narrow_paper_audience(assignment)
    db.session.execute(delete(AssignmentAttempt).where(AssignmentAttempt.assignment_id == assignment.id))
    db.session.delete(assignment)
    db.session.flush()


def visible(viewer: User) -> list[Assignment]:
    """The assignments `viewer` sees, nearest deadline last (newest first)."""
    return list(db.session.scalars(visible_query(viewer)))


def visible_query(viewer: User) -> Select[tuple[Assignment]]:
    """A query of the assignments `viewer` sees, latest deadline first: those still open come before those
    past their deadline, the most recent of these first (a page of the trainer's list is a slice of it)."""
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
    return query


# ---------------------------------------------------------------- making one


def _audience_rows(target: Target) -> list[AssignmentAudience]:
    return ([AssignmentAudience(team_id=t) for t in sorted(set(target.team_ids))]
            + [AssignmentAudience(unit_id=u) for u in sorted(set(target.unit_ids))]
            + [AssignmentAudience(job=j) for j in sorted(jobs.stored(target.jobs))])  # canonical names


def _key(row: AssignmentAudience | PaperAudience) -> tuple[int | None, int | None, str | None]:
    return row.team_id, row.unit_id, row.job


def widen_paper_audience(paper: Paper, target: Target) -> list[list[object]]:
    """Let the assignment's audience take the paper (a paper open to everyone stays so); returns
    the rows added, as [team_id, unit_id, job] (what withdrawing takes back)."""
    if not paper.audience:
        return []
    have = {_key(a) for a in paper.audience}
    added: list[list[object]] = []
    for row in _audience_rows(target):
        key = _key(row)
        if key not in have:
            paper.audience.append(PaperAudience(team_id=row.team_id, unit_id=row.unit_id, job=row.job))
            have.add(key)
            added.append(list(key))
    return added


def _narrow_paper_audience(assignment: Assignment) -> None:
    """Remove from the paper's audience the rows `assignment` added (see withdraw)."""
    if assignment.paper_id is None or not assignment.widened:
        return
    paper = db.session.get(Paper, assignment.paper_id)
    if paper is None:
        return
    others = list(db.session.scalars(select(Assignment).where(
        Assignment.paper_id == paper.id, Assignment.id != assignment.id).order_by(Assignment.id)))
    for team_id, unit_id, job in assignment.widened:
        key = (team_id, unit_id, job)
        heir = next((o for o in others if any(_key(r) == key for r in o.audience)), None)
        if heir is not None:
            heir.widened = [*(heir.widened or []), [team_id, unit_id, job]]
            continue
        rows = [a for a in paper.audience if _key(a) == key]
        if len(rows) < len(paper.audience):  # never leave it empty: that would open it to everyone
            for row in rows:
                paper.audience.remove(row)


def assign_paper(paper: Paper, target: Target, due_at: datetime, *, by: User, now: datetime,
                 title: str = "", kind: str = "paper", site: str | None = None) -> Assignment:
    """Assign a published paper with a deadline (UTC)."""
    check_target(by, target)
    if paper.status != "published":
        raise AssignmentError("只能布置已发布的试卷。")
    if not paper_access.sees(by, paper):  # as if missing: a paper the trainer may not see is not theirs to assign
        raise AssignmentError("请选择试卷。")
    if due_at <= now:
        raise AssignmentError("截止时间应晚于现在。")
    if paper.closes_at and due_at > paper.closes_at:
        raise AssignmentError("截止时间晚于试卷的结束时间，职工到时将无法参加。")
    assignment = Assignment(kind=kind, title=title.strip() or paper.title, paper_id=paper.id, site=site,
                            due_at=due_at, created_by_id=by.id, created_at=now, audience=_audience_rows(target))
    assignment.widened = widen_paper_audience(paper, target) or None
    db.session.add(assignment)
    db.session.flush()
    _log_created(assignment, by)
    return assignment


def outlasting(paper: Paper, closes_at: datetime | None) -> list[Assignment]:
    """The assignments of the paper due after `closes_at` (UTC; None: it never closes), soonest first:
    their workers would see 截止 and 去完成 after the paper no longer lets them start."""
    if closes_at is None or paper.id is None:
        return []
    return list(db.session.scalars(select(Assignment).where(
        Assignment.paper_id == paper.id, Assignment.due_at > closes_at).order_by(Assignment.due_at, Assignment.id)))


def closing_problem(paper: Paper, closes_at: datetime | None) -> str | None:
    """Why the paper may not close at `closes_at`, or None: an assignment of it is due later (assigning
    refuses such a deadline, so moving the end refuses it too), each named with its deadline."""
    late = outlasting(paper, closes_at)
    if not late:
        return None
    named = "；".join(f"《{a.title}》（{audience_label(a)}）截止 {clock.local(a.due_at):%m-%d %H:%M}" for a in late)
    return (f"结束时间 {clock.local(closes_at):%m-%d %H:%M} 早于已布置任务的截止时间：{named}。"
            "职工到时将无法参加。请把结束时间定在这些截止时间之后，或先撤销这些任务再重新布置。")


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
    _log_created(assignment, by)
    return assignment


def _log_created(assignment: Assignment, by: User) -> None:
    audit.record("assignment.create", "assignment", assignment.id,
                 f"{assignment.title}（{audience_label(assignment)}）",
                 actor_id=by.id)

