"""The 操作日志 cannot silently fall behind: every state-changing (POST, PUT …) route is either known to write the audit log
(with the actions it records, each recorded somewhere in the code) or exempted here with a reason;
every action and object type has a Chinese label; the page and export show the labels."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

from openpyxl import load_workbook

from core import audit
from core.db import db, utcnow
from tests.factories import create_user
from tests.test_audit import only, sign_in

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("accounts", "core", "corpus", "inspections", "kb", "quiz")

# Endpoint → the audit actions its POST records (in the view or the service it calls).
AUDITED = {
    "accounts.change_password": {"user.own_password"},  # trainers' and admins' own passwords
    "admin.edit_person": {"user.create", "user.edit", "user.role"},
    "admin.toggle_person": {"user.active"},
    "admin.reset_password": {"user.password"},
    "admin.unlock_person": {"user.unlock"},
    "admin.teams": {"unit.create", "team.create", "mine.rename"},
    "admin.edit_team": {"team.edit"},
    "admin.toggle_team": {"team.active"},
    "admin.edit_unit": {"unit.edit"},
    "admin.toggle_unit": {"unit.active", "team.active"},
    "admin.roster_preview": {"roster.import", "user.role", "unit.create", "team.create"},
    "corpus.upload": {"documents.import"},
    "corpus.set_type": {"document.type"},
    "corpus.mark_newer": {"document.newer"},
    "corpus.remove": {"document.remove"},
    "kb.confirm": {"answer.confirm"},
    "kb.withdraw": {"answer.withdraw"},
    "kb.words_add": {"kb.word.add"},
    "kb.words_delete": {"kb.word.remove"},
    "kb.words_rebuild": {"kb.word.rebuild"},
    "quiz.approve_filtered": {"question.approve"},
    "quiz.bulk_action": {"question.approve", "question.retire", "question.draft", "question.move"},
    "quiz.edit": {"question.create", "question.edit"},
    "quiz.set_status": {"question.approve", "question.retire", "question.draft"},
    "quiz.set_citation": {"question.citation"},
    "quiz.resolve_flags": {"question.flags"},
    "quiz.preview": {"bank.import", "question.approve"},
    "quiz.category_list": {"category.add"},
    "quiz.category_defaults": {"category.add"},
    "quiz.category_rename": {"category.rename"},
    "quiz.category_delete": {"category.remove"},
    "quiz.category_merge": {"category.merge"},
    "review.generate": {"question.generate"},
    "review.act": {"question.approve", "question.retire"},
    "taking.paper_edit": {"paper.save"},
    "taking.paper_publish": {"paper.publish"},
    "taking.pick_add": {"paper.save", "paper.pick"},
    "taking.picked_remove": {"paper.pick"},
    "taking.picked_points": {"paper.pick"},
    "taking.paper_archive": {"paper.archive"},
    "assignments.new": {"assignment.create"},
    "assignments.preshift_page": {"assignment.create"},
    "assignments.withdraw": {"assignment.withdraw"},
    "records.session_edit": {"session.save"},
    "records.session_delete": {"session.remove"},
    "contests.new": {"contest.create"},
    "contests.edit": {"contest.edit"},
    "contests.cancel": {"contest.cancel"},
    "inspections.index": {"finding.record"},
    "inspections.finding": {"finding.basis"},
}
# POST routes that record nothing, and why. A new POST route must join one of the two lists.
EXEMPT = {
    "accounts.login": "signing in (failures are counted by accounts.signin, not logged as actions)",
    "accounts.logout": "signing out",
    "admin.roster_upload": "stores the file for the preview; the import is logged when confirmed",
    "quiz.upload": "stores the file for the preview; the import is logged when confirmed",
    "taking.pick_choose": "shows the choice of paper for the ticked questions; adding them is taking.pick_add",
    "quiz.suggest_citations": "machine suggestions awaiting a trainer; accepting one is question.citation",
    "kb.feedback": "a reader's 有帮助/没帮助 on an answer, not a change of the platform",
    "assignments.start": "a worker starting a task",
    # A worker taking a quiz or exam: starting, saving answers, submitting, leaving the page, reporting an error.
    "taking.start_daily": "a worker's practice", "taking.start_paper": "a worker's exam",
    "taking.start_practice": "a worker's practice", "taking.start_review": "a worker's practice",
    "taking.start_article": "a worker's practice (练习这几道题 on an article page)",
    "quiz_api.start_daily": "a worker's practice", "quiz_api.start_paper": "a worker's exam",
    "quiz_api.start_practice": "a worker's practice", "quiz_api.start_review": "a worker's practice",
    "quiz_api.save": "answer saving", "quiz_api.submit": "a worker's submission",
    "quiz_api.focus_loss": "a worker leaving the exam page", "quiz_api.flag": "a worker's error report",
}


def _post_endpoints(app) -> set[str]:
    """Endpoints that change state: POST (and PUT, PATCH, DELETE) routes."""
    return {rule.endpoint for rule in app.url_map.iter_rules() if rule.methods & {"POST", "PUT", "PATCH", "DELETE"}}


def _sources() -> list[str]:
    return [path.read_text(encoding="utf-8") for package in PACKAGES for path in (ROOT / package).rglob("*.py")
            if path != ROOT / "core" / "audit.py"]


def _recorded_in_code() -> set[str]:
    """The actions the code names as a string beside a record(...) call: in the call, an f-string's
    prefix (question.{status}), or chosen in an expression just before it."""
    found: set[str] = set()
    call = re.compile(r"""record\(\s*f?["']([a-z_.]+)(\{[^}]*\})?["']""")
    chosen = re.compile(r"""record\(\s*["']([a-z_.]+)["']\s+if\b[^"']*else\s+["']([a-z_.]+)["']""")
    for text in _sources():
        for action, placeholder in call.findall(text):
            found |= {a for a in audit.ACTIONS if a.startswith(action)} if placeholder else {action}
        for pair in chosen.findall(text):
            found |= set(pair)
    return found


def test_every_post_route_is_audited_or_exempted(app):
    posts = _post_endpoints(app)
    unknown = sorted(posts - AUDITED.keys() - EXEMPT.keys())
    assert not unknown, f"POST routes neither audited nor exempted: {unknown}"
    assert not (AUDITED.keys() & EXEMPT.keys())
    assert not (AUDITED.keys() | EXEMPT.keys()) - posts, "listed routes that no longer exist"


def test_every_action_listed_is_recorded_in_code_and_labelled():
    listed = set().union(*AUDITED.values())
    assert listed <= audit.ACTIONS.keys()
    recorded = _recorded_in_code()
    assert listed - recorded == set(), "actions listed for a route but recorded nowhere"
    commands = set().union(*AUDITED_COMMANDS.values())
    assert recorded <= listed | commands | {"export"}, "actions recorded but no route or command says so"
    assert set(audit.ACTIONS) <= recorded | {"export"}, "labelled actions nothing records"


def test_every_action_and_object_type_has_a_chinese_label():
    chinese = re.compile(r"[\u4e00-\u9fff]")
    assert all(chinese.search(label) for label in audit.ACTIONS.values())
    assert all(chinese.search(label) for kind, label in audit.OBJECT_TYPES.items() if kind)
    calls = (re.compile(r"""\brecord\(\s*f?["'][a-z_.{}]+["']\s*,\s*["']([a-z_]*)["']"""),
             re.compile(r"""\brecord\(.{0,40}?\belse\s+["'][a-z_.]+["']\s*,\s*["']([a-z_]*)["']"""),
             re.compile(r"""\brecord_export\(\s*["']([a-z_]*)["']"""))
    used = {kind for text in _sources() for call in calls for kind in call.findall(text)}
    assert "kb_mine_word" in used and "upload_job" in used  # the scan finds what the code records
    assert used <= audit.OBJECT_TYPES.keys(), used - audit.OBJECT_TYPES.keys()


def test_the_page_and_export_show_labels_and_keep_the_codes(client, app):
    admin, worker = create_user("admin"), create_user("worker", name="张三")
    audit.record("user.active", "user", worker.id, f"停用 张三（{worker.username}）", actor_id=admin.id)
    audit.record("kb.word.rebuild", "kb_index", None, "本矿用语：重建检索索引", actor_id=admin.id)
    db.session.commit()
    sign_in(client, admin)
    page = client.get("/admin/audit/").get_data(as_text=True)
    assert f"人员 #{worker.id} 张三" in page and "检索索引" in page
    assert "kb_index" not in page and f"user #{worker.id}" not in page

    exported = client.get("/admin/audit/export.xlsx?action=user.active")
    rows = list(load_workbook(io.BytesIO(exported.data)).active.iter_rows(values_only=True))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["操作"] == "启用/停用账号" and row["对象"] == f"人员 #{worker.id} 张三"
    assert (row["操作代码"], row["对象类型代码"], row["对象编号"]) == ("user.active", "user", str(worker.id))
    summary = only("export", admin, "").summary
    assert "操作=启用/停用账号" in summary and "user.active" not in summary


def test_a_reversed_date_range_is_read_the_right_way_round_and_said(client, app):
    admin = create_user("admin")
    entry = audit.record("user.unlock", "user", admin.id, "昨天的一条", actor_id=admin.id)
    entry.at = utcnow() - timedelta(days=1)
    db.session.commit()
    sign_in(client, admin)
    today = utcnow().date()
    early, late = today - timedelta(days=4), today + timedelta(days=1)
    page = client.get(f"/admin/audit/?from={late}&to={early}").get_data(as_text=True)
    assert 'id="audit-range-note"' in page and f"已按 {early} 到 {late} 查询" in page
    assert 'id="audit-total">1<' in page and "昨天的一条" in page
    plain = client.get(f"/admin/audit/?from={early}&to={late}").get_data(as_text=True)
    assert 'id="audit-range-note"' not in plain


# Command-line commands (`python run.py …`, nested groups joined by a space) → the actions they record.
AUDITED_COMMANDS = {
    "init": {"admin.restore", "mine.rename"},  # restore only when no active admin is left; rename with --mine-name
    "import-roster": {"roster.import", "user.role", "unit.create", "team.create"},
    "unlock": {"user.unlock"},
    "reset-password": {"user.password"},
    "demo": {"demo.remove"},  # with --remove; seeding the demonstration mine records nothing
    "ingest": {"documents.import"},
    "corpus remove": {"document.remove"},
    "corpus set-type": {"document.type"},
    "corpus mark-newer": {"document.newer"},
    "upload-jobs": {"documents.import"},  # the worker running uploads; the entry is the upload's
    "mine-words add": {"kb.word.add"},
    "mine-words remove": {"kb.word.remove"},
    "mine-words rebuild": {"kb.word.rebuild"},
    "import-questions": {"bank.import"},
    "import-upload": {"bank.import", "question.approve"},  # the child of a bank import started on the page
    "generate": {"question.generate"},  # with --save
}
# Commands that record nothing, and why. A new command must join one of the two lists.
EXEMPT_COMMANDS = {
    "backup": "reads the database",
    "restore": "replaces the whole database, audit log included, from a backup",
    "copy-db": "copies the whole database, audit log included, into an empty one",
    "reindex": "rebuilds the search index from the library; no content changes",
    "suggest-citations": "machine suggestions awaiting a trainer; accepting one is question.citation",
    "close-expired": "the scheduled closing of attempts whose time is up, no one's decision",
    "corpus list": "reads", "mine-words list": "reads", "search": "reads", "ask": "reads",
    "export-questions": "writes a file on the server (web downloads are logged as 导出)",
    "export-confirmed-answers": "writes a file on the server (web downloads are logged as 导出)",
}
MIGRATIONS = "db "  # Flask-Migrate's commands: schema upgrades by whoever runs the server


def _commands(group, prefix: str = "") -> set[str]:
    import click

    found: set[str] = set()
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found |= _commands(command, f"{prefix}{name} ")
        else:
            found.add(f"{prefix}{name}")
    return found


def test_every_command_is_audited_or_exempted(app):
    commands = {c for c in _commands(app.cli) if not c.startswith(MIGRATIONS)}
    unknown = sorted(commands - AUDITED_COMMANDS.keys() - EXEMPT_COMMANDS.keys())
    assert not unknown, f"commands neither audited nor exempted: {unknown}"
    assert not (AUDITED_COMMANDS.keys() | EXEMPT_COMMANDS.keys()) - commands, "listed commands that no longer exist"
    assert set().union(*AUDITED_COMMANDS.values()) <= _recorded_in_code()
