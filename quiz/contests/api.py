"""JSON for the leaderboard (/api/v1/contests/<id>/board), polled by the team-room screen.

Trainers only (401 without a session, 403 for a worker); a contest outside the caller's scope 404.
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask_login import current_user
from werkzeug.wrappers import Response

from core import clock
from quiz.contests import access
from quiz.contests.models import STATES
from quiz.contests.views import live_board
from quiz.results.api import _error, trainers_json
from quiz.results.views import plain

bp = Blueprint("contests_api", __name__, url_prefix="/api/v1/contests")


@bp.get("/<int:contest_id>/board")
@trainers_json
def board(contest_id: int) -> Response:
    contest = access.contest_for(current_user, contest_id)
    if contest is None:
        return _error("没有这个竞赛。", 404)
    standing = live_board(contest)
    return jsonify({
        "contest": {"id": contest.id, "title": contest.title,
                    "starts_at": clock.local(contest.starts_at).isoformat(timespec="minutes"),
                    "ends_at": clock.local(contest.ends_at).isoformat(timespec="minutes")},
        "state_label": STATES[standing.state], **plain(standing),
    })
