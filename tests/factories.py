"""Factories for test data: each adds, commits and returns one object."""

from __future__ import annotations

import itertools
from datetime import timedelta

from accounts.mine import get_or_create_mine
from accounts.models import Mine, Team, User, WorkUnit
from accounts.passwords import set_password
from core.db import db

_numbers = itertools.count(1000)


def create_team(unit_name: str = "综采一队", team_name: str = "回收班", mine_name: str | None = None) -> Team:
    """The team with these names, created (with its unit) when missing, in the installation's mine
    (accounts.mine), which takes `mine_name` when still unnamed; a mine of another name is a second one."""
    mine = get_or_create_mine()
    if mine_name is not None and mine.name != mine_name:
        if not mine.name:
            mine.name = mine_name
        else:
            mine = db.session.query(Mine).filter_by(name=mine_name).one_or_none() or Mine(name=mine_name)
            db.session.add(mine)
            db.session.flush()
    unit = db.session.query(WorkUnit).filter_by(mine_id=mine.id, name=unit_name).one_or_none()
    if unit is None:
        unit = WorkUnit(mine=mine, name=unit_name)
        db.session.add(unit)
        db.session.flush()
    team = db.session.query(Team).filter_by(unit_id=unit.id, name=team_name).one_or_none()
    if team is None:
        team = Team(unit=unit, name=team_name)
        db.session.add(team)
    db.session.commit()
    return team


def create_user(role: str = "worker", team: Team | None = None, password: str = "Passw0rd!x",
                must_change: bool = False, **fields) -> User:
    """A person with a known password; put in a default team unless `team` is given."""
    number = next(_numbers)
    user = User(username=fields.pop("username", f"u{number}"), name=fields.pop("name", f"测试{number}"),
                role=role, team=team if team is not None else create_team(), **fields)
    set_password(user, password, must_change=must_change)
    db.session.add(user)
    db.session.commit()
    return user


def create_closed_exam(user_id: int, title: str, score: str, started_at, minutes: int = 10,
                       pass_score: str = "80", max_score: str = "100") -> None:
    """A submitted, scored exam (out of 100 unless told) without items (for pages of results and hours)."""
    from decimal import Decimal

    from quiz.taking.models import Attempt

    db.session.add(Attempt(user_id=user_id, mode="exam", title=title, number=1, started_at=started_at,
                           submitted_at=started_at + timedelta(minutes=minutes), status="submitted",
                           pass_score=Decimal(pass_score), max_score=Decimal(max_score), score=Decimal(score),
                           passed=Decimal(score) >= Decimal(pass_score), feedback=False, focus_losses=0,
                           wrongs_collected=True))
    db.session.commit()
