"""Trainers' changes in the 操作日志: the bank's categories, moves and citations, papers published and
stopped, assignments withdrawn, training records saved and deleted — one entry each, saying what."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from core.db import db
from quiz.assignments.models import Assignment
from quiz.bank.models import Category, Question
from quiz.records.models import TrainingSession
from tests.factories import create_team, create_user
from tests.quiz.test_views import add
from tests.test_audit import entries, only, post, sign_in


def test_categories_moves_and_citations(client, app):
    trainer = create_user("unit_trainer")
    sign_in(client, trainer)
    post(client, "/bank/categories/defaults", {}, page="/bank/categories")
    [defaults] = entries("category.add")
    assert "标准分类" in defaults.summary and "顶板" in defaults.summary
    top = db.session.scalar(select(Category).where(Category.name == "顶板"))
    post(client, "/bank/categories", {"name": "支护", "parent": str(top.id)})
    child = db.session.scalar(select(Category).where(Category.name == "支护"))
    assert only_of("category.add", child.id).summary == "顶板 / 支护"
    post(client, f"/bank/categories/{child.id}/rename", {"name": "锚杆支护"}, page="/bank/categories")
    assert only("category.rename", trainer, child.id).summary == "顶板 / 支护 → 顶板 / 锚杆支护"

    question = add("锚杆支护的要求是（ ）")
    db.session.commit()
    post(client, "/bank/bulk", {"ids": [question.id], "action": "move", "category": str(child.id)}, page="/bank/")
    assert only("question.move", trainer, question.id).summary == f"#{question.id} → 锚杆支护"
    post(client, f"/bank/categories/{child.id}/delete", {"confirmed": "1"}, page="/bank/categories")
    assert "锚杆支护" in only("category.remove", trainer, child.id).summary

    post(client, f"/bank/{question.id}/citation", {"choice": "clear"}, page=f"/bank/{question.id}")
    assert only("question.citation", trainer, question.id).summary == "出处确认：（无）"


def only_of(action: str, object_id: int):
    found = [e for e in entries(action) if e.object_id == str(object_id)]
    assert len(found) == 1
    return found[0]


def test_papers_published_and_stopped_and_assignments_withdrawn(client, app, make_paper):
    team = create_team("综采一队", "回收班")
    trainer = create_user("admin", team=team)  # an admin may publish a paper made for no one yet
    paper = make_paper(title="十二月安全规程考试", sections=(("single", 2, "50"),), pass_score=Decimal(60),
                       publish=False)
    sign_in(client, trainer)
    published = post(client, f"/papers/{paper.id}/publish", {}, page=f"/papers/{paper.id}")
    assert published.status_code == 302
    assert only("paper.publish", trainer, paper.id).summary == "十二月安全规程考试"

    due = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    post(client, "/assignments/new", {"kind": "paper", "paper": paper.id, "due_at": due, "teams": [team.id],
                                      "count": 10})
    assignment = db.session.scalar(select(Assignment))
    withdrawn = post(client, f"/assignments/{assignment.id}/withdraw", {"confirmed": "1"},
                     page=f"/assignments/{assignment.id}")
    assert withdrawn.status_code == 302
    assert "十二月安全规程考试" in only("assignment.withdraw", trainer, assignment.id).summary

    post(client, f"/papers/{paper.id}/archive", {"confirmed": "1"}, page=f"/papers/{paper.id}")
    only("paper.archive", trainer, paper.id)


def test_training_records_saved_and_deleted(client, app):
    team = create_team("综采一队", "回收班")
    trainer = create_user("unit_trainer", team=team)
    worker = create_user("worker", team=team)
    sign_in(client, trainer)
    held = date.today().isoformat()
    saved = post(client, "/records/sessions/new", {
        "title": "顶板管理专题", "kind": "special", "held_on": held, "hours": "3", "teacher": "李工",
        "place": "会议室", "scope": f"t:{team.id}", "paper_id": "0", "plan": "", "roster": worker.username})
    assert saved.status_code == 302, saved.get_data(as_text=True)[-800:]
    session = db.session.scalar(select(TrainingSession))
    assert only("session.save", trainer, session.id).summary == f"新建 {held} 顶板管理专题，名单1人"
    post(client, f"/records/sessions/{session.id}/delete", {"confirmed": "1"}, page=f"/records/sessions/{session.id}")
    assert only("session.remove", trainer, session.id).summary == f"{held} 顶板管理专题"
    assert db.session.scalar(select(Question)) is None  # nothing else was touched
