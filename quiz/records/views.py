"""Pages of 培训档案: the hours reports, offline sessions (一期一档), a person's file (一人一档), results
exports (.xlsx) and printable papers and result sheets. Trainers only, except a person's own file
(我的学时, /records/me): every team, unit, person, session and paper is checked against the
viewer's scope (out of scope: 404), and a worker's scope is himself."""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from accounts.forms import ConfirmForm
from accounts.models import Team, User, WorkUnit
from accounts.scopes import can_view_user, visible_teams, visible_users
from core import audit, clock, confirm
from core.auth import TRAINER_ROLES, role_required
from core.db import db, utcnow
from core.sheets import xlsx_download
from quiz.bank.models import QuestionVersion
from quiz.records import files, hours, workbooks
from quiz.records.forms import SessionForm
from quiz.records.models import TrainingSession
from quiz.results import access, dashboard
from quiz.results.period import Period, parse_period
from quiz.taking import access as paper_access
from quiz.taking import seal
from quiz.taking.models import Paper

bp = Blueprint("records", __name__, url_prefix="/records")
trainers = role_required(*TRAINER_ROLES)
FIRST_YEAR = 2000


def chosen_year() -> int:
    """?year=…, by default this local year."""
    this_year = clock.today().year
    year = request.args.get("year", type=int)
    return year if year and FIRST_YEAR <= year <= this_year + 1 else this_year


def chosen_period() -> Period:
    return parse_period(request.args.get("from"), request.args.get("to"), utcnow())


def xlsx(data: bytes, name: str) -> Response:
    """An .xlsx download named `name`, written to the audit log with the team, unit, person, session
    or paper of the route (its one id argument)."""
    (key, value), = (request.view_args or {"": ""}).items()
    audit.record_export(key.removesuffix("_id"), value, name)
    return xlsx_download(data, name)


def team_names() -> dict[int | None, str]:
    return {t.id: t.full_name for t in db.session.scalars(select(Team))}


def person_or_404(user_id: int) -> User:
    person = db.session.get(User, user_id)
    if person is None or not can_view_user(current_user, person):
        abort(404)
    return person


def session_or_404(session_id: int) -> TrainingSession:
    session = db.session.get(TrainingSession, session_id)
    if session is None or not files.can_view_session(current_user, session):
        abort(404)
    return session


def managed_session(session_id: int) -> TrainingSession:
    """The session to correct or delete: 404 out of scope, 403 when seen but not the viewer's to change."""
    session = session_or_404(session_id)
    if not files.manages_session(current_user, session):
        abort(403)
    return session


def paper_results_or_404(paper_id: int) -> tuple[Paper, list[files.ExamResult]]:
    paper = db.get_or_404(Paper, paper_id)
    people = list(db.session.scalars(visible_users(current_user)))
    results = files.paper_results(paper.id, people)
    if not paper_access.sees(current_user, paper):  # the one rule of every paper route
        abort(404)
    return paper, results


# ---------------------------------------------------------------- index and hours


@bp.get("/")
@trainers
def index() -> str:
    year = chosen_year()
    teams = list(db.session.scalars(visible_teams(current_user)))
    sessions = list(db.session.scalars(files.visible_sessions(current_user).limit(50)))
    return render_template("records/index.html", year=year, units=access.units_for(current_user), teams=teams,
                           sessions=sessions, years=range(clock.today().year, FIRST_YEAR - 1, -1)[:6])


def _hours_chart(report: hours.HoursReport) -> dict:
    return {"workers": [{"name": w.name, "exam": float(w.exam), "practice": float(w.practice),
                         "offline": float(w.offline), "required": float(w.requirement.hours)}
                        for w in sorted(report.workers, key=lambda w: w.username)]}


@bp.get("/hours/teams/<int:team_id>")
@trainers
def team_hours(team_id: int) -> str:
    team = access.team_for(current_user, team_id) or abort(404)
    year = chosen_year()
    report = hours.report([team.id], year)
    return render_template("records/hours.html", title=team.full_name, team=team, unit=None, year=year,
                           report=report, teams=[], names=team_names(), charts=_hours_chart(report),
                           rules=hours.RULES, export=url_for("records.team_hours_xlsx", team_id=team.id, year=year))


@bp.get("/hours/teams/<int:team_id>.xlsx")
@trainers
def team_hours_xlsx(team_id: int) -> Response:
    team = access.team_for(current_user, team_id) or abort(404)
    year = chosen_year()
    data = workbooks.hours_workbook(team.full_name, hours.report([team.id], year), team_names())
    return xlsx(data, f"学时统计_{team.unit.name}_{team.name}_{year}.xlsx")


def _unit_rows(unit: WorkUnit, report: hours.HoursReport) -> list[dict]:
    rows = []
    for team in access.teams_of(unit):
        mine = [w for w in report.workers if w.team_id == team.id]
        short = [w for w in mine if w.short > 0]
        rows.append({"id": team.id, "name": team.name, "members": len(mine), "met": len(mine) - len(short),
                     "short": len(short), "missing": float(sum((w.short for w in short), Decimal(0)))})
    return rows


