"""Starting a paper the worker may not see answers 404 like a missing one (README: 看不到的试卷一律 404):
another team's exam, his own team's draft; a paper he sees but cannot start now keeps its reason (409)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.db import db, utcnow
from quiz.taking import papers
from tests.factories import create_team

MISSING = 999_999


@pytest.fixture
def crew(app, make_paper):
    own, other = create_team("综采一队", "回收班"), create_team("掘进二队", "掘进一班")
    theirs = make_paper(title="掘进一班月考")
    papers.set_audience(theirs, team_ids=[other.id])
    draft = make_paper(title="回收班草稿", publish=False)
    papers.set_audience(draft, team_ids=[own.id])
    later = make_paper(title="回收班下周考试", opens_at=utcnow() + timedelta(days=7))
    papers.set_audience(later, team_ids=[own.id])
    db.session.commit()
    return {"own": own, "theirs": theirs, "draft": draft, "later": later}


def _start(client, paper_id: int):
    token = client.get("/api/v1/me").json["csrf_token"]
    return client.post(f"/api/v1/papers/{paper_id}/attempts", headers={"X-CSRFToken": token})


def test_the_api_answers_an_unseen_paper_exactly_like_a_missing_one(client, login, crew):
    login(team=crew["own"])
    missing = _start(client, MISSING)
    assert (missing.status_code, missing.json) == (404, {"error": "没有找到。"})
    for name in ("theirs", "draft"):
        response = _start(client, crew[name].id)
        assert (response.status_code, response.json) == (404, missing.json), name


def test_a_paper_seen_but_not_open_yet_still_says_why(client, login, crew):
    login(team=crew["own"])
    response = _start(client, crew["later"].id)
    assert response.status_code == 409 and response.json["error"].startswith("现在不能开始：")


def test_the_start_page_answers_an_unseen_paper_with_404(client, login, post_form, crew):
    login(team=crew["own"])
    for paper_id in (MISSING, crew["theirs"].id, crew["draft"].id):
        assert post_form(f"/papers/{paper_id}/start", page="/quizzes").status_code == 404, paper_id
    later = post_form(f"/papers/{crew['later'].id}/start", page="/quizzes")
    assert later.status_code == 302 and later.headers["Location"].endswith("/quizzes")


def test_a_trainer_who_manages_a_draft_hears_it_is_not_published(client, login, crew):
    leader = login("team_leader", team=crew["own"])
    crew["draft"].created_by_id = leader.id
    db.session.commit()
    response = _start(client, crew["draft"].id)
    assert response.status_code == 409 and "尚未发布" in response.json["error"]
