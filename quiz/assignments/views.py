"""Pages and JSON: a trainer's assignments (list, new, one assignment's standings), the pre-shift
quiz (班前会), and a worker's 去完成. Every trainer page and endpoint checks the scope of the
assignment: one that reaches none of the trainer's teams answers 404, like a missing one."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from accounts.scopes import can_view_user
from core import audit, clock, confirm
from core.auth import TRAINER_ROLES, role_required
from core.db import db, utcnow
from core.fields import team_choices
from corpus import jobs
from corpus.hazards import SITES
from quiz.assignments import preshift, progress, service
from quiz.assignments.forms import AssignmentForm, PreshiftForm
from quiz.assignments.models import Assignment
from quiz.assignments.service import AssignmentError, Target
from quiz.bank import browse
from quiz.bank.forms import ConfirmForm
from quiz.bank.text import split_list
from quiz.results.api import trainers_json
from quiz.taking import access as paper_access
from quiz.taking import practice
from quiz.taking.attempts import AttemptError, start_or_resume
from quiz.taking.models import Paper

bp = Blueprint("assignments", __name__)
trainers = role_required(*TRAINER_ROLES)


def _scoped(assignment_id: int) -> Assignment:
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or not service.can_see(current_user, assignment):
        abort(404)
    return assignment


def _form() -> AssignmentForm:
    form = AssignmentForm()
    teams, units, jobs = service.targets_for(current_user)
    form.teams.choices = team_choices(teams, by_unit=bool(units))  # under their 区队 beside it
    form.units.choices = [(u.id, u.name) for u in units]
    form.allow_jobs = jobs
    published = [p for p in db.session.scalars(select(Paper).where(Paper.status == "published")
                                               .order_by(Paper.published_at.desc(), Paper.id.desc()))
                 if paper_access.sees(current_user, p)]
    form.paper.choices = [("", "—")] + [(p.id, f"{p.title}（{p.mode_label}）") for p in published]
    form.category.choices = [("", "全部分类")] + [(c.id, "　" * d + c.name) for c, d in browse.category_tree()]
    form.document.choices = [("", "全部文档")] + browse.cited_documents()
    form.job.choices = [("", "全部工种")] + [(j, j) for j in browse.job_names()]
    form.site.choices = [("", "全部场所")] + [(s, s) for s in SITES]
    if request.method == "GET" and request.args.get("paper", "").isdigit():
        form.paper.data = int(request.args["paper"])
    return form


@bp.get("/assignments")
@trainers
def index() -> str:
    """The trainer's assignments with their completion rates, a page at a time (still open ones first, then
    the most recent); the figures of a page take the same statements however many assignments it shows."""
    now = utcnow()
    query = service.visible_query(current_user)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = max(1, -(-total // progress.PAGE_SIZE))
    page = min(max(1, request.args.get("page", 1, type=int)), pages)
    shown = list(db.session.scalars(query.limit(progress.PAGE_SIZE).offset((page - 1) * progress.PAGE_SIZE)))
    rows = progress.counts_of(shown, now, keep=lambda person: can_view_user(current_user, person))
    labels = service.audience_labels(shown)
    return render_template("assignments/index.html", rows=rows, now=now, audience=lambda a: labels[a.id],
                           page=page, pages=pages, page_url=lambda n: url_for("assignments.index", page=n))


@bp.route("/assignments/new", methods=["GET", "POST"])
@trainers
def new() -> str | Response:
    form = _form()
    if form.validate_on_submit():
        now = utcnow()
        target = Target(tuple(form.teams.data or ()), tuple(form.units.data or ()),
                        tuple(split_list(form.jobs.data or "")))
        due = clock.to_utc(form.due_at.data)
        try:
            if form.kind.data == "paper":
                paper = db.session.get(Paper, form.paper.data) if form.paper.data else None
                if paper is None:
                    raise AssignmentError("请选择试卷。")
                assignment = service.assign_paper(paper, target, due, by=current_user, now=now,
                                                  title=form.title.data or "")
            else:
                f = practice.PracticeFilter(category_id=form.category.data, document_id=form.document.data,
                                            job=form.job.data or "", site=form.site.data or "",
                                            count=form.count.data or 10)
                assignment = service.assign_practice(f, form.title.data or "", target, due, by=current_user,
                                                     now=now)
            db.session.commit()
        except AssignmentError as exc:
            db.session.rollback()
            flash(str(exc), "danger")
        else:
            flash("已布置。", "success")
            for note in jobs.renamed_notes(target.jobs):  # saved under their canonical names (corpus.jobs.to_store)
                flash(f"{note}。", "info")
            return redirect(url_for("assignments.detail", assignment_id=assignment.id))
    return render_template("assignments/new.html", form=form)


def _standings(assignment: Assignment, now: datetime, team_id: int | None):
    progress.settle(assignment, now)
    db.session.commit()
    people = [p for p in service.members(assignment) if can_view_user(current_user, p)]
    teams = sorted({p.team for p in people if p.team}, key=lambda t: (t.unit_id, t.name))
    if team_id:
        people = [p for p in people if p.team_id == team_id]
    return progress.standings(assignment, now, people), teams


@bp.get("/assignments/<int:assignment_id>")
@trainers
def detail(assignment_id: int) -> str:
    """Everyone the assignment is for: done (score, passed), not done, failed, overdue; filter by team."""
    assignment = _scoped(assignment_id)
    now = utcnow()
    team_id = request.args.get("team", type=int)
    rows, teams = _standings(assignment, now, team_id)
    paper = db.session.get(Paper, assignment.paper_id) if assignment.paper_id else None
    return render_template(
        "assignments/detail.html", assignment=assignment, rows=rows, counts=progress.counts(rows, progress.graded(assignment)), teams=teams,
        team_id=team_id, paper=paper, now=now, audience=service.audience_label(assignment),
        practice=service.practice_filter(assignment) if assignment.kind == "practice" else None,
        confirm=ConfirmForm(), can_withdraw=service.can_withdraw(current_user, assignment),
    )


@bp.post("/assignments/<int:assignment_id>/withdraw")
@trainers
def withdraw(assignment_id: int) -> Response | str:
    """撤销: the one who assigned it (or an admin) takes it back; attempts already made stay, and the
    groups it added to the paper's audience lose the paper unless another assignment is for them."""
    assignment = _scoped(assignment_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not service.can_withdraw(current_user, assignment):
        abort(403)
    if not confirm.confirmed():
        return confirm.ask_first(f"撤销任务“{assignment.title}”", withdrawal_consequences(assignment), "确认撤销",
                                 back=url_for("assignments.detail", assignment_id=assignment.id))
    audit.record("assignment.withdraw", "assignment", assignment.id,
                 f"{assignment.title}（{service.audience_label(assignment)}）")
    service.withdraw(assignment)
    db.session.commit()
    flash("已撤销。", "success")
    return redirect(url_for("assignments.index"))


def withdrawal_consequences(assignment: Assignment) -> list[str]:
    """What withdrawing an assignment loses, for the confirmation step."""
    c = progress.counts(progress.standings(assignment, utcnow(), service.members(assignment)),
                        progress.graded(assignment))
    lines = [f"这项任务（{service.audience_label(assignment)}）将从任务列表中删除，无法恢复：{c.total} 人不再看到它，"
             f"其中已完成的 {c.finished} 人的完成情况也不再按这项任务显示。",
             "他们已交的答卷、练习记录和成绩都保留，仍可在成绩和错题本中查看。"]
    if assignment.paper_id and (paper := db.session.get(Paper, assignment.paper_id)) is not None:
        lines.append(f"试卷《{paper.title}》不再向这项任务加入的参加对象开放（原本就在试卷参加范围内的、"
                     "或另有任务布置了这份试卷的除外）。")
    return lines


@bp.get("/api/v1/assignments/<int:assignment_id>")
@trainers_json
def detail_json(assignment_id: int) -> Response:
    """The same standings and counts as JSON (?team= filters)."""
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or not service.can_see(current_user, assignment):
        response = jsonify({"error": "没有这项任务。"})
        response.status_code = 404
        return response
    now = utcnow()
    rows, _teams = _standings(assignment, now, request.args.get("team", type=int))
    c = progress.counts(rows, progress.graded(assignment))
    return jsonify({
        "id": assignment.id, "title": assignment.title, "kind": assignment.kind,
        "due_at": clock.stamp(assignment.due_at),
        "counts": {"total": c.total, "passed": c.passed, "failed": c.failed, "held": c.held, "done": c.done,
                   "in_progress": c.in_progress, "not_done": c.not_done, "overdue": c.overdue,
                   "finished": c.finished, "completion": c.completion, "graded": c.graded},
        "people": [{"user_id": r.user_id, "username": r.username, "name": r.name, "team_id": r.team_id,
                    "status": r.status, "late": r.late, "score": str(r.score) if r.score is not None else None,
                    "max_score": str(r.max_score) if r.max_score is not None else None, "percent": r.percent,
                    "attempts": r.attempts} for r in rows],
    })


@bp.post("/assignments/<int:assignment_id>/start")
@login_required
def start(assignment_id: int) -> Response:
    """去完成: start or resume the worker's sitting."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or not service.is_for(assignment, current_user):
        abort(404)
    try:
        attempt = start_or_resume(lambda: progress.start(assignment, current_user, utcnow()))
        db.session.commit()
    except AttemptError as exc:
        db.session.rollback()
        flash(str(exc), "warning")
        return redirect(url_for("accounts.home"))
    return redirect(url_for("taking.attempt", attempt_id=attempt.id))


def _preshift_form() -> PreshiftForm:
    form = PreshiftForm()
    teams, _units, _jobs = service.targets_for(current_user)
    form.team.choices = [(t.id, t.full_name) for t in teams]
    chosen = next((t for t in teams if t.id == (form.team.data or request.args.get("team", type=int))), None)
    chosen = chosen or next((t for t in teams if t.id == current_user.team_id), None) or (teams[0] if teams else None)
    form.team.data = chosen.id if chosen else None
    form.site.choices = [(s, s) for s in (preshift.team_sites(chosen) if chosen else SITES)]
    form.chosen = chosen
    return form


def _violated_articles(team_id: int) -> list[int]:
    """The articles the team's recent hidden-danger findings violated, when 隐患排查 is installed
    (it offers them through the app, so quiz never imports it)."""
    read = current_app.extensions.get("team_violations")
    return [v.article_id for v in read(team_id)] if read else []


@bp.route("/preshift", methods=["GET", "POST"])
@trainers
def preshift_page() -> str | Response:
    """班前会: one tap makes today's quiz for the team; below, today's quizzes and who has done them."""
    form = _preshift_form()
    now = utcnow()
    if request.method == "POST":
        if not form.validate_on_submit() or form.chosen is None:
            abort(400)
        if request.form.get("team", type=int) != form.chosen.id:
            abort(404)  # a team outside the caller's scope, like one that does not exist
        team = form.chosen
        try:
            assignment = preshift.create(team, form.site.data, by=current_user, now=now,
                                         violated=_violated_articles(team.id))
            db.session.commit()
        except AssignmentError as exc:
            db.session.rollback()
            flash(str(exc), "danger")
            return redirect(url_for("assignments.preshift_page", team=team.id))
        return redirect(url_for("assignments.detail", assignment_id=assignment.id))
    today = []
    if form.chosen is not None:
        today = progress.counts_of(list(preshift.today_for(form.chosen, now)), now)
    return render_template("assignments/preshift.html", form=form, today=today)


def home_due() -> list[progress.Due]:
    """The worker's home page: what is due, nearest deadline first."""
    return progress.due_for(current_user, utcnow())
