"""Training records the regulation asks for: hours (学时) per worker against the required hours,
offline training sessions with their rosters, the per-person file (一人一档), the per-course file
(一期一档), and results as .xlsx and printable sheets.

`models` (sessions, attendance), `hours` (what counts and what is required), `files` (what the
two files hold), `workbooks` (.xlsx), `views` (pages, exports, print sheets). Builds on
quiz.results (scopes) and quiz.taking (sittings).
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the pages, the 培训档案 menu entry for trainers and the demo session."""
    from core.auth import TRAINER_ROLES
    from core.web import add_demo_step, add_nav_link
    from quiz.records import demo, views

    app.register_blueprint(views.bp)
    add_nav_link(app, 44, "records.index", "培训档案", TRAINER_ROLES)
    add_demo_step(app, demo.seed_demo_records)
