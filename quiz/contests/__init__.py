"""Contests (技术比武 / 知识竞赛): a timed race among teams on one exam paper, with a live leaderboard.

`models` (a contest, its teams and its own paper), `schedule` (making one: the window, the teams,
the copied paper), `standings` (people and teams ranked, from the sittings), `access` (who sees
and makes them); `views` are the pages — list, form, leaderboard, the team-room screen and the
printable result — and `api` the JSON the screen polls. Workers sit a contest through quiz.taking's
ordinary exam pages; the standings reuse quiz.results' members and figures.
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the pages, the JSON board, the 竞赛 menu entry for trainers and the paper-window owner."""
    from core.auth import TRAINER_ROLES
    from core.web import add_nav_link
    from quiz.contests import api, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    # The contest owns its paper's window: the paper editor shows it read-only, linking here.
    app.extensions.setdefault("paper_window_owners", []).append(views.window_owner)
    add_nav_link(app, 44, "contests.index", "竞赛", TRAINER_ROLES, group="tasks")
