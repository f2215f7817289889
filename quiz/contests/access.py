"""Who may see and make contests.

A contest is seen by the trainers of its teams — a team leader of a participating team, a unit
trainer of a unit with a participating team — and by admins; for anyone else it does not exist
(404). Unit trainers and admins make contests, among the teams they may see.
"""

from __future__ import annotations

from sqlalchemy import select

from accounts.models import Team, User
from accounts.scopes import visible_teams
from core.auth import Role
from core.db import db
from quiz.contests.models import Contest, ContestTeam

ORGANISERS = (Role.UNIT_TRAINER, Role.ADMIN)


def visible_contests(viewer: User) -> list[Contest]:
    """The contests `viewer` may see, newest first."""
    query = select(Contest).order_by(Contest.starts_at.desc(), Contest.id.desc())
    if viewer.role != Role.ADMIN:
        teams = visible_teams(viewer).with_only_columns(Team.id).order_by(None)
        query = query.where(Contest.id.in_(select(ContestTeam.contest_id).where(ContestTeam.team_id.in_(teams))))
    return list(db.session.scalars(query))


def contest_for(viewer: User, contest_id: int) -> Contest | None:
    """The contest, if `viewer` may see it."""
    contest = db.session.get(Contest, contest_id)
    if contest is None or viewer.role == Role.ADMIN:
        return contest
    mine = set(db.session.scalars(visible_teams(viewer).with_only_columns(Team.id).order_by(None)))
    return contest if mine & set(contest.team_ids) else None


def may_organise(viewer: User) -> bool:
    return viewer.role in {r.value for r in ORGANISERS}


def teams_to_choose(viewer: User) -> list[Team]:
    """The active teams `viewer` may put into a contest (none for a team leader)."""
    if not may_organise(viewer):
        return []
    return list(db.session.scalars(visible_teams(viewer).where(Team.active.is_(True))))


def may_manage(viewer: User, contest: Contest) -> bool:
    """Whether `viewer` may change the contest's times or cancel it: as for making one, an organiser
    whose scope takes in every one of its teams."""
    if not may_organise(viewer):
        return False
    mine = set(db.session.scalars(visible_teams(viewer).with_only_columns(Team.id).order_by(None)))
    return set(contest.team_ids) <= mine
