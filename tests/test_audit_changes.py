"""The admin changes the 操作日志 used to miss: 区队 and 班组 added, edited, stopped and restarted; a
person moved to another 班组 or given another 工种; a document's type and newer version; one's own
password. Each leaves one entry saying what changed, before → after."""

from __future__ import annotations

import io

from sqlalchemy import select

from accounts.demo import MINE_NAME
from accounts.models import Team, WorkUnit
from core.db import db
from corpus.models import Document
from tests.conftest import csrf_token
from tests.corpus.conftest import RULES, finished_upload
from tests.factories import create_team, create_user
from tests.test_audit import PASSWORD, entries, only, post, sign_in


def test_units_and_teams_added_edited_stopped_and_restarted(client, app):
    create_team("综采一队", "回收班", mine_name=MINE_NAME)
    admin = create_user("admin")
    sign_in(client, admin)
    post(client, "/admin/teams", {"unit-name": "掘进二队", "unit-submit": "添加区队"})
    unit = db.session.scalar(select(WorkUnit).where(WorkUnit.name == "掘进二队"))
    assert "掘进二队" in only("unit.create", admin, unit.id).summary

    post(client, "/admin/teams", {"team-unit_id": unit.id, "team-name": "审计班", "team-submit": "保存班组"})
    team = db.session.scalar(select(Team).where(Team.name == "审计班"))
    assert "掘进二队 · 审计班" in only("team.create", admin, team.id).summary

    other = create_team("综采一队", "检修班", mine_name=MINE_NAME).unit
    edited = post(client, f"/admin/teams/{team.id}/edit", {"unit_id": other.id, "name": "审计一班"})
    assert edited.status_code == 302
    assert only("team.edit", admin, team.id).summary == "掘进二队 · 审计班 → 综采一队 · 审计一班"

    post(client, f"/admin/teams/{team.id}/toggle", {}, page="/admin/teams")
    post(client, f"/admin/teams/{team.id}/toggle", {}, page="/admin/teams")
    assert [e.summary for e in sorted(entries("team.active"), key=lambda e: e.id)] == [
        "停用班组 综采一队 · 审计一班", "启用班组 综采一队 · 审计一班"]


def test_moving_a_person_and_changing_the_job_say_before_and_after(client, app):
    first = create_team("综采一队", "回收班", mine_name=MINE_NAME)
    second = create_team("综采一队", "检修班", mine_name=MINE_NAME)
    worker = create_user("worker", team=first, job="掘进工", name="张三")
    admin = create_user("admin")
    sign_in(client, admin)
    form = {"username": worker.username, "name": "张三", "team_id": second.id, "job": "液压支架工",
            "role": "worker"}
    assert post(client, f"/admin/people/{worker.id}/edit", form).status_code == 302
    summary = only("user.edit", admin, worker.id).summary
    assert "班组 综采一队 · 回收班 → 综采一队 · 检修班" in summary and "工种 掘进工 → 支架工" in summary  # stored under its canonical name
    assert "姓名" not in summary  # only what changed
    post(client, f"/admin/people/{worker.id}/edit", form)  # saved again unchanged: nothing to log
    assert len(entries("user.edit")) == 1 and entries("user.role") == []

    post(client, f"/admin/people/{worker.id}/edit", {**form, "role": "team_leader", "job": "班长"})
    role = only("user.role", admin, worker.id).summary
    assert "角色 职工 → 班组长" in role and "工种 支架工 → 班长" in role  # one entry for the save


def test_a_documents_type_and_newer_version(client, app):
    admin = create_user("admin")
    sign_in(client, admin)
    response = client.post("/library/upload", data={"csrf_token": csrf_token(client, "/library/"), "doc_type": "",
                                                    "files": [(io.BytesIO(RULES.encode()), "班组安全检查办法.md")]},
                           content_type="multipart/form-data")
    finished_upload(client, response)
    document = db.session.scalar(select(Document))
    page = f"/library/{document.id}"
    before = document.doc_type
    target = "部门规章" if before != "部门规章" else "企业制度"
    assert post(client, f"{page}/type", {"doc_type": target}, page=page).status_code == 302
    assert f"{before} → {target}" in only("document.type", admin, document.id).summary

    post(client, f"{page}/newer", {"name": "应急管理部令第4号", "effective": "2025-11-20"}, page=page)
    registered = only("document.newer", admin, document.id).summary
    assert "新版本 （无） → 应急管理部令第4号" in registered and "施行日期 （无） → 2025-11-20" in registered
    post(client, f"{page}/newer", {"name": "", "effective": ""}, page=page)  # only asks (core.confirm)
    assert len(entries("document.newer")) == 1
    post(client, f"{page}/newer", {"name": "", "effective": "", "confirmed": "1"}, page=page)
    cleared = max(entries("document.newer"), key=lambda e: e.id).summary
    assert "新版本 应急管理部令第4号 → （无）" in cleared


