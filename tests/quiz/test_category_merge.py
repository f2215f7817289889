"""Categories: imports made parallel top-level categories (入井 / 入井管理, 机电 / 机电运输) and renaming one
into the other is refused; the 分类 page shows each category's question counts and merges one into another
(its questions and sub-categories move, it is deleted; confirmed first, logged)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.audit import AuditEntry
from core.db import db
from quiz.bank import browse, categories, service
from quiz.bank.models import Category, Question
from quiz.bank.types import Option, QuestionDraft
from tests.conftest import csrf_token


def add(stem: str, category: tuple[str, ...]) -> Question:
    return service.add_question(QuestionDraft(type="single", stem=stem, options=(Option("A", "甲"), Option("B", "乙")),
                                              answer=("A",), category=category))


def node(*path: str) -> Category:
    found = categories.category_for_path(path, create=False)
    assert found is not None, path
    return found


@pytest.fixture
def parallel(app):
    """入井 (2 questions, sub-category 携带物品 with 1, 安全 with 1) beside 入井管理 (1 question, 安全 with 1)."""
    made = [add("入井前必须（ ）", ("入井",)), add("入井时严禁（ ）", ("入井",)), add("自救器（ ）", ("入井", "携带物品")),
            add("入井安全一", ("入井", "安全")), add("入井检身", ("入井管理",)), add("入井安全二", ("入井管理", "安全"))]
    db.session.commit()
    return made


def test_counts_are_own_and_with_sub_categories(parallel) -> None:
    counts = browse.category_counts()
    assert counts[node("入井").id] == (2, 4)
    assert counts[node("入井", "携带物品").id] == (1, 1)
    assert counts[node("入井管理").id] == (1, 2)


def test_merge_moves_questions_and_sub_categories_and_folds_same_named_ones(parallel) -> None:
    source, target = node("入井"), node("入井管理")
    categories.merge_category(source, target)
    db.session.commit()
    assert categories.category_for_path(("入井",), create=False) is None
    paths = {q.current_version.stem: q.category.path for q in db.session.scalars(select(Question))}
    assert paths["入井前必须（ ）"] == ("入井管理",) and paths["入井检身"] == ("入井管理",)
    assert paths["自救器（ ）"] == ("入井管理", "携带物品")
    assert paths["入井安全一"] == paths["入井安全二"] == ("入井管理", "安全")
    assert len(node("入井管理").children) == 2


def test_merge_refuses_itself_and_its_own_sub_category(parallel) -> None:
    source = node("入井")
    with pytest.raises(categories.CategoryError):
        categories.merge_category(source, source)
    with pytest.raises(categories.CategoryError, match="下级"):
        categories.merge_category(source, node("入井", "安全"))


def test_the_page_shows_counts_and_merges_after_confirming(client, login, parallel) -> None:
    trainer = login("unit_trainer")
    page = client.get("/bank/categories").get_data(as_text=True)
    assert "合并到" in page and "本分类 2 题，含下级共 4 题" in page
    source, target = node("入井"), node("入井管理")
    url = f"/bank/categories/{source.id}/merge"
    token = csrf_token(client, "/bank/categories")
    asked = client.post(url, data={"csrf_token": token, "target": str(target.id)})
    text = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "入井管理" in text and "4 道题" in text and "2 个子分类" in text
    assert db.session.get(Category, source.id) is not None  # nothing done before the confirmation
    done = client.post(url, data={"csrf_token": token, "target": str(target.id), "confirmed": "1"})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Category, source.id) is None
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "category.merge")).one()
    assert entry.actor_id == trainer.id and "入井 → 入井管理" in entry.summary and "4 道题" in entry.summary


def test_workers_cannot_merge(client, login, parallel) -> None:
    login("worker")
    source, target = node("入井"), node("入井管理")
    assert client.post(f"/bank/categories/{source.id}/merge", data={"target": str(target.id)}).status_code in (400, 403)


def test_paper_rules_and_practice_tasks_naming_the_merged_category_follow_it(client, login, parallel) -> None:
    """A rule 分类=入井 (or its 安全) would draw from a deleted category and leave workers unable to start:
    it is told on the confirmation page and rewritten to the category the questions went to."""
    from datetime import timedelta

    from core.db import utcnow
    from quiz.assignments.models import Assignment
    from quiz.taking.models import Paper

    source, target = node("入井"), node("入井管理")
    folded, kept = node("入井", "安全"), node("入井管理", "安全")
    paper = Paper(title="入井考试", mode="exam", draw="random", status="draft",
                  sections=[{"type": "single", "count": 2, "points": "1", "category_ids": [source.id, folded.id, target.id],
                             "document_ids": [], "difficulties": []}])
    task = Assignment(kind="practice", title="入井练习", due_at=utcnow() + timedelta(days=3),
                      practice={"category_id": folded.id, "document_id": None, "job": "", "site": "", "count": 5})
    db.session.add_all([paper, task])
    db.session.commit()
    login("admin")  # sees both (a 班组长 would not: test_a_trainer_is_told_only_of_papers_he_sees)
    url = f"/bank/categories/{source.id}/merge"
    token = csrf_token(client, "/bank/categories")
    text = client.post(url, data={"csrf_token": token, "target": str(target.id)}).get_data(as_text=True)
    assert "1 份试卷" in text and "入井考试" in text and "1 项练习任务" in text
    assert "从“入井管理”（含其下级分类）的全部题目中抽题" in text  # wider than 入井 was
    client.post(url, data={"csrf_token": token, "target": str(target.id), "confirmed": "1"})
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).sections[0]["category_ids"] == [target.id, kept.id]
    assert db.session.get(Assignment, task.id).practice["category_id"] == kept.id


def test_a_trainer_is_told_only_of_papers_and_tasks_he_sees(client, login, parallel) -> None:
    """A 班组长 may merge categories: the confirmation names only the papers and tasks he sees and counts the
    others (another 区队's draft is nobody else's business, quiz.taking.access); the merge still rewrites them
    all (else they draw from a deleted category), and the log, which admins read, names every one."""
    from datetime import timedelta

    from core.db import utcnow
    from quiz.assignments.models import Assignment, AssignmentAudience
    from quiz.taking.models import Paper
    from tests.factories import create_team, create_user

    own_team, other_unit = create_team("综采一队", "回收班"), create_team("掘进二队", "一班")
    author = create_user(role="unit_trainer", team=other_unit)
    source, target = node("入井"), node("入井管理")
    rule = {"type": "single", "count": 1, "points": "1", "category_ids": [source.id], "document_ids": [],
            "difficulties": []}
    draft = Paper(title="二队未发布的月考草稿", mode="exam", draw="random", status="draft", created_by_id=author.id,
                  sections=[rule])
    task = Assignment(kind="practice", title="二队入井练习", due_at=utcnow() + timedelta(days=3), created_by_id=author.id,
                      practice={"category_id": source.id, "document_id": None, "job": "", "site": "", "count": 5},
                      audience=[AssignmentAudience(team_id=other_unit.id)])
    db.session.add_all([draft, task])
    leader = login("team_leader", team=own_team)
    mine = Paper(title="回收班入井小测", mode="exam", draw="random", status="draft", created_by_id=leader.id,
                 sections=[rule])
    db.session.add(mine)
    db.session.commit()
    url = f"/bank/categories/{source.id}/merge"
    token = csrf_token(client, "/bank/categories")
    text = client.post(url, data={"csrf_token": token, "target": str(target.id)}).get_data(as_text=True)
    assert "回收班入井小测" in text and "二队未发布的月考草稿" not in text and "二队入井练习" not in text
    assert "2 份试卷的组卷规则（《回收班入井小测》，另有 1 份您无权查看）" in text
    assert "1 项练习任务（您无权查看）" in text
    client.post(url, data={"csrf_token": token, "target": str(target.id), "confirmed": "1"})
    db.session.expire_all()
    assert [db.session.get(Paper, p.id).sections[0]["category_ids"] for p in (draft, mine)] == [[target.id]] * 2
    assert db.session.get(Assignment, task.id).practice["category_id"] == target.id
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "category.merge")).one()
    assert "二队未发布的月考草稿" in entry.summary and "二队入井练习" in entry.summary