@bp.get("/hours/units/<int:unit_id>")
@trainers
def unit_hours(unit_id: int) -> str:
    unit = access.unit_for(current_user, unit_id) or abort(404)
    year = chosen_year()
    report = hours.report([t.id for t in access.teams_of(unit)], year)
    rows = _unit_rows(unit, report)
    return render_template("records/hours.html", title=unit.name, team=None, unit=unit, year=year, report=report,
                           teams=rows, names=team_names(), charts={"teams": rows}, rules=hours.RULES,
                           export=url_for("records.unit_hours_xlsx", unit_id=unit.id, year=year))


@bp.get("/hours/units/<int:unit_id>.xlsx")
@trainers
def unit_hours_xlsx(unit_id: int) -> Response:
    unit = access.unit_for(current_user, unit_id) or abort(404)
    year = chosen_year()
    data = workbooks.hours_workbook(unit.name, hours.report([t.id for t in access.teams_of(unit)], year),
                                    team_names())
    return xlsx(data, f"学时统计_{unit.name}_{year}.xlsx")


# ---------------------------------------------------------------- 一人一档


def _person_page(found: User) -> str:
    year = chosen_year()
    return render_template("records/person.html", file=files.person_file(found, year), year=year,
                           sources=hours.SOURCES, minutes=workbooks.minutes,
                           own=found.id == current_user.id, trainer=current_user.role in TRAINER_ROLES)


@bp.get("/me")
@login_required
def mine() -> str:
    """我的学时: the signed-in person's own hours (study, practice, exams) against what the role
    needs, with the records behind them, printable; nobody else's."""
    return _person_page(current_user._get_current_object())


@bp.get("/people/<int:user_id>")
@login_required
def person(user_id: int) -> str:
    """一人一档: a trainer's view of a person in scope; a worker may open only his own."""
    return _person_page(person_or_404(user_id))


@bp.get("/people/<int:user_id>.xlsx")
@login_required
def person_xlsx(user_id: int) -> Response:
    found = person_or_404(user_id)
    year = chosen_year()
    return xlsx(workbooks.person_workbook(files.person_file(found, year)), f"一人一档_{found.username}_{found.name}_{year}.xlsx")


# ---------------------------------------------------------------- sessions (一期一档)


def _scope_choices() -> list[tuple[str, str]]:
    choices = [(f"u:{u.id}", f"{u.name}（全区队）") for u in access.units_for(current_user)]
    choices += [(f"t:{t.id}", t.full_name) for t in db.session.scalars(visible_teams(current_user).where(
        Team.active.is_(True)))]
    return choices


def _session_form(session: TrainingSession | None = None) -> SessionForm:
    form = SessionForm()
    form.scope.choices = _scope_choices()
    # The exams the trainer sees (quiz.taking.access), and the one the session already names.
    rows = db.session.scalars(select(Paper).where(Paper.mode == "exam", Paper.status != "draft")
                              .order_by(Paper.id.desc()))
    papers = [p for p in rows if (session is not None and p.id == session.paper_id)
              or paper_access.sees(current_user, p)][:200]
    form.paper_id.choices = [(0, "无"), *((p.id, p.title) for p in papers)]
    return form


def roster_text(session: TrainingSession) -> str:
    """A session's roster as the form's text: one 工号 a line, with 缺勤 or fewer hours after it."""
    lines = []
    for row in sorted(session.roster, key=lambda a: a.user.username):
        mark = "" if row.attended and row.hours == session.hours else (" 缺勤" if not row.attended else f" {row.hours}学时")
        lines.append(row.user.username + mark)
    return "\n".join(lines)


@bp.route("/sessions/new", methods=["GET", "POST"])
@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@trainers
def session_edit(session_id: int | None = None) -> str | Response:
    """Record a session, or correct one (its roster is replaced by the one submitted)."""
    session = managed_session(session_id) if session_id else None
    form = _session_form(session)
    if not form.is_submitted():
        if session is None:
            form.held_on.data = clock.today()
        else:
            form.process(obj=session)
            form.scope.data = f"t:{session.team_id}" if session.team_id else f"u:{session.unit_id}"
            form.paper_id.data = session.paper_id or 0
            form.roster.data = roster_text(session)
    if form.validate_on_submit():
        kind, _, raw_id = form.scope.data.partition(":")
        if kind == "t":
            team = access.team_for(current_user, int(raw_id)) or abort(404)
            unit_id, team_id = team.unit_id, team.id
        else:
            unit = access.unit_for(current_user, int(raw_id)) or abort(404)
            unit_id, team_id = unit.id, None
        if session is None:
            session = TrainingSession(created_by_id=current_user.id)
            db.session.add(session)
        session.title, session.kind, session.plan = form.title.data.strip(), form.kind.data, form.plan.data or ""
        session.held_on, session.hours = form.held_on.data, form.hours.data
        session.teacher, session.place = (form.teacher.data or "").strip(), (form.place.data or "").strip()
        session.unit_id, session.team_id, session.paper_id = unit_id, team_id, form.paper_id.data or None
        problems = files.take_roster(session, form.roster.data, current_user)
        if problems:
            db.session.rollback()
            form.roster.errors = list(form.roster.errors) + problems
        else:
            db.session.flush()
            audit.record("session.save", "session", session.id, ("新建 " if session_id is None else "修改 ")
                         + f"{session.held_on.isoformat()} {session.title}，名单{len(session.roster)}人")
            db.session.commit()
            flash(f"已保存：{session.title}，名单{len(session.roster)}人。", "success")
            return redirect(url_for("records.session_detail", session_id=session.id))
    # A failed 登记 saved nothing: the page stays the new-session page (the record built for it was rolled back).
    return render_template("records/session_form.html", form=form, session=session if session_id else None)


