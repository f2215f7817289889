"""Pages: the contest list, making a contest, its leaderboard, the team-room screen and the printable result.

Trainers only; a contest outside the viewer's scope answers 404 (quiz.contests.access).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from core import audit, clock, confirm
from core.auth import TRAINER_ROLES, Role, role_required
from core.db import db, utcnow
from core.fields import team_choices
from quiz.contests import access, schedule, standings
from quiz.contests.forms import ConfirmForm, ContestForm, ContestTimesForm
from quiz.contests.models import STATES, Contest
from quiz.taking.scoring import points_text

bp = Blueprint("contests", __name__, url_prefix="/contests")
trainers = role_required(*TRAINER_ROLES)
organisers = role_required(*access.ORGANISERS)
SCREEN_REFRESH_SECONDS = 10
LEAK = ("注意：原试卷《{title}》已发布且对参赛班组的职工开放，他们可以通过它做同样的题（并看到成绩）。"
        "如不希望这样，可停用原试卷，或改用一份未发布的试卷新建竞赛。")
# The empty list in the viewer's terms (access.visible_contests: the mine's, the 区队's, the 班组's).
NONE_SEEN = {Role.ADMIN.value: "本矿还没有竞赛。", Role.UNIT_TRAINER.value: "还没有与您的区队有关的竞赛。",
             Role.TEAM_LEADER.value: "还没有与您的班组有关的竞赛。"}


def window_owner(paper_id: int) -> tuple[str, str] | None:
    """The contest whose paper this is, as (label, link): it owns the paper's time window (see
    quiz.taking.views.window_owner, which the paper editor asks)."""
    contest = schedule.contest_of_paper(paper_id)
    if contest is None:
        return None
    return f"竞赛“{contest.title}”", url_for("contests.detail", contest_id=contest.id)


def _contest(contest_id: int) -> Contest:
    return access.contest_for(current_user, contest_id) or abort(404)


def live_board(contest: Contest) -> standings.Board:
    """The standings now, closing first the sittings whose time ran out (a write only when some did)."""
    board, closed = standings.live(contest, utcnow())
    if closed:
        db.session.commit()
    return board


@bp.get("/")
@trainers
def index() -> str:
    rows = access.visible_contests(current_user)
    return render_template("contests/index.html", contests=rows, now=utcnow(), states=STATES,
                           may_organise=access.may_organise(current_user),
                           empty=NONE_SEEN.get(current_user.role, NONE_SEEN[Role.TEAM_LEADER.value]))


@bp.route("/new", methods=["GET", "POST"])
@organisers
def new() -> str | Response:
    form = ContestForm()
    exams = schedule.exams_for(current_user)
    teams = access.teams_to_choose(current_user)
    form.paper.choices = [(p.id, f"{p.title}（{p.status_label}，{p.question_count} 题，满分 {points_text(p.total_points)}）")
                          for p in exams]
    form.teams.choices = team_choices(teams)
    if form.validate_on_submit():
        title, top_n, now = form.title.data or "", form.top_n.data or 0, utcnow()
        source = next((p for p in exams if p.id == form.paper.data), None)
        starts_at, ends_at = clock.to_utc(form.starts_at.data), clock.to_utc(form.ends_at.data)
        try:
            chosen = schedule.pick_teams(teams, form.teams.data or [])
            lone = None if confirm.confirmed() else schedule.lone_team(title, source, chosen, starts_at, ends_at,
                                                                       top_n, now)
            if lone is not None:
                return confirm.ask_first("只有一个参赛班组", [
                    f"只选了“{lone.full_name}”一个班组：班组排名只有一行，这场竞赛实际是班组内的个人比武。",
                    "要在班组之间比较，请返回多选几个班组；竞赛创建后不能再改参赛班组。"],
                    "仍然创建", back=url_for("contests.new"))
            contest = schedule.create(title, source, chosen, starts_at, ends_at, top_n, current_user, now,
                                      time_limit_minutes=form.time_limit_minutes.data)
        except schedule.ContestError as exc:
            db.session.rollback()
            flash(str(exc), "danger")
        else:
            audit.record("contest.create", "contest", contest.id, contest.title)
            db.session.commit()
            flash("竞赛已创建：参赛班组的职工在开始时间后即可在“考试练习”中参加。", "success")
            if schedule.leaks(source, chosen):
                flash(LEAK.format(title=source.title), "warning")
            return redirect(url_for("contests.detail", contest_id=contest.id))
    return render_template("contests/form.html", form=form, no_paper=not exams)


@bp.get("/<int:contest_id>")
@trainers
def detail(contest_id: int) -> str:
    contest = _contest(contest_id)
    board = live_board(contest)
    return render_template("contests/detail.html", contest=contest, board=board, states=STATES,
                           teams=_team_names(contest), may_manage=access.may_manage(current_user, contest),
                           cancel_form=ConfirmForm(), open_source=schedule.open_source(contest), leak=LEAK)


def _managed(contest_id: int) -> Contest:
    """The contest, if the viewer may change it: 404 when he cannot see it, 403 when he may not change it."""
    contest = _contest(contest_id)
    if not access.may_manage(current_user, contest):
        abort(403)
    return contest


@bp.route("/<int:contest_id>/edit", methods=["GET", "POST"])
@trainers
def edit(contest_id: int) -> str | Response:
    """Change the start (before it starts) and end time (not before now)."""
    contest = _managed(contest_id)
    now = utcnow()
    state = contest.state(now)
    form = ContestTimesForm()
    if request.method == "GET":
        form.starts_at.data, form.ends_at.data = clock.local(contest.starts_at), clock.local(contest.ends_at)
    if state == "running":
        form.starts_at.render_kw = {"readonly": True}
    if form.validate_on_submit():
        before = f"{clock.shown(contest.starts_at)} 至 {clock.shown(contest.ends_at)}"
        try:
            schedule.retime(contest, clock.to_utc(form.starts_at.data), clock.to_utc(form.ends_at.data), now)
        except schedule.ContestError as exc:
            db.session.rollback()
            flash(str(exc), "danger")
        else:
            after = f"{clock.shown(contest.starts_at)} 至 {clock.shown(contest.ends_at)}"
            audit.record("contest.edit", "contest", contest.id, f"{contest.title}：时间 {before} → {after}")
            db.session.commit()
            flash("竞赛时间已修改。", "success")
            return redirect(url_for("contests.detail", contest_id=contest.id))
    return render_template("contests/edit.html", form=form, contest=contest, state=state, states=STATES)


@bp.post("/<int:contest_id>/cancel")
@trainers
def cancel(contest_id: int) -> str | Response:
    """取消竞赛, after a confirmation: its paper is stopped; the answers given are kept."""
    contest = _managed(contest_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = url_for("contests.detail", contest_id=contest.id)
    if not confirm.confirmed():
        return confirm.ask_first(f"取消竞赛“{contest.title}”", schedule.cancel_consequences(contest), "确认取消竞赛",
                                 back=back)
    try:
        schedule.cancel(contest, utcnow())
    except schedule.ContestError as exc:
        flash(str(exc), "danger")
        return redirect(back)
    audit.record("contest.cancel", "contest", contest.id, contest.title)
    db.session.commit()
    flash("竞赛已取消。", "success")
    return redirect(back)


@bp.get("/<int:contest_id>/screen")
@trainers
def screen(contest_id: int) -> str:
    """The team-room screen: full-screen, large type, refreshed by static/js/contest.js from the JSON board."""
    contest = _contest(contest_id)
    return render_template("contests/screen.html", contest=contest, board=live_board(contest), states=STATES,
                           refresh=SCREEN_REFRESH_SECONDS)


@bp.get("/<int:contest_id>/print")
@trainers
def print_view(contest_id: int) -> str:
    """The result sheet, laid out for paper."""
    contest = _contest(contest_id)
    return render_template("contests/print.html", contest=contest, board=live_board(contest), states=STATES,
                           printed_at=utcnow(), teams=_team_names(contest))


def _team_names(contest: Contest) -> str:
    return "、".join(t.full_name for t in schedule.teams_of(contest))
