"""JSON for the dashboards (/api/v1/results/…): the same figures the pages show.

Trainers only (a worker gets 403 JSON, no session 401); a team or unit outside the caller's
scope answers 404 like one that does not exist. ?from=YYYY-MM-DD&to=YYYY-MM-DD picks the period,
?sittings=practice counts practice beside exams, ?paper= narrows the item analysis to one paper.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, jsonify
from flask_login import current_user
from werkzeug.wrappers import Response

from accounts.models import User
from accounts.scopes import can_view_user
from core import clock
from core.auth import TRAINER_ROLES
from core.db import db
from quiz.results import access, dashboard, items
from quiz.results.views import PaperNotFound, chosen_period, item_request, plain

bp = Blueprint("results_api", __name__, url_prefix="/api/v1/results")


def _error(message: str, status: int) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response


def trainers_json(view: Callable) -> Callable:
    """Guard: signed in (401) and a trainer (403), as JSON."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any):
        if not current_user.is_authenticated:
            return _error("请先登录。", 401)
        if current_user.must_change_password:
            return _error("请先修改初始密码。", 403)
        if current_user.role not in {r.value for r in TRAINER_ROLES}:
            return _error("只有班组长、培训员和管理员可以查看成绩统计。", 403)
        return view(*args, **kwargs)

    return wrapped


def _period_json() -> dict[str, str]:
    return chosen_period().args()


@bp.get("/teams/<int:team_id>")
@trainers_json
def team(team_id: int) -> Response:
    team = access.team_for(current_user, team_id)
    if team is None:
        return _error("没有这个班组。", 404)
    board = dashboard.team_dashboard(team, chosen_period())
    return jsonify({"team": {"id": team.id, "name": team.name, "unit": team.unit.name},
                    "period": _period_json(), "bands": list(dashboard.BANDS), **plain(board)})


@bp.get("/units/<int:unit_id>")
@trainers_json
def unit(unit_id: int) -> Response:
    unit = access.unit_for(current_user, unit_id)
    if unit is None:
        return _error("没有这个区队。", 404)
    board = dashboard.unit_dashboard(unit, access.teams_of(unit), chosen_period())
    return jsonify({"unit": {"id": unit.id, "name": unit.name}, "period": _period_json(),
                    "bands": list(dashboard.BANDS), **plain(board)})


@bp.get("/workers/<int:user_id>")
@trainers_json
def worker(user_id: int) -> Response:
    person = db.session.get(User, user_id)
    if person is None or person.id == current_user.id or not can_view_user(current_user, person):
        return _error("没有这个人。", 404)
    rows = dashboard.worker_attempts(person, chosen_period())
    return jsonify({
        "worker": {"id": person.id, "username": person.username, "name": person.name},
        "period": _period_json(),
        "attempts": [{"id": a.id, "paper_id": a.paper_id, "title": a.title, "mode": a.mode, "status": a.status,
                      "started_at": clock.stamp(a.started_at),
                      "score": str(a.score) if a.score is not None else None, "max_score": str(a.max_score),
                      "passed": a.passed} for a in rows],
    })


@bp.get("/items")
@trainers_json
def item_analysis() -> Response:
    try:  # as the page reads it: a practice paper counts its own sittings (含练习)
        scope, paper, period = item_request()
    except PaperNotFound:  # one the viewer does not see reads as a missing one
        return _error("没有找到这份试卷。", 404)
    except LookupError:
        return _error("没有这个班组或区队。", 404)
    stats = items.analyse(scope, period, paper.id if paper else None, viewer=current_user)
    return jsonify({"period": period.args(), "min_answers": items.MIN_ANSWERS,
                    "items": [{**plain(s), "review": s.review} for s in stats]})
