"""操作日志 for admins: the audit log with filters (action, person who acted or was acted upon, date range), pages and an .xlsx export."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, render_template, request, url_for
from sqlalchemy import func, select

from accounts import usernames
from accounts.models import User
from core import audit, clock
from core.auth import admin_required
from core.db import db
from core.sheets import write_table, xlsx_download

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")

PER_PAGE = 50
MAX_EXPORT_ROWS = 100_000
# The raw codes close the row, for machines reading the file.
HEADERS = ["时间", "工号", "姓名", "操作", "对象", "摘要", "地址", "操作代码", "对象类型代码", "对象编号"]


def _day(name: str) -> date | None:
    """A date filter; a malformed or far-off one (clock.typed_day) filters nothing."""
    return clock.typed_day(request.args.get(name))


def _filter() -> tuple[audit.AuditFilter, dict[str, str]]:
    """The filter in the query string, and the arguments to keep in page and export links. A range
    given backwards (从 12-06 到 12-01) is read the right way round; `reversed_range` says so."""
    action = request.args.get("action", "")
    action = action if action in audit.ACTIONS else ""
    person = request.args.get("person", "").strip()
    person_id = None
    if person:
        found = usernames.find(person)  # as sign-in reads it: any letter case, full-width
        person_id = found.id if found is not None else -1  # an unknown 工号 matches nothing
    start, end = _day("from"), _day("to")
    if start is not None and end is not None and start > end:
        start, end = end, start
    kept = {"action": action, "person": person, "from": start.isoformat() if start else "",
            "to": end.isoformat() if end else ""}
    return audit.AuditFilter(action, person_id, start, end), {k: v for k, v in kept.items() if v}


def reversed_range() -> bool:
    start, end = _day("from"), _day("to")
    return start is not None and end is not None and start > end


def _described(args: dict[str, str]) -> str:
    """The filter in words for the export's entry: 操作=启用/停用账号，工号=20103，从=2026-12-01."""
    names = {"action": "操作", "person": "工号（操作人或对象）", "from": "从", "to": "到"}
    shown = {**args, "action": audit.ACTIONS[args["action"]]} if args.get("action") else args
    return "，".join(f"{names.get(k, k)}={v}" for k, v in shown.items()) or "全部"


def _object_names(entries: list[audit.AuditEntry]) -> dict[int, str]:
    """The person's name beside 人员 #28, by entry id (the name today, as the id stays)."""
    ids = {int(e.object_id) for e in entries if e.object_type == "user" and e.object_id.isdigit()}
    if not ids:
        return {}
    names = {row.id: row.name for row in db.session.execute(select(User.id, User.name).where(User.id.in_(ids)))}
    return {e.id: names[int(e.object_id)] for e in entries
            if e.object_type == "user" and e.object_id.isdigit() and int(e.object_id) in names}


def object_shown(entry: audit.AuditEntry, names: dict[int, str]) -> str:
    return f"{entry.object_label} {names[entry.id]}" if entry.id in names else entry.object_label


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
    names = _object_names(entries)
    return render_template("accounts/audit.html", entries=entries, people=_people(entries), total=total,
                           page=page, pages=pages, args=args, actions=audit.ACTIONS, reversed_range=reversed_range(),
                           object_shown=lambda e: object_shown(e, names),
                           page_url=lambda n: url_for("audit.index", page=n, **args),
                           export_url=url_for("audit.export", **args))


@bp.get("/export.xlsx")
@admin_required
def export() -> Response:
    wanted, args = _filter()
    entries = list(db.session.scalars(wanted.query().limit(MAX_EXPORT_ROWS)))
    people, names = _people(entries), _object_names(entries)

    def row(entry: audit.AuditEntry) -> list[object]:
        person = people.get(entry.actor_id) if entry.actor_id is not None else None
        return [entry.local_at, person.username if person else "", person.name if person else "（系统）",
                entry.action_label, object_shown(entry, names), entry.summary, entry.address,
                entry.action, entry.object_type, entry.object_id]

    data = write_table("操作日志", HEADERS, (row(e) for e in entries))
    audit.record_export("audit", "", f"操作日志 {len(entries)} 条（{_described(args)}）")
    return xlsx_download(data, f"操作日志_{clock.today().isoformat()}.xlsx")
