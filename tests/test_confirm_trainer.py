"""Trainers' destructive actions ask first (core.confirm): 撤销 an assignment, 删除 a training record,
停用 a paper, 删除 a question category. The first post shows what is lost and changes nothing; the
confirmation page posts again with confirmed=1 and the action is done."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from core.db import db
from quiz.assignments.models import Assignment
from quiz.bank.models import Category, Question
from quiz.records.models import TrainingSession
from quiz.taking.models import Paper
from tests.factories import create_team, create_user
from tests.quiz.test_views import add
from tests.test_audit import post, sign_in


def _asks(response, *phrases: str) -> str:
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="confirm-step"' in page, page[:400]
    assert 'name="confirmed" value="1"' in page
    for phrase in phrases:
        assert phrase in page, phrase
    return page


def test_withdrawing_an_assignment_and_stopping_its_paper_ask_first(client, app, make_paper):
    team = create_team("综采一队", "回收班")
    trainer = create_user("admin", team=team)
    create_user("worker", team=team)
    create_user("worker", team=team)
    paper = make_paper(title="十二月安全规程考试", sections=(("single", 2, "50"),), pass_score=Decimal(60))
    sign_in(client, trainer)
    due = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    post(client, "/assignments/new", {"kind": "paper", "paper": paper.id, "due_at": due, "teams": [team.id],
                                      "count": 10})
    assignment = db.session.scalar(select(Assignment))
    url = f"/assignments/{assignment.id}"

    page = _asks(post(client, f"{url}/withdraw", {}, page=url), "撤销任务", "十二月安全规程考试", "2 人",
                 "成绩都保留", "确认撤销")
    assert f'href="{url}"' in page  # 取消 goes back to the assignment
    assert db.session.scalar(select(func.count()).select_from(Assignment)) == 1
    done = post(client, f"{url}/withdraw", {"confirmed": "1"}, page=url)
    assert done.status_code == 302 and db.session.scalar(select(func.count()).select_from(Assignment)) == 0

    paper_url = f"/papers/{paper.id}"
    _asks(post(client, f"{paper_url}/archive", {}, page=paper_url), "停用试卷", "0 份已交卷的答卷", "不能再发布", "确认停用")
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).status == "published"
    assert post(client, f"{paper_url}/archive", {"confirmed": "1"}, page=paper_url).status_code == 302
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).status == "archived"


def test_deleting_a_training_record_asks_first(client, app):
    team = create_team("综采一队", "回收班")
    trainer = create_user("unit_trainer", team=team)
    workers = [create_user("worker", team=team) for _ in range(3)]
    sign_in(client, trainer)
    post(client, "/records/sessions/new", {
        "title": "顶板管理专题", "kind": "special", "held_on": date.today().isoformat(), "hours": "3",
        "teacher": "李工", "place": "会议室", "scope": f"t:{team.id}", "paper_id": "0", "plan": "",
        "roster": "\n".join(w.username for w in workers)})
    session = db.session.scalar(select(TrainingSession))
    url = f"/records/sessions/{session.id}"

    _asks(post(client, f"{url}/delete", {}, page=url), "顶板管理专题", "名单 3 人", "3.0 学时", "确认删除")
    db.session.expire_all()
    assert db.session.get(TrainingSession, session.id) is not None
    assert post(client, f"{url}/delete", {"confirmed": "1"}, page=url).status_code == 302
    db.session.expire_all()
    assert db.session.get(TrainingSession, session.id) is None


def test_deleting_a_category_asks_first_and_says_where_its_questions_go(client, app):
    sign_in(client, create_user("unit_trainer"))
    post(client, "/bank/categories/defaults", {}, page="/bank/categories")
    question = add("锚杆支护的要求是（ ）", category=("顶板", "支护"))
    db.session.commit()
    child = db.session.scalar(select(Category).where(Category.name == "支护"))

    _asks(post(client, f"/bank/categories/{child.id}/delete", {}, page="/bank/categories"),
          "删除分类", "1 道题", "上级分类“顶板”")
    assert db.session.get(Category, child.id) is not None
    post(client, f"/bank/categories/{child.id}/delete", {"confirmed": "1"}, page="/bank/categories")
    db.session.expire_all()
    assert db.session.get(Category, child.id) is None
    assert db.session.get(Question, question.id).category.name == "顶板"
