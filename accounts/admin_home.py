"""The admin's home page panel: the counts features register (core.web.add_admin_figure: people,
teams, documents, open gaps …) and the latest imports from the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from accounts.mine import get_or_create_mine
from accounts.models import Team, User, WorkUnit
from core.audit import AuditEntry
from core.auth import Role
from core.db import db

IMPORT_ACTIONS = ("roster.import", "documents.import", "bank.import")
RECENT_IMPORTS = 5


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int
    url: str


def figures(app: Flask) -> list[Figure]:
    registered = sorted(app.extensions.get("admin_figures", []), key=lambda figure: figure[0])
    return [Figure(key, label, count(), url_for(endpoint)) for _, key, label, count, endpoint in registered]


def recent_imports() -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action.in_(IMPORT_ACTIONS))
                                   .order_by(AuditEntry.id.desc()).limit(RECENT_IMPORTS)))


def active_people() -> int:
    return db.session.scalar(select(func.count(User.id)).where(User.active.is_(True)))


def active_teams() -> int:
    return db.session.scalar(select(func.count(Team.id)).join(WorkUnit)
                             .where(Team.active.is_(True), WorkUnit.active.is_(True)))


def init_app(app: Flask) -> None:
    """The panel, shown to admins only, and the counts of people and teams."""
    from core.web import add_admin_figure, add_home_panel

    add_home_panel(app, "accounts/_admin_home.html", (Role.ADMIN,))
    add_admin_figure(app, 10, "people", "在用账号", active_people, "admin.people")
    add_admin_figure(app, 20, "teams", "在用班组", active_teams, "admin.teams")

    @app.context_processor
    def admin_home():
        if (request.endpoint != "accounts.home" or not current_user.is_authenticated
                or current_user.role != Role.ADMIN.value):
            return {}
        return {"admin_figures": figures(app), "recent_imports": recent_imports(),
                "mine_unnamed": not get_or_create_mine().name}
