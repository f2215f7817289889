"""Pages of 隐患排查: enter findings (paste or ledger), see them with their 依据, edit, export."""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from accounts.models import Team
from accounts.scopes import visible_teams
from core import audit, clock
from core.auth import trainer_required
from core.db import db
from core.sheets import SheetError
from inspections import service
from inspections.forms import MAX_LEDGER_BYTES, NO_BASIS, BasisForm, FindingsForm
from inspections.models import Finding, InspectionBatch
from inspections.ranking import rank
from kb import knowledge_base

bp = Blueprint("inspections", __name__, url_prefix="/inspections")
PAGE = 200


def _teams() -> list[Team]:
    return list(db.session.scalars(visible_teams(current_user)).all())


@bp.route("/", methods=["GET", "POST"])
@trainer_required
def index():
    """The form to enter findings, and the visible findings (newest first, by team)."""
    teams = _teams()
    form = FindingsForm()
    form.team_id.choices = [(t.id, t.full_name) for t in teams]
    if request.method == "GET" and form.found_on.data is None:
        form.found_on.data = clock.today()
    if form.validate_on_submit():
        team = next((t for t in teams if t.id == form.team_id.data), None)
        upload = form.sheet.data
        errors: list[tuple[int, str]] = []
        source = "粘贴"
        if upload and upload.filename:
            data = upload.read(MAX_LEDGER_BYTES + 1)
            if len(data) > MAX_LEDGER_BYTES:
                form.sheet.errors.append("文件超过 5 MB，请拆分后上传。")
                return _index_page(form, 400)
            try:
                entries, errors = service.read_ledger(upload.filename, data)
            except SheetError as exc:
                form.sheet.errors.append(str(exc))
                return _index_page(form, 400)
            source = upload.filename
        else:
            entries = service.parse_lines(form.lines.data or "")
        if not entries:
            form.lines.errors.append("请粘贴至少一条隐患，或上传隐患排查台账。")
            return _index_page(form, 400)
        batch, skipped = service.record_findings(
            db.session, knowledge_base(), current_user, entries, team=team, site=form.site.data or "",
            found_on=form.found_on.data, source=source,
        )
        audit.record("finding.record", "inspection_batch", batch.id,
                     f"{team.full_name if team else ''} {source}：{len(batch.findings)} 条隐患".strip())
        db.session.commit()
        for row, message in errors + skipped:
            flash(f"第 {row} 行：{message}" if row else message, "warning")
        return redirect(url_for("inspections.batch", batch_id=batch.id))
    return _index_page(form, 400 if form.errors else 200)


def _index_page(form: FindingsForm, status: int):
    team_id = request.args.get("team", type=int)
    query = service.visible_findings(current_user)
    if team_id:
        query = query.where(Finding.team_id == team_id)
    findings = service.load_findings(db.session, query.limit(PAGE))
    return render_template("inspections/index.html", form=form, findings=findings, teams=_teams(),
                           team_id=team_id), status


@bp.route("/batch/<int:batch_id>")
@trainer_required
def batch(batch_id: int):
    """The findings of one paste or upload that the viewer may see, with their 依据."""
    entered = db.get_or_404(InspectionBatch, batch_id)
    findings = service.load_findings(
        db.session, service.visible_findings(current_user).where(Finding.batch_id == entered.id)
    )
    if not findings:
        abort(404)
    return render_template("inspections/batch.html", batch=entered, findings=findings)


@bp.route("/finding/<int:finding_id>", methods=["GET", "POST"])
@trainer_required
def finding(finding_id: int):
    """Pick another article as the finding's 依据 (among the ranked candidates)."""
    found = db.get_or_404(Finding, finding_id)
    if not service.can_view_finding(db.session, current_user, found):
        abort(404)
    ranked = rank(knowledge_base(), found.text)
    form = BasisForm()
    form.article_id.choices = [(b.article_id, b.citation) for b in ranked.all()] + [(NO_BASIS, "没有合适的条文")]
    if request.method == "GET":
        form.article_id.data = found.article_id or NO_BASIS
    if form.validate_on_submit():
        chosen = form.article_id.data
        if not service.choose_basis(found, ranked, None if chosen in (None, NO_BASIS) else chosen):
            abort(400)
        audit.record("finding.basis", "finding", found.id, f"{found.text[:60]} → "
                     + next((b.citation for b in ranked.all() if b.article_id == chosen), "没有合适的条文"))
        db.session.commit()
        flash("依据已保存。", "success")
        return redirect(url_for("inspections.batch", batch_id=found.batch_id))
    return render_template("inspections/finding.html", finding=found, ranked=ranked, form=form)


@bp.route("/ledger.xlsx")
@trainer_required
def export():
    """The visible findings (of a batch or a team, if asked) as an inspection ledger."""
    query = service.visible_findings(current_user)
    batch_id = request.args.get("batch", type=int)
    team_id = request.args.get("team", type=int)
    if team_id is not None:
        if not service.can_view_team(db.session, current_user, team_id):
            abort(404)
        query = query.where(Finding.team_id == team_id)
    if batch_id is not None:
        query = query.where(Finding.batch_id == batch_id)
    findings = service.load_findings(db.session, query.order_by(None).order_by(Finding.found_on, Finding.id))
    if batch_id is not None and not findings:
        abort(404)
    data = service.export_ledger(findings)
    name = f"隐患排查台账-{clock.today().isoformat()}.xlsx"
    audit.record_export("inspection_ledger", batch_id or team_id or "", f"{name}：{len(findings)} 条隐患")
    return send_file(io.BytesIO(data), as_attachment=True, download_name=name,
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
