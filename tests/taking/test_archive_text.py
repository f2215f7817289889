"""停用 a paper says what happens, truthfully: who can no longer start it, how many sheets are handed in,
and how many are in progress — those may still be finished and handed in, and are scored as usual."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from core.db import db, utcnow
from quiz.taking import attempts, papers
from quiz.taking.models import Paper
from tests.contests.test_contests import Visitor
from tests.factories import create_team, create_user


@pytest.fixture
def sat(app, make_paper):
    team = create_team("综采一队", "回收班")
    paper = make_paper(sections=(("single", 2, "5"),), title="十二月月考", max_attempts=1,
                       closes_at=utcnow() + timedelta(days=1))
    papers.set_audience(paper, team_ids=[team.id])
    now = utcnow()
    for _ in range(2):
        attempts.submit(attempts.start_paper(paper, create_user(team=team), now), now)
    late = create_user(team=team)
    attempts.start_paper(paper, late, now)
    db.session.commit()
    return paper, late


def _confirm_page(app, paper) -> str:
    admin = Visitor(app, create_user("admin"))
    page = admin.get(f"/papers/{paper.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    return admin.post(f"/papers/{paper.id}/archive", data={"csrf_token": token}).get_data(as_text=True), admin, token


def test_the_confirmation_counts_handed_in_and_in_progress_sheets_and_says_what_becomes_of_them(app, sat):
    paper, late = sat
    text, admin, token = _confirm_page(app, paper)
    assert "布置了它的任务也不能再作答" not in text
    assert "2 份已交卷" in text and "1 份正在作答" in text and "仍可继续作答并交卷" in text
    assert admin.post(f"/papers/{paper.id}/archive", data={"csrf_token": token, "confirmed": "1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Paper, paper.id).status == "archived"
    # What the page said holds: the sitting in progress is still handed in and scored.
    sitting = attempts.start_paper(db.session.get(Paper, paper.id), late, utcnow())  # resumes the open one
    attempts.submit(sitting, utcnow())
    db.session.commit()
    assert sitting.status == "submitted" and sitting.score is not None
