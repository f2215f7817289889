"""A training session's 考核试卷 is chosen among the exams the trainer sees (quiz.taking.access)."""

from __future__ import annotations

from core.db import db
from quiz.taking import papers
from tests.contests.test_contests import Visitor
from tests.factories import create_team, create_user


def test_the_session_form_offers_only_the_exams_the_trainer_sees(app, make_paper):
    a1, b1 = create_team("综采一队", "回收班"), create_team("掘进二队", "掘进一班")
    author, outsider = create_user("unit_trainer", a1), create_user("unit_trainer", b1)
    paper = make_paper(title="综采内部考试", created_by_id=author.id)
    papers.set_audience(paper, unit_ids=[a1.unit_id])
    db.session.commit()
    assert "综采内部考试" in Visitor(app, author).get("/records/sessions/new").get_data(as_text=True)
    assert "综采内部考试" not in Visitor(app, outsider).get("/records/sessions/new").get_data(as_text=True)
