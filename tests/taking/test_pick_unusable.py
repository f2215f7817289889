"""加入试卷 with questions an exam cannot take (drafts, retired): the choice page says up front how many
can join and why the others cannot; when none can, no paper is made and nothing changes; a paper made
from picks is logged in 操作日志 as one made with the form is."""

from __future__ import annotations

import re

import pytest

from core.audit import AuditEntry
from core.db import db
from quiz.taking.models import Paper
from tests.contests.test_contests import Visitor
from tests.factories import create_team, create_user


@pytest.fixture
def bank(app, make_questions):
    questions = make_questions(single=2, judge=2)
    questions[0].status = "draft"
    questions[1].status = "draft"
    questions[2].status = "retired"
    db.session.commit()
    return {"draft": [questions[0].id, questions[1].id], "retired": questions[2].id, "approved": questions[3].id,
            "trainer": create_user("unit_trainer", create_team("综采一队", "回收班"))}


def _token(visitor: Visitor) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', visitor.get("/papers").get_data(as_text=True)).group(1)


def _papers() -> int:
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count()).select_from(Paper))


def test_only_drafts_ticked_the_page_says_none_can_join_and_nothing_is_made(app, bank):
    trainer = Visitor(app, bank["trainer"])
    token = _token(trainer)
    ids = [str(i) for i in bank["draft"]]
    page = trainer.post("/papers/pick", data={"csrf_token": token, "ids": ids}).get_data(as_text=True)
    assert 'id="pick-none"' in page and "都不能加入" in page and "草稿，未审核" in page
    assert 'action="/papers/pick/add"' not in page  # nothing to submit; only a way back
    before = _papers()
    done = trainer.post("/papers/pick/add", data={"csrf_token": token, "ids": ids, "paper": "new", "title": "空卷"})
    assert done.status_code == 302
    assert _papers() == before
    assert db.session.scalar(db.select(Paper).where(Paper.title == "空卷")) is None


def test_a_mix_says_how_many_join_and_why_the_rest_do_not(app, bank):
    trainer = Visitor(app, bank["trainer"])
    ids = [*bank["draft"], bank["retired"], bank["approved"]]
    page = trainer.post("/papers/pick", data={"csrf_token": _token(trainer), "ids": [str(i) for i in ids]})
    text = page.get_data(as_text=True)
    note = re.search(r'<p class="notice"[^>]*id="pick-refused"[^>]*>(.*?)</p>', text, re.S).group(1)
    assert "4 道题中 1 道可以加入" in note and "3道不能加入" in note
    assert f"草稿，未审核：第{bank['draft'][0]}、{bank['draft'][1]}题" in note and f"已停用：第{bank['retired']}题" in note


def test_a_new_paper_made_from_picks_is_logged(app, bank):
    trainer = Visitor(app, bank["trainer"])
    done = trainer.post("/papers/pick/add", data={"csrf_token": _token(trainer), "ids": [str(bank["approved"])],
                                                  "paper": "new", "title": "选题小测"})
    assert done.status_code == 302
    paper = db.session.scalar(db.select(Paper).where(Paper.title == "选题小测"))
    logged = db.session.scalars(db.select(AuditEntry).where(AuditEntry.object_type == "paper",
                                                            AuditEntry.object_id == str(paper.id))).all()
    assert {e.action for e in logged} == {"paper.save", "paper.pick"}
    assert any("新建" in e.summary and "选题小测" in e.summary for e in logged if e.action == "paper.save")
