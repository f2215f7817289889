"""Points read the same before and after a paper is edited: 10分, never 10.00分 (the form's fields and
the stored rules included), as the `points` filter writes them everywhere."""

from __future__ import annotations

import pytest

from core.db import db
from quiz.taking import papers
from quiz.taking.models import Paper
from tests.contests.test_contests import Visitor
from tests.contests.test_paper_window import form_values
from tests.factories import create_user


@pytest.fixture
def admin(app):
    return Visitor(app, create_user("admin"))


def test_points_keep_no_trailing_zeros_after_an_edit(app, admin, make_questions):
    make_questions(single=3, multi=2)
    data = form_values(admin.get("/papers/new").get_data(as_text=True))
    data.update({"title": ["分值小测"], "pass_score": ["20"], "sections-0-type": ["single"], "sections-0-count": ["3"],
                 "sections-0-points": ["10"], "sections-1-type": ["multi"], "sections-1-count": ["2"],
                 "sections-1-points": ["2.5"]})
    assert admin.post("/papers/new", data=data).status_code == 302
    paper = db.session.scalars(db.select(Paper)).one()
    url = f"/papers/{paper.id}/edit"
    form = admin.get(url).get_data(as_text=True)
    shown = form_values(form)
    assert shown["sections-0-points"] == ["10"] and shown["sections-1-points"] == ["2.5"]
    assert shown["pass_score"] == ["20"]
    # Saved again as the form shows it (and as it would be typed, 10.00).
    assert admin.post(url, data=dict(shown, **{"sections-0-points": ["10.00"]})).status_code == 302
    page = admin.get(f"/papers/{paper.id}").get_data(as_text=True)
    assert "3道 × 10分" in page and "2道 × 2.5分" in page and ".00" not in page and "2.50" not in page
    db.session.expire_all()
    assert [s["points"] for s in db.session.get(Paper, paper.id).sections] == ["10", "2.5"]
    assert papers.Section("single", 1, papers.parse_points("3.50")).label == "单选题 1道 × 3.5分"
