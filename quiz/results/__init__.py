"""Results for trainers: team (班组) and unit (区队) dashboards, a worker's history and item analysis.

Figures are computed in services that need no request: `period` (which days), `figures`
(exact rates, rounded once), `dashboard` (participation, scores, trends, weak spots, party
members) and `items` (facility, discrimination, option choices, review flags); `access`
decides whose results a trainer may see. `views` renders pages, `api` the same figures as JSON.
Builds on quiz.taking (attempts and answers) and the bank (categories, cited documents).
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the pages, the JSON endpoints and the 班组成绩 menu entry for trainers (试题分析 is linked from it)."""
    from core.auth import TRAINER_ROLES
    from core.web import add_nav_link
    from quiz.results import api, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    add_nav_link(app, 43, "results.index", "班组成绩", TRAINER_ROLES, group="tasks")
