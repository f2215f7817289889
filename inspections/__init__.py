"""隐患排查: hidden-danger findings with the articles they violate and the rule table's major call.

Public interface for other packages (quiz reaches it only through the app, never by import, so
kb and quiz stay independent — inspections itself builds on kb's public search):

``app.extensions["team_violations"](team_id, days=90, today=None, limit=10)`` returns
``[Violated(article_id, citation, count, last_on)]``: the articles a team's findings violated
recently, most often first. The pre-shift quiz takes the team's weak articles from it.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the blueprint, the nav link and the team_violations reader."""
    from core.auth import TRAINER_ROLES
    from core.db import db
    from core.web import add_nav_link
    from inspections import models  # noqa: F401 - registers the tables
    from inspections.service import violations_reader
    from inspections.views import bp

    app.register_blueprint(bp)
    add_nav_link(app, 65, "inspections.index", "隐患排查", TRAINER_ROLES, group="tasks")
    app.extensions["team_violations"] = violations_reader(lambda: db.session)
