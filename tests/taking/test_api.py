"""The JSON API and the pages through the Flask test client: the flow, ownership, CSRF, flags, trainers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import db, utcnow
from quiz.bank.models import QuestionFlag
from quiz.taking.models import Attempt
from tests.conftest import csrf_token


def api_headers(client) -> dict:
    return {"X-CSRFToken": client.get("/api/v1/me").json["csrf_token"]}


@pytest.fixture
def exam(make_paper):
    return make_paper(sections=(("single", 2, "30"), ("multi", 1, "20"), ("blank", 1, "20")), max_attempts=2,
                      time_limit_minutes=30, pass_score=60)


def test_the_whole_flow_through_the_api(client, login, exam):
    login()
    h = api_headers(client)
    listed = client.get("/api/v1/quizzes").json["papers"]
    assert [p["id"] for p in listed] == [exam.id] and listed[0]["can_start"]
    started = client.post(f"/api/v1/papers/{exam.id}/attempts", headers=h)
    assert started.status_code == 200
    attempt = started.json
    assert 1790 <= attempt["remaining_seconds"] <= 1800 and len(attempt["items"]) == 4
    assert all("feedback" not in i and "explanation" not in str(i) for i in attempt["items"])
    url = f"/api/v1/attempts/{attempt['id']}"
    saved = client.put(f"{url}/items/1", json={"answer": ["A"], "seq": 1}, headers=h)
    assert saved.status_code == 200 and saved.json["seq"] == 1 and "feedback" not in saved.json
    blank = next(i for i in attempt["items"] if i["shape"] == "blank")
    client.put(f"{url}/items/{blank['position']}", json={"answer": ["二十米"], "seq": 1}, headers=h)
    # A closed browser: starting again resumes the same attempt with the saved answers.
    again = client.post(f"/api/v1/papers/{exam.id}/attempts", headers=h).json
    assert again["id"] == attempt["id"] and again["items"][0]["answer"] == ["A"] and again["answered"] == 2
    first = client.post(f"{url}/submit", headers=h)
    second = client.post(f"{url}/submit", headers=h)
    assert first.status_code == second.status_code == 200
    assert first.json["score"] == second.json["score"] and first.json["submitted_at"] == second.json["submitted_at"]
    assert client.put(f"{url}/items/2", json={"answer": ["A"], "seq": 1}, headers=h).status_code == 409
    history = client.get("/api/v1/history").json
    assert len(history["attempts"]) == 1 and history["series"][0]["percent"] >= 20.0
    assert client.get(f"{url}/result").json["score"] == first.json["score"]


def test_a_save_after_the_deadline_is_refused_with_a_clear_message(client, login, exam):
    worker = login()
    h = api_headers(client)
    attempt = client.post(f"/api/v1/papers/{exam.id}/attempts", headers=h).json
    client.put(f"/api/v1/attempts/{attempt['id']}/items/1", json={"answer": ["B"], "seq": 1}, headers=h)
    stored = db.session.get(Attempt, attempt["id"])
    stored.deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    late = client.put(f"/api/v1/attempts/{attempt['id']}/items/2", json={"answer": ["B"], "seq": 1}, headers=h)
    assert late.status_code == 409 and "时间已到" in late.json["error"]
    result = client.get(f"/api/v1/attempts/{attempt['id']}/result").json
    assert result["status"] == "expired" and result["items"][0]["answer"] == ["B"]
    assert stored.user_id == worker.id


def test_another_workers_attempt_is_404_on_every_page_and_route(app, client, login, make_user, exam, post_form):
    owner = make_user()
    from quiz.taking import attempts

    theirs = attempts.start_paper(exam, owner, utcnow())
    db.session.commit()
    login()
    h = api_headers(client)
    base = f"/api/v1/attempts/{theirs.id}"
    assert client.get(base).status_code == 404
    assert client.get(f"{base}/items/1").status_code == 404
    assert client.get(f"{base}/result").status_code == 404
    assert client.put(f"{base}/items/1", json={"answer": ["A"]}, headers=h).status_code == 404
    assert client.post(f"{base}/submit", headers=h).status_code == 404
    assert client.post(f"{base}/focus-loss", headers=h).status_code == 404
    assert client.get(f"/attempts/{theirs.id}").status_code == 404
    assert client.get(f"/attempts/{theirs.id}/result").status_code == 404
    db.session.refresh(theirs)
    assert theirs.status == "open" and theirs.items[0].response is None


def test_api_needs_a_session_and_csrf(client, login, exam):
    assert client.get("/api/v1/quizzes").status_code == 401
    assert client.get("/api/v1/quizzes").json["error"] == "请先登录。"
    login()
    assert client.post(f"/api/v1/papers/{exam.id}/attempts").status_code == 400  # no X-CSRFToken
    assert db.session.scalar(select(Attempt.id)) is None


def test_attempts_limit(client, login, exam):
    login()
    h = api_headers(client)
    for _ in range(2):
        attempt = client.post(f"/api/v1/papers/{exam.id}/attempts", headers=h).json
        client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=h)
    third = client.post(f"/api/v1/papers/{exam.id}/attempts", headers=h)
    assert third.status_code == 409 and "用完2次机会" in third.json["error"]
    assert client.get("/api/v1/quizzes").json["papers"][0]["why_not"] == "机会已用完"


def test_a_worker_flags_a_question_they_were_shown_and_trainers_see_it(client, login, exam, make_questions):
    worker = login()
    h = api_headers(client)
    attempt = client.post(f"/api/v1/papers/{exam.id}/attempts", headers=h).json
    shown = attempt["items"][0]["question_id"]
    unseen = make_questions(judge=1)[0].id
    assert client.post(f"/api/v1/questions/{unseen}/flags", json={"reason": "wrong"}, headers=h).status_code == 404
    assert client.post(f"/api/v1/questions/{shown}/flags", json={"reason": "other"}, headers=h).status_code == 400
    made = client.post(f"/api/v1/questions/{shown}/flags", json={"reason": "wrong", "comment": "答案应为B"},
                       headers=h)
    assert made.status_code == 201
    assert db.session.scalar(select(QuestionFlag.user_id)) == worker.id
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(role="unit_trainer")
    detail = client.get(f"/bank/{shown}").get_data(as_text=True)
    assert "职工纠错 1 条" in detail and "答案应为B" in detail
    assert f'/bank/{shown}"' in client.get("/bank/?flagged=1").get_data(as_text=True)
    assert "职工纠错待处理 1 道" in client.get("/bank/review/").get_data(as_text=True)


def test_practice_page_feedback_links_the_cited_article(client, login, make_paper):
    make_paper(sections=(("judge", 2, "1"),), publish=False)
    login()
    page = client.get("/quizzes").get_data(as_text=True)
    token = csrf_token(client, "/quizzes")
    response = client.post("/practice/start", data={"csrf_token": token, "count": "5", "category": "",
                                                    "document": "", "job": "", "site": ""})
    assert response.status_code == 302 and "/attempts/" in response.location
    attempt_id = int(response.location.rsplit("/", 1)[1])
    h = api_headers(client)
    saved = client.put(f"/api/v1/attempts/{attempt_id}/items/1", json={"answer": ["A"]}, headers=h).json
    assert saved["feedback"]["correct"] is True and saved["feedback"]["explanation"].startswith("解析")
    assert "自选练习" in page


def test_trainer_composes_publishes_and_sees_results(client, login, make_questions, post_form):
    make_questions(single=4, judge=2)
    trainer = login(role="unit_trainer")
    data = {"title": "十二月月考", "mode": "exam", "draw": "fixed", "multi_rule": "half", "pass_score": "8",
            "time_limit_minutes": "20", "max_attempts": "1", "shuffle_options": "y", "jobs": "",
            "sections-0-type": "single", "sections-0-count": "3", "sections-0-points": "2",
            "sections-1-type": "judge", "sections-1-count": "2", "sections-1-points": "2",
            "teams": str(trainer.team_id)}
    created = post_form("/papers/new", data)
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    paper_url = created.location
    detail = client.get(paper_url).get_data(as_text=True)
    assert "单选题 3道 × 2分" in detail and "共5题，10分" in detail
    published = post_form(paper_url + "/publish", page=paper_url)
    assert published.status_code == 302
    assert "已发布" in client.get(paper_url).get_data(as_text=True)
    too_many = dict(data, **{"sections-0-count": "9", "title": "太多"})
    post_form("/papers/new", too_many)
    from quiz.taking.models import Paper

    big = db.session.scalar(select(Paper).where(Paper.title == "太多"))
    bad = post_form(f"/papers/{big.id}/publish", page=f"/papers/{big.id}", follow_redirects=True)
    assert "要9道单选题，符合条件的已审核题只有4道" in bad.get_data(as_text=True)


def test_workers_cannot_reach_trainer_pages(client, login, exam):
    login()
    assert client.get("/papers").status_code == 403
    assert client.get(f"/papers/{exam.id}").status_code == 403


def test_openapi_document_lists_the_flow(client, login):
    login()
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    for path in ("/quizzes", "/papers/{paper_id}/attempts", "/attempts/{attempt_id}/items/{position}",
                 "/attempts/{attempt_id}/submit", "/attempts/{attempt_id}/result", "/history"):
        assert path in spec["paths"]
    assert "put" in spec["paths"]["/attempts/{attempt_id}/items/{position}"]


def test_focus_losses_are_counted_and_shown_to_the_trainer(client, login, exam):
    worker = login()
    h = api_headers(client)
    attempt = client.post(f"/api/v1/papers/{exam.id}/attempts", headers=h).json
    for expected in (1, 2):
        assert client.post(f"/api/v1/attempts/{attempt['id']}/focus-loss", headers=h).json["focus_losses"] == expected
    client.post(f"/api/v1/attempts/{attempt['id']}/submit", headers=h)
    after = client.post(f"/api/v1/attempts/{attempt['id']}/focus-loss", headers=h).json["focus_losses"]
    assert after == 2  # nothing counted once submitted
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(role="team_leader", team=worker.team)
    row = client.get(f"/papers/{exam.id}").get_data(as_text=True)
    assert worker.username in row and "<td>2</td>" in row.split(worker.username, 1)[1]


def test_wrong_only_practice_draws_from_the_wrong_answer_book(client, login, make_questions):
    # The wrong-only query once nested a SELECT in a SELECT: every such practice was a 500 (found by schemathesis).
    from quiz.taking.models import ReviewCard

    questions = make_questions(single=3)
    worker = login()
    h = api_headers(client)
    wrong = questions[1]
    db.session.add(ReviewCard(user_id=worker.id, question_id=wrong.id, due=utcnow()))
    db.session.commit()
    started = client.post("/api/v1/practice", json={"wrong_only": True, "count": 5}, headers=h)
    assert started.status_code == 200, started.get_data(as_text=True)
    assert [i["stem"] for i in started.json["items"]] == [wrong.current_version.stem]


def test_ids_beyond_any_column_are_404_and_unstorable_text_is_400(client, login):
    login()
    h = api_headers(client)
    huge = 2**31  # one past PostgreSQL's integer
    assert client.get(f"/api/v1/attempts/{huge}").status_code == 404
    assert client.get(f"/api/v1/attempts/{10**25}").status_code == 404
    assert client.post(f"/api/v1/papers/{huge}/attempts", headers=h).status_code == 404
    assert client.put(f"/api/v1/attempts/1/items/{huge}", json={"answer": ["A"]}, headers=h).status_code == 404
    body = '{"job": "\\ud800", "count": 3}'  # a lone surrogate: valid JSON, not storable text
    refused = client.post("/api/v1/practice", data=body, content_type="application/json", headers=h)
    assert refused.status_code == 400 and "error" in refused.json
    for sent in ({"job": "采煤\x00工"}, {"site": "\x00"}, {"job": "采煤工", "x\x00": 1}):  # PostgreSQL refuses NUL
        refused = client.post("/api/v1/practice", json=sent, headers=h)
        assert refused.status_code == 400 and "error" in refused.json, sent
    assert client.put("/api/v1/attempts/1/items/1", json={"answer": ["A"], "seq": huge}, headers=h).status_code in (
        400, 404)  # not the caller's attempt (404) or a seq no column holds (400): never a 500
    practice = client.post("/api/v1/practice", json={"document_id": -huge, "category_id": huge}, headers=h)
    assert practice.status_code in (200, 409), practice.get_data(as_text=True)