@bp.get("/sessions/<int:session_id>")
@trainers
def session_detail(session_id: int) -> str:
    session = session_or_404(session_id)
    return render_template("records/session.html", file=files.session_file(session, current_user), confirm=ConfirmForm(),
                           manages=files.manages_session(current_user, session))


@bp.get("/sessions/<int:session_id>.xlsx")
@trainers
def session_xlsx(session_id: int) -> Response:
    session = session_or_404(session_id)
    return xlsx(workbooks.session_workbook(files.session_file(session, current_user)),
                f"一期一档_{session.held_on.isoformat()}_{session.title}.xlsx")


@bp.post("/sessions/<int:session_id>/delete")
@trainers
def session_delete(session_id: int) -> Response | str:
    session = managed_session(session_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not confirm.confirmed():
        return confirm.ask_first(f"删除培训记录“{session.title}”", session_removal_consequences(session), "确认删除",
                                 back=url_for("records.session_detail", session_id=session.id))
    audit.record("session.remove", "session", session.id, f"{session.held_on.isoformat()} {session.title}")
    db.session.delete(session)
    db.session.commit()
    flash("已删除这期培训记录。", "success")
    return redirect(url_for("records.index"))


def session_removal_consequences(session: TrainingSession) -> list[str]:
    """What deleting a training session loses, for the confirmation step."""
    present = sum(1 for a in session.roster if a.attended)
    return [f"{session.held_on.isoformat()}“{session.title}”的记录将删除，无法恢复：培训内容、名单 {len(session.roster)} 人"
            f"（到课 {present} 人）及签到、学时一并删除。",
            f"到课人员的这 {float(session.hours):.1f} 学时不再计入个人培训档案和学时统计，一期一档也不再能导出。"]


# ---------------------------------------------------------------- results exports and print sheets


@bp.get("/results/papers/<int:paper_id>.xlsx")
@trainers
def paper_results_xlsx(paper_id: int) -> Response:
    paper, results = paper_results_or_404(paper_id)
    return xlsx(workbooks.results_workbook(paper.title, "您可查看的人员", results), f"成绩_{paper.title}.xlsx")


@bp.get("/results/teams/<int:team_id>.xlsx")
@trainers
def team_results_xlsx(team_id: int) -> Response:
    team = access.team_for(current_user, team_id) or abort(404)
    period = chosen_period()
    results = files.exam_results(hours.members([team.id]), period)
    return xlsx(workbooks.results_workbook(f"{team.full_name} 考试成绩", f"{period.start} 至 {period.end}", results,
                                           dashboard.team_dashboard(team, period)),
                f"成绩_{team.unit.name}_{team.name}_{period.start}_{period.end}.xlsx")


@bp.get("/results/workers/<int:user_id>.xlsx")
@trainers
def worker_results_xlsx(user_id: int) -> Response:
    found = person_or_404(user_id)
    period = chosen_period()
    results = files.exam_results([found], period)
    return xlsx(workbooks.results_workbook(f"{found.name}（{found.username}）考试成绩", f"{period.start} 至 {period.end}",
                                           results), f"成绩_{found.username}_{found.name}.xlsx")


@bp.get("/print/papers/<int:paper_id>")
@trainers
def print_paper(paper_id: int) -> str:
    """The paper as a printable sheet (a fixed paper's questions; ?key=1 adds the answers)."""
    paper, _results = paper_results_or_404(paper_id)
    versions = {v.id: v for v in db.session.scalars(
        select(QuestionVersion).where(QuestionVersion.id.in_([i.version_id for i in paper.items])))}
    # A 班组长 who must still sit an open exam holding these questions prints none of their keys (quiz.taking.seal).
    hidden = seal.keys_hidden(current_user, utcnow(), paper.id, (item.question_id for item in paper.items))
    return render_template("records/print_paper.html", paper=paper, with_key=request.args.get("key") == "1",
                           hidden=hidden, taker_note=seal.TAKER_NOTE,
                           questions=[(item, versions[item.version_id]) for item in paper.items],
                           today=clock.today())


@bp.get("/print/papers/<int:paper_id>/results")
@trainers
def print_paper_results(paper_id: int) -> str:
    paper, results = paper_results_or_404(paper_id)
    return render_template("records/print_results.html", paper=paper, results=results, minutes=workbooks.minutes,
                           passed=sum(1 for r in results if r.passed))
