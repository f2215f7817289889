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
    """Register the pages, the 培训档案 menu entry for trainers, 我的学时 for the people whose hours
    count (a menu entry and a home-page panel) and the demo session."""
    from core.auth import TRAINER_ROLES, Role
    from core.web import add_demo_removal, add_demo_step, add_home_panel, add_nav_link
    from quiz.records import demo, hours, views

    app.register_blueprint(views.bp)
    add_nav_link(app, 44, "records.index", "培训档案", TRAINER_ROLES, group="tasks")
    add_nav_link(app, 46, "records.mine", "我的学时", (Role.WORKER, Role.TEAM_LEADER), group="learn")
    add_home_panel(app, "records/_home_hours.html")
    add_demo_step(app, demo.seed_demo_records)
    add_demo_removal(app, 10, demo.remove_demo_records)

    @app.context_processor
    def my_hours():
        from flask import request
        from flask_login import current_user

        from core import clock

        mine = None
        if (request.endpoint == "accounts.home" and current_user.is_authenticated
                and current_user.role in hours.MEMBER_ROLES):
            year = clock.today().year
            mine = hours.worker_hours([current_user._get_current_object()], year)[0]
        return {"my_hours": mine}
