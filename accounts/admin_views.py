"""Admin pages: people, 区队 and 班组, and roster import with a preview."""

from __future__ import annotations

import base64
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from accounts import roster_uploads, signin, usernames
from accounts.admins import LAST_ADMIN_MESSAGE, leaves_no_admin
from accounts.forms import ConfirmForm, MineForm, PersonForm, RosterUploadForm, TeamForm, UnitForm
from accounts.mine import MineNameError, get_or_create_mine, rename_mine
from accounts.models import Team, User, WorkUnit
from accounts.passwords import generate_password, set_password
from accounts.people_filter import STATUSES, PeopleFilter
from accounts.placement import team_problem
from core import audit, clock, confirm
from core.auth import ROLE_LABELS, admin_required
from core.db import db, utcnow
from core.sheets import SheetError
from corpus import jobs

bp = Blueprint("admin", __name__, url_prefix="/admin")
PEOPLE_PER_PAGE = 50


def _team_choices(current: Team | None = None) -> list[tuple[int, str]]:
    """The active teams, and the person's current one even when deactivated (marked so), so that
    saving the form keeps it unless the admin picks another."""
    teams = list(db.session.scalars(select(Team).join(WorkUnit).where(Team.active)
                                    .order_by(WorkUnit.name, Team.name)))
    choices = [(0, "（无）")] + [(t.id, t.full_name) for t in teams]
    if current is not None and not current.active:
        choices.insert(1, (current.id, f"{current.full_name}（已停用）"))
    return choices


