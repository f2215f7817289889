"""The audit log: each trainer or admin action leaves exactly one entry with its actor and object,
a rolled-back action none; the admin page filters, pages and exports, and is admin-only."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from accounts.models import User
from core import audit
from core.audit import AuditEntry
from core.db import db, utcnow
from corpus.models import Document
from quiz.assignments.models import Assignment
from quiz.bank.models import Question
from tests.accounts.test_admin_pages import roster_bytes
from tests.conftest import csrf_token
from tests.corpus.conftest import RULES, finished_upload
from tests.factories import create_team, create_user

PASSWORD = "Passw0rd!x"


def entries(action: str) -> list[AuditEntry]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def only(action: str, actor: User, object_id: object) -> AuditEntry:
    """The one entry of `action`, checked for its actor and object."""
    found = entries(action)
    assert len(found) == 1, [(e.action, e.summary) for e in found]
    assert found[0].actor_id == actor.id and found[0].object_id == str(object_id)
    assert found[0].address == "127.0.0.1"
    return found[0]


def sign_in(client, user: User) -> None:
    if "退出" in client.get("/").get_data(as_text=True):
        client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    response = client.post("/login", data={"username": user.username, "password": PASSWORD,
                                           "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]


def post(client, url: str, data: dict, page: str | None = None, **kwargs):
    return client.post(url, data={**data, "csrf_token": csrf_token(client, page or url)}, **kwargs)


def test_the_log_is_for_admins_only(client, app):
    for role in ("unit_trainer", "team_leader", "worker"):
        sign_in(client, create_user(role))
        assert client.get("/admin/audit/").status_code == 403
        assert client.get("/admin/audit/export.xlsx").status_code == 403
    sign_in(client, create_user("admin"))
    assert client.get("/admin/audit/").status_code == 200


def test_question_create_edit_approve_retire(client, app):
    trainer = create_user("unit_trainer")
    sign_in(client, trainer)
    fields = {"type": "judge", "stem": "入井必须戴安全帽", "answer": "√", "status": "draft"}
    assert post(client, "/bank/new", fields).status_code == 302
    question = db.session.scalar(select(Question))
    only("question.create", trainer, question.id)
    assert post(client, f"/bank/{question.id}/edit", {**fields, "explanation": "规程规定"}).status_code == 302
    assert "新版本" in only("question.edit", trainer, question.id).summary
    assert post(client, f"/bank/{question.id}/status/approved", {}, page=f"/bank/{question.id}").status_code == 302
    only("question.approve", trainer, question.id)
    assert post(client, f"/bank/{question.id}/status/retired", {}, page=f"/bank/{question.id}").status_code == 302
    only("question.retire", trainer, question.id)
    assert len(entries("question.create")) == 1  # nothing else was logged twice


def test_generated_drafts_approved_and_rejected_on_the_review_page(client, app):
    from quiz.bank import service
    from quiz.bank.types import QuestionDraft

    trainer = create_user("unit_trainer")
    drafts = [service.add_question(QuestionDraft(type="judge", stem=f"生成题{i}", options=(), answer=("A",)),
                                   origin=service.Origin("generated", generator="theory")) for i in range(2)]
    db.session.commit()
    assert entries("question.create") == []  # generated drafts are not hand-written questions
    sign_in(client, trainer)
    post(client, "/bank/review/act", {"ids": [drafts[0].id], "action": "approve"}, page="/bank/review/")
    only("question.approve", trainer, drafts[0].id)
    post(client, "/bank/review/act", {"ids": [drafts[1].id], "action": "reject", "reason": "wrong_answer"},
         page="/bank/review/")
    only("question.retire", trainer, drafts[1].id)


def test_bank_import_is_one_entry_for_the_batch(app):
    from quiz.bank.importer import parse_files
    from quiz.bank.imports import save_import
    from tests.quiz.test_views import BANK

    trainer = create_user("unit_trainer")
    batch = save_import(parse_files([("机电题库.xlsx", BANK)]), key="t1", created_by_id=trainer.id)
    [entry] = entries("bank.import")
    assert entry.actor_id == trainer.id and entry.object_id == str(batch.id)
    assert "机电题库.xlsx" in entry.summary and "2 道题" in entry.summary
    assert entries("question.create") == []  # imported questions are the import's, not 47 entries


def test_roster_import_on_confirm_only_and_role_change(client, app):
    from accounts.demo import MINE_NAME

    create_team("综采一队", "回收班", mine_name=MINE_NAME)  # the mine a roster goes into
    admin = create_user("admin")
    sign_in(client, admin)
    data = roster_bytes([("工号", "姓名", "区队", "班组"), ("50001", "甲工", "综采一队", "回收班")])
    upload = post(client, "/admin/roster", {"file": (io.BytesIO(data), "花名册.xlsx")},
                  content_type="multipart/form-data")
    preview = upload.headers["Location"]
    client.get(preview)
    assert entries("roster.import") == []  # a preview is rolled back, its entry with it
    done = post(client, preview, {}).get_data(as_text=True)
    assert "导入完成" in done, done[-1500:]
    entry = only("roster.import", admin, "")
    assert "新增 1 人" in entry.summary

    worker = create_user("worker")
    form = {"username": worker.username, "name": worker.name, "team_id": worker.team_id, "job": "",
            "role": "team_leader"}
    assert post(client, f"/admin/people/{worker.id}/edit", form).status_code == 302
    assert "职工 → 班组长" in only("user.role", admin, worker.id).summary
    post(client, f"/admin/people/{worker.id}/edit", form)  # saved again, no change of role
    assert len(entries("user.role")) == 1


def test_document_upload_and_removal(client, app):
    admin = create_user("admin")
    sign_in(client, admin)
    response = client.post("/library/upload", data={"csrf_token": csrf_token(client, "/library/"), "doc_type": "",
                                                    "files": [(io.BytesIO(RULES.encode()), "班组安全检查办法.md")]},
                           content_type="multipart/form-data")
    job_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    finished_upload(client, response)
    assert "班组安全检查办法.md" in only("documents.import", admin, job_id).summary
    document = db.session.scalar(select(Document))
    removed = post(client, f"/library/{document.id}/remove", {"confirmed": "1"}, page=f"/library/{document.id}")
    assert removed.status_code == 302
    assert "班组安全检查办法" in only("document.remove", admin, document.id).summary


def test_assignment_creation(client, app, make_paper):
    team = create_team("综采一队", "回收班")
    trainer = create_user("unit_trainer", team=team)
    paper = make_paper(title="十二月安全规程考试", sections=(("single", 2, "50"),), pass_score=Decimal(60))
    sign_in(client, trainer)
    due = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    created = post(client, "/assignments/new", {"kind": "paper", "paper": paper.id, "due_at": due,
                                                "teams": [team.id], "count": 10})
    assert created.status_code == 302, created.get_data(as_text=True)[:500]
    assignment = db.session.scalar(select(Assignment))
    assert "十二月安全规程考试" in only("assignment.create", trainer, assignment.id).summary


def test_exports_are_logged(client, app):
    team = create_team("综采一队", "回收班")
    trainer = create_user("unit_trainer", team=team)
    sign_in(client, trainer)
    assert client.get("/bank/export.xlsx").status_code == 200
    assert client.get(f"/records/results/teams/{team.id}.xlsx").status_code == 200
    assert client.get("/inspections/ledger.xlsx").status_code == 200
    logged = {(e.object_type, e.object_id) for e in entries("export")}
    assert logged == {("question_bank", ""), ("team", str(team.id)), ("inspection_ledger", "")}
    assert all(e.actor_id == trainer.id for e in entries("export"))


def test_admin_page_filters_pages_and_exports(client, app):
    admin, trainer = create_user("admin"), create_user("unit_trainer")
    now = utcnow()
    for i in range(60):
        entry = audit.record("question.approve", "question", i, f"第{i}条", actor_id=trainer.id, address="10.0.0.1")
        entry.at = now - timedelta(hours=i)
    old = audit.record("document.remove", "document", 7, "《旧文件》", actor_id=admin.id, address="10.0.0.2")
    old.at = now - timedelta(days=30)
    db.session.commit()
    sign_in(client, admin)

    first = client.get("/admin/audit/").get_data(as_text=True)
    assert 'id="audit-total">61<' in first and "第 1 / 2 页" in first and "第0条" in first
    assert "第59条" in client.get("/admin/audit/?page=2").get_data(as_text=True)
    removed = client.get("/admin/audit/?action=document.remove").get_data(as_text=True)
    assert 'id="audit-total">1<' in removed and "《旧文件》" in removed and "第0条" not in removed
    mine = client.get(f"/admin/audit/?person={trainer.username}").get_data(as_text=True)
    assert 'id="audit-total">60<' in mine
    assert 'id="audit-total">0<' in client.get("/admin/audit/?person=nobody").get_data(as_text=True)
    day = (now - timedelta(days=30)).date()
    ranged = client.get(f"/admin/audit/?from={day - timedelta(days=1)}&to={day + timedelta(days=1)}")
    assert 'id="audit-total">1<' in ranged.get_data(as_text=True)

    exported = client.get(f"/admin/audit/export.xlsx?person={trainer.username}")
    assert exported.status_code == 200
    rows = list(load_workbook(io.BytesIO(exported.data)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("时间", "工号", "姓名", "操作") and len(rows) == 61
    assert {r[1] for r in rows[1:]} == {trainer.username} and {r[3] for r in rows[1:]} == {"审核通过"}
    assert "操作日志 60 条" in only("export", admin, "").summary  # the export is itself logged


def test_the_person_filter_finds_what_a_person_did_and_what_was_done_to_them(client, app):
    admin, worker = create_user("admin"), create_user("worker")
    audit.record("user.active", "user", worker.id, "停用", actor_id=admin.id)
    audit.record("user.password", "user", worker.id, "重设密码", actor_id=admin.id)
    audit.record("user.own_password", "user", worker.id, "本人改密码", actor_id=worker.id)
    audit.record("user.unlock", "user", admin.id, "别人", actor_id=admin.id)
    audit.record("document.remove", "document", worker.id, "《编号相同的文档》", actor_id=admin.id)
    db.session.commit()
    sign_in(client, admin)
    page = client.get(f"/admin/audit/?person={worker.username}").get_data(as_text=True)
    assert 'id="audit-total">3<' in page and "工号（操作人或对象）" in page
    assert "《编号相同的文档》" not in page
    rows = list(load_workbook(io.BytesIO(client.get(f"/admin/audit/export.xlsx?person={worker.username}").data))
                .active.iter_rows(values_only=True))
    assert len(rows) == 4


@pytest.mark.parametrize("action", ["no.such.action"])
def test_unknown_actions_are_refused(app, action):
    with pytest.raises(ValueError):
        audit.record(action)
