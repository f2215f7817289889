"""Whose results a trainer may see: a team leader the own team, a unit trainer the own 区队,
an admin everything (accounts.scopes decides; this module answers for teams and units).
A team or unit outside the viewer's scope is reported as missing (the views answer 404)."""

from __future__ import annotations

from sqlalchemy import select

from accounts.models import Team, User, WorkUnit
from accounts.scopes import visible_teams
from core.auth import Role
from core.db import db


def team_for(viewer: User, team_id: int) -> Team | None:
    """The team, if `viewer` may see it."""
    return db.session.scalar(visible_teams(viewer).where(Team.id == team_id))


def units_for(viewer: User) -> list[WorkUnit]:
    """The units whose pages `viewer` may open: all for an admin, the own for a unit trainer, none
    for a team leader (a unit page compares the other teams)."""
    if viewer.role == Role.ADMIN:
        return list(db.session.scalars(select(WorkUnit).order_by(WorkUnit.name)))
    if viewer.role == Role.UNIT_TRAINER and viewer.team is not None:
        return [viewer.team.unit]
    return []


def unit_for(viewer: User, unit_id: int) -> WorkUnit | None:
    """The unit, if `viewer` may open its page."""
    return next((u for u in units_for(viewer) if u.id == unit_id), None)


def teams_of(unit: WorkUnit) -> list[Team]:
    """The unit's active teams, by name."""
    return list(db.session.scalars(select(Team).where(Team.unit_id == unit.id, Team.active.is_(True))
                                   .order_by(Team.name)))


def item_scope(viewer: User, team_id: int | None = None, unit_id: int | None = None) -> list[int] | None:
    """The team ids whose answers an item analysis reads (None: everyone, for an admin without a filter).

    A filter outside the viewer's scope raises LookupError."""
    if team_id:
        team = team_for(viewer, team_id)
        if team is None:
            raise LookupError(team_id)
        return [team.id]
    if unit_id:
        unit = unit_for(viewer, unit_id)
        if unit is None:
            raise LookupError(unit_id)
        return [t.id for t in db.session.scalars(select(Team).where(Team.unit_id == unit.id))]
    if viewer.role == Role.ADMIN:
        return None
    return [t.id for t in db.session.scalars(visible_teams(viewer))]
