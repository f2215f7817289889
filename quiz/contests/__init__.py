"""Contests (技术比武 / 知识竞赛): a timed race among teams on one exam paper, with a live leaderboard.

`models` (a contest, its teams and its own paper), `schedule` (making one: the window, the teams,
the copied paper), `standings` (people and teams ranked, from the sittings), `access` (who sees
and makes them), `entrants` (what the people taking part see: the home panel, 竞赛 beside the
paper, their rank on the result once it ended); `views` are the pages — list, form, leaderboard,
the team-room screen and the printable result — and `api` the JSON the screen polls. Workers sit a contest through quiz.taking's
ordinary exam pages; the standings reuse quiz.results' members and figures.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the pages, the JSON board, the 竞赛 menu entry for trainers, the paper-window owner,
    and what the people taking part see: a home panel, 竞赛 beside the paper, the standing on the result."""
    from core.auth import TRAINER_ROLES, Role
    from core.web import add_home_panel, add_nav_link
    from quiz.contests import api, entrants, schedule, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    # The contest owns its paper's window: the paper editor shows it read-only, linking here.
    app.extensions.setdefault("paper_window_owners", []).append(views.window_owner)
    add_nav_link(app, 44, "contests.index", "竞赛", TRAINER_ROLES, group="tasks")
    # quiz.taking asks these hooks (it cannot import contests): a note beside a paper, a panel on a result,
    # a contest cancelled when its paper is stopped on the paper's page before it ended.
    app.extensions.setdefault("paper_notes", []).append(entrants.paper_note)
    app.extensions.setdefault("result_panels", []).append(entrants.standing_panel)
    app.extensions.setdefault("paper_stopped", []).append(schedule.paper_stopped)
    add_home_panel(app, "contests/_home_panel.html", (Role.WORKER, Role.TEAM_LEADER))

    @app.context_processor
    def contest_helpers():
        from flask import request
        from flask_login import current_user

        from core.db import utcnow

        if request.endpoint == "accounts.home" and current_user.is_authenticated:
            return {"home_contests": entrants.team_contests(current_user, utcnow())}
        return {"home_contests": []}
