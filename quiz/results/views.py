"""Pages: the results index, team and unit dashboards, a worker's history and the item analysis.
Every page is for trainers, scoped by quiz.results.access (out of scope: 404)."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import datetime
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from accounts.models import Team, User
from accounts.scopes import can_view_user, visible_teams
from core import clock
from core.auth import TRAINER_ROLES, Role, role_required
from core.db import db, utcnow
from quiz.results import access, dashboard, items
from quiz.results.period import WITH_PRACTICE, Period, parse_period
from quiz.taking import access as paper_access
from quiz.taking import attempts
from quiz.taking.models import Paper

bp = Blueprint("results", __name__, url_prefix="/results")
trainers = role_required(*TRAINER_ROLES)
CHART_SPOTS = 12  # weakest categories drawn; the table lists them all
ITEMS_PER_PAGE = 100  # flagged questions come first


def plain(value: Any) -> Any:
    """Dataclasses, lists and times as JSON values (for the API and the pages' chart data)."""
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        return clock.stamp(value)
    return value


def chosen_period(practice: bool = False) -> Period:
    """The period in the query string (?from=…&to=…), by default the last eight weeks, and which
    sittings count (?sittings=practice: 含练习; ?sittings=exam: 仅考试; without it, 含练习 when `practice`)."""
    sittings = request.args.get("sittings") or (WITH_PRACTICE if practice else None)
    return parse_period(request.args.get("from"), request.args.get("to"), utcnow(), sittings)


class PaperNotFound(LookupError):
    """?paper= names no paper the viewer sees."""


def item_request() -> tuple[list[int] | None, Paper | None, Period]:
    """What the 试题分析 page and its API (/api/v1/results/items) are asked for, read one way for both: the
    teams in scope (?team=, ?unit=; None: everyone), the paper (?paper=; one the viewer does not see reads
    as a missing one) and the period — a practice paper's own sittings count unless 仅考试 is chosen.
    LookupError: a team or unit not found, PaperNotFound: the paper (404 both)."""
    scope = access.item_scope(current_user, request.args.get("team", type=int), request.args.get("unit", type=int))
    paper = None
    if request.args.get("paper"):
        paper = paper_access.seen_paper(current_user, request.args.get("paper", type=int) or 0)
        if paper is None:
            raise PaperNotFound(request.args["paper"])
    return scope, paper, chosen_period(practice=paper is not None and paper.mode == "practice")


@bp.get("/")
@trainers
def index() -> str | Response:
    """班组成绩: a team leader goes to the own team; others pick a unit or team."""
    teams = list(db.session.scalars(visible_teams(current_user)))
    if current_user.role == Role.TEAM_LEADER and len(teams) == 1:
        return redirect(url_for("results.team", team_id=teams[0].id, **request.args))
    return render_template("results/index.html", units=access.units_for(current_user), teams=teams,
                           period=chosen_period())


@bp.get("/teams/<int:team_id>")
@trainers
def team(team_id: int) -> str:
    team = access.team_for(current_user, team_id) or abort(404)
    period = chosen_period()
    board = dashboard.team_dashboard(team, period)
    charts = plain({"trend": board.trend, "bands": {"labels": dashboard.BANDS, "counts": board.distribution},
                    "spots": board.categories[:CHART_SPOTS], "party": board.party})
    return render_template("results/team.html", team=team, period=period, board=board, charts=charts,
                           unit=access.unit_for(current_user, team.unit_id))


@bp.get("/units/<int:unit_id>")
@trainers
def unit(unit_id: int) -> str:
    unit = access.unit_for(current_user, unit_id) or abort(404)
    period = chosen_period()
    board = dashboard.unit_dashboard(unit, access.teams_of(unit), period)
    charts = plain({"trend": board.trend, "bands": {"labels": dashboard.BANDS, "counts": board.distribution},
                    "spots": board.categories[:CHART_SPOTS], "teams": board.teams, "heatmap": board.heatmap})
    return render_template("results/unit.html", unit=unit, period=period, board=board, charts=charts)


@bp.get("/workers/<int:user_id>")
@trainers
def worker(user_id: int) -> str:
    """A worker's attempts in the period, with links to the exam answers the trainer may read."""
    person = db.session.get(User, user_id)
    if person is None or person.id == current_user.id or not can_view_user(current_user, person):
        abort(404)
    period = chosen_period()
    rows = dashboard.worker_attempts(person, period)
    team = access.team_for(current_user, person.team_id) if person.team_id else None
    charts = {"series": attempts.score_series([a for a in rows if a.mode == "exam"])}
    return render_template("results/worker.html", person=person, team=team, period=period, attempts=rows,
                           charts=charts)


@bp.get("/items")
@trainers
def item_analysis() -> str:
    """试题分析: facility, discrimination and option choices of the questions answered in the period's
    sittings (exams, or with practice), of one paper with ?paper= (a practice paper's own sittings count
    unless 仅考试 is chosen)."""
    team_id, unit_id = request.args.get("team", type=int), request.args.get("unit", type=int)
    try:
        scope, paper, period = item_request()
    except LookupError:
        abort(404)
    stats = items.analyse(scope, period, paper.id if paper else None, viewer=current_user)
    only_review = request.args.get("review") == "1"
    shown = [s for s in stats if s.review] if only_review else stats
    pages = max(1, -(-len(shown) // ITEMS_PER_PAGE))
    page = min(max(1, request.args.get("page", 1, type=int)), pages)
    teams = list(db.session.scalars(visible_teams(current_user).where(Team.active.is_(True))))
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "results/items.html", stats=shown[(page - 1) * ITEMS_PER_PAGE:page * ITEMS_PER_PAGE],
        total=len({s.question_id for s in stats}), flagged=len({s.question_id for s in stats if s.review}), period=period, teams=teams,
        units=access.units_for(current_user), team_id=team_id, unit_id=unit_id, only_review=only_review, paper=paper,
        min_answers=items.MIN_ANSWERS, page=page, pages=pages,
        url_for_page=lambda n: url_for("results.item_analysis", page=n, **args),
    )

