"""操作日志 for admins: the audit log with filters (action, person, date range), pages and an .xlsx export."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, render_template, request, url_for
from sqlalchemy import func, select

from accounts.models import User
from core import audit
from core.auth import admin_required
from core.db import db
from core.sheets import write_table, xlsx_download

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")

PER_PAGE = 50
MAX_EXPORT_ROWS = 100_000
HEADERS = ["时间", "工号", "姓名", "操作", "对象类型", "对象编号", "摘要", "地址"]


def _day(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def _filter() -> tuple[audit.AuditFilter, dict[str, str]]:
    """The filter in the query string, and the arguments to keep in page and export links."""
    action = request.args.get("action", "")
    action = action if action in audit.ACTIONS else ""
    person = request.args.get("person", "").strip()
    actor_id = None
    if person:
        found = db.session.scalar(select(User.id).where(User.username == person))
        actor_id = found if found is not None else -1  # an unknown 工号 matches nothing
    start, end = _day("from"), _day("to")
    kept = {"action": action, "person": person, "from": start.isoformat() if start else "",
            "to": end.isoformat() if end else ""}
    return audit.AuditFilter(action, actor_id, start, end), {k: v for k, v in kept.items() if v}


def _people(entries: list[audit.AuditEntry]) -> dict[int, User]:
    ids = {e.actor_id for e in entries if e.actor_id is not None}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}


@bp.get("/")
@admin_required
def index() -> str:
    wanted, args = _filter()
    query = wanted.query()
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(pages, max(1, request.args.get("page", 1, type=int) or 1))
    entries = list(db.session.scalars(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)))
    return render_template("accounts/audit.html", entries=entries, people=_people(entries), total=total,
                           page=page, pages=pages, args=args, actions=audit.ACTIONS,
                           page_url=lambda n: url_for("audit.index", page=n, **args),
                           export_url=url_for("audit.export", **args))


@bp.get("/export.xlsx")
@admin_required
def export() -> Response:
    wanted, args = _filter()
    entries = list(db.session.scalars(wanted.query().limit(MAX_EXPORT_ROWS)))
    people = _people(entries)

    def row(entry: audit.AuditEntry) -> list[object]:
        person = people.get(entry.actor_id) if entry.actor_id is not None else None
        return [entry.local_at, person.username if person else "", person.name if person else "（系统）",
                entry.action_label, entry.object_type, entry.object_id, entry.summary, entry.address]

    data = write_table("操作日志", HEADERS, (row(e) for e in entries))
    described = "，".join(f"{k}={v}" for k, v in args.items()) or "全部"
    audit.record_export("audit", "", f"操作日志 {len(entries)} 条（{described}）")
    return xlsx_download(data, f"操作日志_{date.today().isoformat()}.xlsx")