@bp.get("/people")
@admin_required
def people():
    wanted = PeopleFilter.from_args(request.args)
    total = db.session.scalar(select(func.count()).select_from(wanted.query().subquery()))
    pages = max(-(-total // PEOPLE_PER_PAGE), 1)
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    members = db.session.scalars(wanted.query().limit(PEOPLE_PER_PAGE).offset((page - 1) * PEOPLE_PER_PAGE)).all()
    locked = signin.locked_usernames(signin.LockoutPolicy.from_config(current_app.config), utcnow())
    units = get_or_create_mine().units
    return render_template("accounts/admin_people.html", people=members, locked=locked, action_form=ConfirmForm(),
                           wanted=wanted, total=total, page=page, pages=pages, units=units,
                           teams=[t for u in units for t in u.teams], roles=ROLE_LABELS, statuses=STATUSES,
                           page_url=lambda n: url_for("admin.people", page=n, **wanted.args()))


@bp.route("/people/new", methods=["GET", "POST"])
@bp.route("/people/<int:user_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_person(user_id: int | None = None):
    member = db.get_or_404(User, user_id) if user_id else None
    form = PersonForm(obj=member)
    form.team_id.choices = _team_choices(member.team if member is not None else None)
    if member is not None and not form.is_submitted():
        form.team_id.data = member.team_id or 0
    if form.validate_on_submit():
        # Unchanged, a 工号 stays savable even beside an old one differing only in case (usernames).
        kept = member is not None and form.username.data == member.username
        clash = None if kept else usernames.case_clash(form.username.data, exclude=member)
        if clash is not None:
            form.username.errors.append(usernames.clash_message(form.username.data, clash))
        elif member is not None and leaves_no_admin(member, role=form.role.data, active=member.active):
            form.role.errors.append(LAST_ADMIN_MESSAGE)
        elif problem := team_problem(form.role.data, bool(form.team_id.data)):
            form.team_id.errors.append(problem)
        else:
            password, old_role = None, member.role if member is not None else None
            before = _person_fields(member) if member is not None else None
            if member is None:
                member = User()
                db.session.add(member)
                password = generate_password()
                set_password(member, password, must_change=True)
            member.username, member.name = form.username.data, form.name.data.strip()
            member.team_id = form.team_id.data or None
            member.job = jobs.to_store(form.job.data)  # 液压支架工 saved as 支架工, as the roster saves it
            member.party_member, member.role = form.party_member.data, form.role.data
            member.special_operations, member.started_on = form.special_operations.data, form.started_on.data
            db.session.flush()
            if password:
                team = db.session.get(Team, member.team_id) if member.team_id else None
                audit.record("user.create", "user", member.id, f"{member.name}（{member.username}），{member.role_label}"
                             + (f"，{team.full_name}" if team else "") + (f"，{member.job}" if member.job else ""))
            elif changed := audit.changes(*(
                    (label, old, new) for (label, old), (_, new) in zip(before, _person_fields(member), strict=True))):
                # One entry a save: a change of role (变更角色) with whatever else changed beside it.
                audit.record("user.role" if old_role != member.role else "user.edit", "user", member.id,
                             f"{member.name}（{member.username}）：{changed}")
            db.session.commit()
            if password:
                flash(f"已添加 {member.name}（工号 {member.username}），初始密码：{password}。首次登录须修改。", "success")
            else:
                flash(f"已保存 {member.name}。", "success")
            for note in jobs.renamed_notes([form.job.data]):
                flash(f"{note}（本矿通用的工种名称）。", "info")
            return redirect(url_for("admin.people"))
    locked = None
    if member is not None:
        policy = signin.LockoutPolicy.from_config(current_app.config)
        locked = signin.account_locked_until(member.username, policy, utcnow())
    return render_template("accounts/admin_person_form.html", form=form, person=member, locked_until=locked,
                           failures=signin.failure_count(member.username) if member else 0,
                           action_form=ConfirmForm())


def _person_fields(member: User) -> list[tuple[str, object]]:
    """What the person form changes, as (label, shown value), for the audit log's before → after."""
    team = db.session.get(Team, member.team_id) if member.team_id else None
    return [("工号", member.username), ("姓名", member.name), ("班组", team.full_name if team else None),
            ("工种", member.job), ("党员", bool(member.party_member)), ("角色", ROLE_LABELS.get(member.role, member.role)),
            ("特种作业人员", bool(member.special_operations)),
            ("上岗日期", member.started_on.isoformat() if member.started_on else None)]


@bp.post("/people/<int:user_id>/toggle")
@admin_required
def toggle_person(user_id: int):
    member = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if member.id == current_user.id:
        flash("不能停用自己的账号。", "danger")
        return redirect(url_for("admin.people"))
    if leaves_no_admin(member, role=member.role, active=not member.active):
        flash(LAST_ADMIN_MESSAGE, "danger")
        return redirect(url_for("admin.people"))
    if member.active and not confirm.confirmed():
        return confirm.ask_first(f"停用 {member.name} 的账号", [
            f"{member.name}（工号 {member.username}）将无法登录，已登录的设备会立即退出（以后再启用也须重新登录）。",
            "其考试成绩、培训档案等记录都保留；停用期间不计入班组的统计。",
            "以后可在人员管理中随时启用。",
        ], "确认停用", back=url_for("admin.people"))
    member.active = not member.active
    if not member.active:
        member.end_sessions()  # for good, as a password reset does: enabling again needs a new sign-in
    audit.record("user.active", "user", member.id, f"{'启用' if member.active else '停用'} {member.name}（{member.username}）")
    db.session.commit()
    flash(f"已{'启用' if member.active else '停用'} {member.name}。", "success")
    return redirect(url_for("admin.people"))


@bp.post("/people/<int:user_id>/reset-password")
@admin_required
def reset_password(user_id: int):
    member = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not confirm.confirmed():
        return confirm.ask_first(f"重置 {member.name} 的密码", [
            f"{member.name}（工号 {member.username}）的现用密码立即失效，已登录的设备会退出。",
            "系统生成新的初始密码，只在下一页显示一次，请转告本人；本人首次登录须修改。",
        ], "确认重置", back=url_for("admin.people"))
    password = generate_password()
    set_password(member, password, must_change=True)  # also signs the person out everywhere
    audit.record("user.password", "user", member.id, f"{member.name}（{member.username}）")
    db.session.commit()
    flash(f"{member.name} 的新初始密码：{password}。首次登录须修改。", "success")
    return redirect(url_for("admin.people"))


@bp.post("/people/<int:user_id>/unlock")
@admin_required
def unlock_person(user_id: int):
    """Lift a sign-in lock at once (e.g. a worker who mistyped and cannot wait 15 minutes)."""
    member = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    signin.unlock(member.username)
    audit.record("user.unlock", "user", member.id, f"{member.name}（{member.username}）")
    db.session.commit()
    flash(f"已解除 {member.name}（工号 {member.username}）的登录锁定。", "success")
    return redirect(url_for("admin.edit_person", user_id=member.id))


@bp.route("/teams", methods=["GET", "POST"])
@admin_required
def teams():
    mine = get_or_create_mine()
    unit_form, team_form = UnitForm(prefix="unit"), TeamForm(prefix="team")
    mine_form = MineForm(prefix="mine", data={"name": mine.name})
    team_form.unit_id.choices = [(u.id, u.name) for u in mine.units if u.active]
    if mine_form.submit.data and mine_form.validate_on_submit():
        try:
            rename_mine(mine_form.name.data)
        except MineNameError as exc:
            mine_form.name.errors.append(str(exc))
        else:
            db.session.commit()
            flash(f"矿名已改为 {mine.name}。", "success")
            return redirect(url_for("admin.teams"))
    if unit_form.submit.data and unit_form.validate_on_submit():
        if any(u.name == unit_form.name.data.strip() for u in mine.units):
            flash("该区队已存在。", "danger")
        else:
            unit = WorkUnit(mine=mine, name=unit_form.name.data.strip())
            db.session.add(unit)
            db.session.flush()
            audit.record("unit.create", "unit", unit.id, unit.name)
            db.session.commit()
            flash("区队已添加。", "success")
        return redirect(url_for("admin.teams"))
    if team_form.submit.data and team_form.validate_on_submit():
        unit = db.get_or_404(WorkUnit, team_form.unit_id.data)
        if any(t.name == team_form.name.data.strip() for t in unit.teams):
            flash("该区队下已有同名班组。", "danger")
        else:
            team = Team(unit=unit, name=team_form.name.data.strip())
            db.session.add(team)
            db.session.flush()
            audit.record("team.create", "team", team.id, team.full_name)
            db.session.commit()
            flash("班组已添加。", "success")
        return redirect(url_for("admin.teams"))
    return render_template("accounts/admin_teams.html", mine=mine, mine_form=mine_form, unit_form=unit_form,
                           team_form=team_form, action_form=ConfirmForm())


@bp.route("/teams/<int:team_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_team(team_id: int):
    team = db.get_or_404(Team, team_id)
    form = TeamForm(obj=team)
    form.unit_id.choices = [(u.id, u.name) for u in team.unit.mine.units if u.active or u is team.unit]
    if form.validate_on_submit():
        name = form.name.data.strip()
        clash = db.session.scalar(select(Team).where(Team.unit_id == form.unit_id.data, Team.name == name))
        if clash is not None and clash is not team:
            form.name.errors.append("该区队下已有同名班组。")
        else:
            before = team.full_name
            team.unit_id, team.name = form.unit_id.data, name
            db.session.flush()
            db.session.expire(team, ["unit"])  # the 区队 may have changed
            if team.full_name != before:
                audit.record("team.edit", "team", team.id, f"{before} → {team.full_name}")
            db.session.commit()
            flash(f"班组已改为 {team.full_name}。", "success")
            return redirect(url_for("admin.teams"))
    return render_template("accounts/admin_team_form.html", form=form, team=team)


@bp.post("/teams/<int:team_id>/toggle")
@admin_required
def toggle_team(team_id: int):
    team = db.get_or_404(Team, team_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not team.active and not team.unit.active:
        flash(f"区队 {team.unit.name} 已停用，请先启用区队，再启用其下的班组。", "danger")
        return redirect(url_for("admin.teams"))
    members = team.crew  # the people the teams page counts (active, not staff placed here)
    if team.active and members and not confirm.confirmed():
        return confirm.ask_first(f"停用班组 {team.full_name}", team_deactivation_consequences(team, members),
                                 "确认停用", back=url_for("admin.teams"))
    team.active = not team.active
    audit.record("team.active", "team", team.id, f"{'启用' if team.active else '停用'}班组 {team.full_name}")
    db.session.commit()
    flash(f"已{'启用' if team.active else '停用'}班组 {team.full_name}。", "success")
    return redirect(url_for("admin.teams"))


def team_deactivation_consequences(team: Team, members: list[User]) -> list[str]:
    """What deactivating a team that still has members means for them, for the confirmation step."""
    names = "、".join(m.name for m in members[:10]) + ("等" if len(members) > 10 else "")
    return [
        f"{team.full_name} 还有 {len(members)} 名在用人员：{names}。",
        "停用后他们仍属于该班组（不会被移出），但班组成绩、培训档案、布置任务、竞赛等处不再列出该班组，"
        "他们的学习也不再按班组统计。",
        "如需他们继续随班组学习，请先在人员管理中把他们调到其他班组，再停用。",
    ]


@bp.route("/units/<int:unit_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_unit(unit_id: int):
    unit = db.get_or_404(WorkUnit, unit_id)
    form = UnitForm(obj=unit)
    form.submit.label.text = "保存"
    if form.validate_on_submit():
        name, old = form.name.data.strip(), unit.name
        clash = db.session.scalar(select(WorkUnit).where(WorkUnit.mine_id == unit.mine_id, WorkUnit.name == name))
        if clash is not None and clash is not unit:
            form.name.errors.append("该区队已存在。")
        else:
            unit.name = name
            if name != old:
                audit.record("unit.edit", "unit", unit.id, f"{old} → {name}")
            db.session.commit()
            flash(f"区队已改为 {unit.name}。", "success")
            return redirect(url_for("admin.teams"))
    return render_template("accounts/admin_unit_form.html", form=form, unit=unit)


@bp.post("/units/<int:unit_id>/toggle")
@admin_required
def toggle_unit(unit_id: int):
    """Deactivate a 区队 — with its active 班组, after the confirmation step that names them and
    their people (as a 班组's own deactivation asks) — or enable it again (its 班组 one by one)."""
    unit = db.get_or_404(WorkUnit, unit_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    active_teams = [t for t in unit.teams if t.active]
    if unit.active and active_teams and not confirm.confirmed():
        return confirm.ask_first(f"停用区队 {unit.name}", unit_deactivation_consequences(unit, active_teams),
                                 "确认停用", back=url_for("admin.teams"))
    unit.active = not unit.active
    if not unit.active:
        for team in active_teams:
            team.active = False
            audit.record("team.active", "team", team.id, f"停用班组 {team.full_name}（随区队停用）")
    audit.record("unit.active", "unit", unit.id, f"{'启用' if unit.active else '停用'}区队 {unit.name}")
    db.session.commit()
    if unit.active:
        flash(f"已启用区队 {unit.name}。其下的班组仍为停用，需要的请逐个启用。", "success")
    else:
        flash(f"已停用区队 {unit.name}" + (f"及其 {len(active_teams)} 个班组。" if active_teams else "。"), "success")
    return redirect(url_for("admin.teams"))


def unit_deactivation_consequences(unit: WorkUnit, teams: list[Team]) -> list[str]:
    """What deactivating a 区队 with active 班组 means, for the confirmation step."""
    people = sum(len(t.crew) for t in teams)
    listed = "、".join(f"{t.name}（{len(t.crew)} 人）" for t in teams)
    return [
        f"{unit.name} 下还有 {len(teams)} 个在用班组：{listed}，共 {people} 名在用人员。",
        "停用区队会同时停用这些班组；人员仍属于原班组（不会被移出），但班组成绩、培训档案、布置任务、竞赛等处"
        "不再列出它们。",
        "如需这些人员继续随班组学习，请先在人员管理中把他们调到其他区队的班组，再停用。",
    ]


def _uploads() -> Path:
    return current_app.config["DATA_DIR"] / "uploads"


@bp.route("/roster", methods=["GET", "POST"])
@admin_required
def roster_upload():
    form = RosterUploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        token = roster_uploads.keep(_uploads(), upload.filename, upload.save)
        return redirect(url_for("admin.roster_preview", token=token, create=int(form.create_teams.data)))
    return render_template("accounts/roster_upload.html", form=form)


def _pending(token: str) -> Path:
    """The roster waiting under `token`: 400 for a malformed token, 410 once imported (its passwords were
    shown), 404 when there is none."""
    try:
        return roster_uploads.pending(_uploads(), token)
    except roster_uploads.BadToken:
        abort(400)
    except roster_uploads.AlreadyImported:
        abort(Response(render_template("accounts/roster_shown.html"), status=410))
    except roster_uploads.UploadMissing:
        abort(404)


@bp.route("/roster/<token>", methods=["GET", "POST"])
@admin_required
def roster_preview(token: str):
    path = _pending(token)
    create = request.args.get("create") == "1"
    form = ConfirmForm()
    try:
        preview = roster_uploads.preview(path, create_teams=create, actor=current_user._get_current_object())
    except SheetError as exc:
        flash(str(exc), "danger")
        return redirect(url_for("admin.roster_upload"))
    report = preview.report
    if preview.importable and form.validate_on_submit():
        db.session.commit()
        roster_uploads.imported(path)
        flash(f"导入完成：新增 {len(report.created)} 人，更新 {len(report.updated)} 人，"
              f"{len(report.errors)} 行有错误未导入。", "success")
        newcomers = roster_uploads.newcomers(report.passwords)
        return render_template("accounts/roster_done.html", report=report, newcomers=newcomers,
                               workbook=base64.b64encode(roster_uploads.newcomers_workbook(newcomers)).decode("ascii"),
                               workbook_name=f"花名册导入初始密码_{clock.today().isoformat()}.xlsx")
    db.session.rollback()  # a preview changes nothing
    return render_template("accounts/roster_preview.html", report=report, form=form, token=token, create=create,
                           header=preview.header, importable=preview.importable)
