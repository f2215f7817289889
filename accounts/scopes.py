"""Who may see whom: a team leader sees the own team, a unit trainer the own 区队, an admin all."""

from __future__ import annotations

from sqlalchemy import Select, select

from accounts.models import Team, User
from core.auth import Role


def visible_users(viewer: User) -> Select[tuple[User]]:
    """A query of the people `viewer` may see, ordered by 工号."""
    query = select(User).order_by(User.username)
    role = Role(viewer.role)
    if role is Role.ADMIN:
        return query
    if role is Role.UNIT_TRAINER and viewer.team is not None:
        return query.join(Team, User.team_id == Team.id).where(Team.unit_id == viewer.team.unit_id)
    if role is Role.TEAM_LEADER and viewer.team_id is not None:
        return query.where(User.team_id == viewer.team_id)
    return query.where(User.id == viewer.id)


def can_view_user(viewer: User, person: User) -> bool:
    """True when `viewer` may open `person`'s page and records."""
    role = Role(viewer.role)
    if viewer.id == person.id or role is Role.ADMIN:
        return True
    if role is Role.UNIT_TRAINER:
        return viewer.team is not None and person.team is not None and person.team.unit_id == viewer.team.unit_id
    if role is Role.TEAM_LEADER:
        return viewer.team_id is not None and person.team_id == viewer.team_id
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