def test_an_admins_own_password_change(client, app):
    admin = create_user("admin")
    sign_in(client, admin)
    changed = post(client, "/password", {"current": PASSWORD, "password": "Neu-Kennwort-2026x",
                                         "confirm": "Neu-Kennwort-2026x"})
    assert changed.status_code == 302, changed.get_data(as_text=True)[-800:]
    assert admin.username in only("user.own_password", admin, admin.id).summary


def test_unlocking_a_person(client, app):
    worker, admin = create_user("worker"), create_user("admin")
    sign_in(client, admin)
    page = f"/admin/people/{worker.id}/edit"
    assert post(client, f"/admin/people/{worker.id}/unlock", {}, page=page).status_code == 302
    only("user.unlock", admin, worker.id)


def test_commands_that_change_state_leave_an_entry(runner, app, tmp_path, monkeypatch):
    import accounts.cli

    monkeypatch.setattr(accounts.cli, "_migrate", lambda: None)  # the test schema is already there
    worker = create_user("worker")
    assert runner.invoke(args=["unlock", worker.username]).exit_code == 0
    assert "命令行" in only_entry("user.unlock").summary

    restored = runner.invoke(args=["init", "--admin-username", "boss"])
    assert restored.exit_code == 0, restored.output
    assert "新建管理员" in only_entry("admin.restore").summary

    (tmp_path / "办法.md").write_text(RULES, encoding="utf-8")
    ingested = runner.invoke(args=["ingest", str(tmp_path / "办法.md")])
    assert ingested.exit_code == 0, ingested.output
    assert "新增 1" in only_entry("documents.import").summary and "办法.md" in only_entry("documents.import").summary
    document = db.session.scalar(select(Document))
    target = "部门规章" if document.doc_type != "部门规章" else "企业制度"
    assert runner.invoke(args=["corpus", "set-type", str(document.id), target]).exit_code == 0
    assert target in only_entry("document.type").summary
    assert runner.invoke(args=["corpus", "mark-newer", str(document.id), "应急管理部令第4号"]).exit_code == 0
    assert "应急管理部令第4号" in only_entry("document.newer").summary


def only_entry(action: str):
    [entry] = entries(action)
    assert entry.actor_id is None and entry.address == ""  # the command line: no person, no address
    return entry


def test_a_roster_names_who_moved_and_the_teams_it_made(client, app):
    from tests.accounts.test_admin_pages import roster_bytes

    first = create_team("综采一队", "回收班", mine_name=MINE_NAME)
    worker = create_user("worker", team=first, job="掘进工", name="张三", username="50001")
    admin = create_user("admin")
    sign_in(client, admin)
    data = roster_bytes([("工号", "姓名", "区队", "班组", "工种"), ("50001", "张三", "掘进二队", "审计班", "掘进机司机")])
    upload = post(client, "/admin/roster", {"file": (io.BytesIO(data), "花名册.xlsx"), "create_teams": "y"},
                  content_type="multipart/form-data")
    preview = upload.headers["Location"]
    client.get(preview)
    assert entries("team.create") == [] and entries("unit.create") == []  # a preview logs nothing
    assert "导入完成" in post(client, preview, {}).get_data(as_text=True)
    summary = only("roster.import", admin, "").summary
    assert f"张三（{worker.username}）班组 综采一队 · 回收班 → 掘进二队 · 审计班；工种 掘进工 → 掘进机司机" in summary
    team = db.session.scalar(select(Team).where(Team.name == "审计班"))
    assert only("team.create", admin, team.id).summary == "掘进二队 · 审计班（花名册）"
    assert only("unit.create", admin, team.unit_id).summary == "掘进二队（花名册）"
