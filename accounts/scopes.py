"""Who may see whom: a team leader sees the own team's members, a unit trainer the own 区队, an admin all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, or_, select

from accounts.models import Team, User, WorkUnit
from core.auth import MEMBER_ROLES, Role
from core.db import db


def visible_users(viewer: User) -> Select[tuple[User]]:
    """A query of the people `viewer` may see, ordered by 工号."""
    query = select(User).order_by(User.username)
    role = Role(viewer.role)
    if role is Role.ADMIN:
        return query
    if role is Role.UNIT_TRAINER and viewer.team is not None:
        return query.join(Team, User.team_id == Team.id).where(Team.unit_id == viewer.team.unit_id)
    if role is Role.TEAM_LEADER and viewer.team_id is not None:  # not the staff placed in the team
        return query.where(User.team_id == viewer.team_id, or_(User.role.in_(MEMBER_ROLES), User.id == viewer.id))
    return query.where(User.id == viewer.id)


def can_view_user(viewer: User, person: User) -> bool:
    """True when `viewer` may open `person`'s page and records."""
    role = Role(viewer.role)
    if viewer.id == person.id or role is Role.ADMIN:
        return True
    if role is Role.UNIT_TRAINER:
        return viewer.team is not None and person.team is not None and person.team.unit_id == viewer.team.unit_id
    if role is Role.TEAM_LEADER:
        return viewer.team_id is not None and person.team_id == viewer.team_id and person.role in MEMBER_ROLES
    return False


def visible_teams(viewer: User) -> Select[tuple[Team]]:
    """A query of the teams `viewer` may see."""
    query = select(Team).order_by(Team.unit_id, Team.name)
    role = Role(viewer.role)
    if role is Role.ADMIN:
        return query
    if role is Role.UNIT_TRAINER and viewer.team is not None:
        return query.where(Team.unit_id == viewer.team.unit_id)
    return query.where(Team.id == viewer.team_id)


@dataclass(frozen=True)
class Reach:
    """Whom a trainer may open a paper or an assignment to: these (active) teams and units, and,
    for a mine-wide role, the whole mine (naming nobody) and jobs across it."""

    teams: tuple[Team, ...]
    units: tuple[WorkUnit, ...]
    mine_wide: bool

    def covers(self, team_ids: Iterable[int] = (), unit_ids: Iterable[int] = (), jobs: Iterable[str] = ()) -> bool:
        """Whether every team, unit and job named is within reach; naming nobody means the whole mine."""
        team_ids, unit_ids, jobs = set(team_ids), set(unit_ids), {j for j in jobs if j}
        if not (team_ids or unit_ids or jobs):
            return self.mine_wide
        return (team_ids <= {t.id for t in self.teams} and unit_ids <= {u.id for u in self.units}
                and (self.mine_wide or not jobs))


def audience_reach(viewer: User) -> Reach:
    """A team leader reaches the own team, a unit trainer the own 区队 and its teams, an admin the mine."""
    teams = tuple(db.session.scalars(visible_teams(viewer).where(Team.active.is_(True))))
    role = Role(viewer.role)
    if role is Role.ADMIN:
        units = tuple(db.session.scalars(select(WorkUnit).where(WorkUnit.active.is_(True)).order_by(WorkUnit.name)))
    elif role is Role.UNIT_TRAINER and viewer.team is not None:
        units = (viewer.team.unit,)
    else:
        units = ()
    return Reach(teams, units, role is Role.ADMIN)


_RANK = {role.value: rank for rank, role in enumerate(Role)}


def manages_reach(viewer: User, author_id: int | None, team_ids: Iterable[int] = (), unit_ids: Iterable[int] = (),
                  jobs: Iterable[str] = (), reach: Reach | None = None) -> bool:
    """Whether `viewer` may change something a trainer made for these teams, units and jobs (a paper,
    a training session): its author and admins may; another trainer when the whole of it is within
    reach and the author's role is not wider than the trainer's — a 区队培训员 manages what the 班组长s
    of the own 区队 made, never the reverse. Something without a known author counts as an admin's;
    naming nobody (the whole mine) is the admins' and the author's only. `reach`: the viewer's
    `audience_reach`, when the caller read it once for many things."""
    if viewer.role == Role.ADMIN or (author_id is not None and author_id == viewer.id):
        return True
    team_ids, unit_ids, jobs = list(team_ids), list(unit_ids), [j for j in jobs if j]
    if not (team_ids or unit_ids or jobs):
        return False
    author = db.session.get(User, author_id) if author_id else None
    if _RANK.get(author.role if author else Role.ADMIN.value, 0) > _RANK.get(viewer.role, 0):
        return False
    return (reach if reach is not None else audience_reach(viewer)).covers(team_ids, unit_ids, jobs)
