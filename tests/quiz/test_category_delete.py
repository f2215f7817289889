"""Deleting a category keeps paper rules and practice tasks drawing, as 合并到… does: a sub-category is
merged into its parent (its questions went there already), so a rule or task naming it now names the
parent, and the confirmation says so; a top-level one leaves its questions with no category, so it is
refused while a rule or task names it (one naming a category below it goes on: that category moves up),
and an unused one is deleted as before."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import db, utcnow
from quiz.assignments.models import Assignment
from quiz.bank import categories
from quiz.bank.models import Category, Question
from quiz.taking.models import Paper
from tests.conftest import csrf_token
from tests.factories import create_user
from tests.quiz.test_category_merge import add, node


def rule_paper(title: str, *category_ids: int) -> Paper:
    paper = Paper(title=title, mode="exam", draw="random", status="draft",
                  sections=[{"type": "single", "count": 2, "points": "1", "category_ids": list(category_ids),
                             "document_ids": [], "difficulties": []}])
    db.session.add(paper)
    return paper


def practice_task(title: str, category_id: int) -> Assignment:
    task = Assignment(kind="practice", title=title, due_at=utcnow() + timedelta(days=3),
                      practice={"category_id": category_id, "document_id": None, "job": "", "site": "", "count": 5})
    db.session.add(task)
    return task


@pytest.fixture
def roof(app):
    """顶板 (1 question) with sub-category 支护 (1 question, and its own 锚杆 with 1); 机电 beside it, unused."""
    made = [add("顶板管理", ("顶板",)), add("支护形式", ("顶板", "支护")), add("锚杆间距", ("顶板", "支护", "锚杆")),
            add("电缆敷设", ("机电",))]
    db.session.commit()
    return made


def test_deleting_a_sub_category_moves_the_rules_and_tasks_naming_it_to_its_parent(roof) -> None:
    top, sub = node("顶板"), node("顶板", "支护")
    paper, task = rule_paper("顶板考试", sub.id), practice_task("支护练习", sub.id)
    db.session.commit()
    followed = categories.delete_category(sub, create_user(role="admin"))
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Category, sub.id) is None
    assert db.session.get(Paper, paper.id).sections[0]["category_ids"] == [top.id]
    assert db.session.get(Assignment, task.id).practice["category_id"] == top.id
    assert any("《顶板考试》" in line and "已改为" in line for line in followed)
    assert node("顶板", "锚杆").parent_id == top.id


def test_deleting_a_top_level_category_a_rule_names_is_refused_naming_the_paper(roof) -> None:
    top = node("顶板")
    rule_paper("顶板月考", top.id)
    db.session.commit()
    with pytest.raises(categories.CategoryError, match="顶板月考") as refused:
        categories.delete_category(top, create_user(role="admin"))
    assert "合并到" in str(refused.value)
    db.session.rollback()
    assert categories.category_for_path(("顶板",), create=False) is not None


def test_a_rule_or_task_naming_a_category_below_it_does_not_refuse_it(roof) -> None:
    """The category below stays (moved up to the top level) and the task goes on drawing from it."""
    anchor = node("顶板", "支护", "锚杆")
    task = practice_task("锚杆练习", anchor.id)
    db.session.commit()
    assert categories.delete_category(node("顶板"), create_user(role="admin")) == []
    db.session.commit()
    db.session.expire_all()
    assert categories.category_for_path(("支护", "锚杆"), create=False).id == anchor.id
    assert db.session.get(Assignment, task.id).practice["category_id"] == anchor.id


def test_an_unused_top_level_category_is_deleted_and_its_questions_left_uncategorized(roof) -> None:
    rule_paper("顶板考试", node("顶板").id)  # names another category: no bearing on 机电
    electric = node("机电")
    assert categories.delete_category(electric, create_user(role="admin")) == []
    db.session.commit()
    assert categories.category_for_path(("机电",), create=False) is None
    question = db.session.scalar(select(Question).where(Question.category_id.is_(None)))
    assert question is not None and question.current_version.stem == "电缆敷设"


def test_the_confirmation_says_which_rules_will_follow_and_nothing_changes_before(client, login, roof) -> None:
    top, sub = node("顶板"), node("顶板", "支护")
    paper = rule_paper("顶板考试", sub.id)
    db.session.commit()
    login("admin")  # sees the paper (it has no author: an admin's draft)
    url = f"/bank/categories/{sub.id}/delete"
    token = csrf_token(client, "/bank/categories")
    asked = client.post(url, data={"csrf_token": token})
    text = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "1 份试卷的组卷规则（《顶板考试》）限定了这些分类，将改为限定题目所去的分类。" in text
    assert "上级分类“顶板”" in text and "从“顶板”（含其下级分类）的全部题目中抽题" in text
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).sections[0]["category_ids"] == [sub.id]  # nothing done yet
    client.post(url, data={"csrf_token": token, "confirmed": "1"})
    db.session.expire_all()
    assert db.session.get(Category, sub.id) is None
    assert db.session.get(Paper, paper.id).sections[0]["category_ids"] == [top.id]


def test_the_page_refuses_a_named_top_level_category_before_asking(client, login, roof) -> None:
    top = node("顶板")
    rule_paper("顶板月考", top.id)
    db.session.commit()
    login("admin")
    token = csrf_token(client, "/bank/categories")
    refused = client.post(f"/bank/categories/{top.id}/delete", data={"csrf_token": token}, follow_redirects=True)
    text = refused.get_data(as_text=True)
    assert "不能删除顶级分类“顶板”" in text and "《顶板月考》" in text and "确认删除" not in text
    db.session.expire_all()
    assert db.session.get(Category, top.id) is not None


def test_a_sub_category_named_like_the_one_deleted_is_refused_not_folded_into_it(roof) -> None:
    """顶板 / 支护 / 支护: merging the outer 支护 into 顶板 (or deleting it) would fold the inner one into the
    category being deleted."""
    inner = add("支护质量", ("顶板", "支护", "支护"))
    db.session.commit()
    with pytest.raises(categories.CategoryError, match="改名"):
        categories.delete_category(node("顶板", "支护"), create_user(role="admin"))
    with pytest.raises(categories.CategoryError, match="改名"):  # 合并到… its parent: the same refusal
        categories.merge_category(node("顶板", "支护"), node("顶板"))
    db.session.rollback()
    assert db.session.get(Question, inner.id).category.path == ("顶板", "支护", "支护")


def test_a_team_leader_is_told_only_of_the_papers_and_tasks_he_sees(client, login, roof) -> None:
    """Another 区队's draft and task are counted, never titled, on the confirmation and the refusal
    (a 班组长 may delete categories); the deletion still moves them to the parent; the log names them."""
    from core.audit import AuditEntry
    from quiz.assignments.models import AssignmentAudience
    from tests.factories import create_team

    other_unit = create_team("掘进二队", "一班")
    author = create_user(role="unit_trainer", team=other_unit)
    top, sub = node("顶板"), node("顶板", "支护")
    draft = rule_paper("二队未发布的月考草稿", sub.id)
    draft.created_by_id = author.id
    task = practice_task("二队支护练习", sub.id)
    task.created_by_id, task.audience = author.id, [AssignmentAudience(team_id=other_unit.id)]
    db.session.commit()
    login("team_leader", team=create_team("综采一队", "回收班"))
    token = csrf_token(client, "/bank/categories")
    text = client.post(f"/bank/categories/{sub.id}/delete", data={"csrf_token": token}).get_data(as_text=True)
    assert "二队未发布的月考草稿" not in text and "二队支护练习" not in text
    assert "1 份试卷的组卷规则（您无权查看）" in text and "1 项练习任务（您无权查看）" in text
    client.post(f"/bank/categories/{sub.id}/delete", data={"csrf_token": token, "confirmed": "1"})
    db.session.expire_all()
    assert db.session.get(Paper, draft.id).sections[0]["category_ids"] == [top.id]
    assert db.session.get(Assignment, task.id).practice["category_id"] == top.id
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "category.remove")).one()
    assert "二队未发布的月考草稿" in entry.summary and "二队支护练习" in entry.summary

    rule_paper("二队顶板月考", top.id).created_by_id = author.id
    db.session.commit()
    refused = client.post(f"/bank/categories/{top.id}/delete", data={"csrf_token": token}, follow_redirects=True)
    text = refused.get_data(as_text=True)
    assert "不能删除顶级分类“顶板”" in text and "二队顶板月考" not in text and "您无权查看" in text
