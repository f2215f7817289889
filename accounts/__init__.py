"""People, the mine's organisation (矿 → 区队 → 班组), roles, sign-in and roster import."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the accounts blueprint, the user loader and the CLI commands."""
    from accounts import admin_home, admin_views, audit_views, cli, views
    from accounts.models import User
    from core.auth import TRAINER_ROLES, Role, login_manager
    from core.db import db
    from core.ratelimit import limit_endpoint
    from core.web import add_nav_link

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        """The person of a session or remember-me cookie ("id:generation"), if it is still valid:
        sign-out, a new password and deactivation raise the generation, which ends every older session."""
        user_id, _, generation = session_id.partition(":")
        user = db.session.get(User, int(user_id)) if user_id.isdigit() and generation.isdigit() else None
        if user is None or not user.active or str(user.session_generation or 0) != generation:
            return None
        return user

    app.register_blueprint(views.bp)
    app.register_blueprint(admin_views.bp)
    app.register_blueprint(audit_views.bp)
    admin_home.init_app(app)
    limit_endpoint(app, "accounts.login", "signin")
    for command in cli.COMMANDS:
        app.cli.add_command(command)
    # The library types a rule naming this mine as its own 企业制度, one naming another mine as news
    # (corpus reads the names here; it never imports accounts).
    app.extensions["own_enterprise_names"] = _mine_names
    add_nav_link(app, 80, "accounts.people", "班组人员", TRAINER_ROLES, group="manage")
    add_nav_link(app, 90, "admin.people", "人员管理", (Role.ADMIN,), group="manage")
    add_nav_link(app, 91, "admin.teams", "区队班组", (Role.ADMIN,), group="manage")
    add_nav_link(app, 92, "admin.roster_upload", "花名册导入", (Role.ADMIN,), group="manage")
    add_nav_link(app, 93, "audit.index", "操作日志", (Role.ADMIN,), group="manage")


def _mine_names() -> list[str]:
    """The names of the mines this installation serves (init --mine-name, the 区队班组 page)."""
    from sqlalchemy import select

    from accounts.models import Mine
    from core.db import db

    return [name for name in db.session.scalars(select(Mine.name).order_by(Mine.id)) if name]
