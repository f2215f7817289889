"""A trainer assigns only papers the trainer may see (quiz.taking.access): another 区队's paper is
neither offered nor accepted by a crafted POST, and its audience is left as it was."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.db import db, utcnow
from quiz.assignments.models import Assignment
from quiz.taking import papers
from quiz.taking.models import Paper
from tests.assignments.test_pages import due_text, sign_in
from tests.conftest import csrf_token
from tests.factories import create_team, create_user


def test_a_paper_not_seen_is_neither_offered_nor_assigned(app, client, make_paper):
    a1, b1 = create_team("综采一队", "回收班"), create_team("掘进二队", "掘进一班")
    author, outsider = create_user("unit_trainer", a1), create_user("team_leader", b1)
    paper = make_paper(title="综采内部考试", created_by_id=author.id)
    papers.set_audience(paper, unit_ids=[a1.unit_id])
    db.session.commit()
    sign_in(client, outsider)
    assert "综采内部考试" not in client.get("/assignments/new").get_data(as_text=True)
    response = client.post("/assignments/new", data={
        "csrf_token": csrf_token(client, "/assignments/new"), "kind": "paper", "paper": paper.id,
        "due_at": due_text(utcnow() + timedelta(days=2)), "teams": [b1.id], "count": 10})
    assert response.status_code == 200 and "请选择试卷" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(Assignment)) is None
    assert {(a.team_id, a.unit_id) for a in db.session.get(Paper, paper.id).audience} == {(None, a1.unit_id)}
