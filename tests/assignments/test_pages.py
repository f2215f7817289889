"""Assignments through the test client: a trainer assigns, the worker's home page shows it, the worker
completes it, the assignment page and its JSON update; scopes answer 404 (another team) and 403 (workers)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core import clock
from core.db import db, utcnow
from quiz.assignments.models import Assignment
from quiz.taking import attempts
from quiz.taking.models import Attempt
from tests.checkboxes import offered
from tests.conftest import csrf_token
from tests.factories import create_team, create_user

PASSWORD = "Passw0rd!x"


def sign_in(client, user) -> None:
    if client.get("/").status_code == 200 and "退出" in client.get("/").get_data(as_text=True):
        client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    response = client.post("/login", data={"username": user.username, "password": PASSWORD,
                                           "csrf_token": csrf_token(client, "/login")})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]


def due_text(when) -> str:
    return clock.local(when).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def place(app):
    a = create_team("综采一队", "回收班")
    b = create_team("综采一队", "安装班")
    return {"a": a, "b": b, "trainer": create_user("unit_trainer", team=a), "worker": create_user(team=a),
            "other": create_user(team=b), "leader_b": create_user("team_leader", team=b)}


def test_assign_then_the_worker_completes_it_and_the_page_updates(client, place, make_paper):
    paper = make_paper(title="十二月安全规程考试", sections=(("single", 2, "50"),), pass_score=Decimal(60))
    sign_in(client, place["trainer"])
    form = client.get("/assignments/new").get_data(as_text=True)
    assert (place["a"].unit.name, place["a"].name) in {(h, label) for h, label, _ in offered(form, "teams")}
    assert "十二月安全规程考试" in form
    created = client.post("/assignments/new", data={
        "csrf_token": csrf_token(client, "/assignments/new"), "kind": "paper", "paper": paper.id,
        "due_at": due_text(utcnow() + timedelta(days=2)), "teams": [place["a"].id], "count": 10,
    })
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    assignment = db.session.scalar(select(Assignment))
    assert created.location.endswith(f"/assignments/{assignment.id}")
    page = client.get(f"/assignments/{assignment.id}").get_data(as_text=True)
    assert 'data-figure="completion">0.0%' in page and place["worker"].username in page
    assert place["other"].username not in page  # team B was not assigned

    sign_in(client, place["worker"])
    home = client.get("/").get_data(as_text=True)
    assert f'data-assignment="{assignment.id}"' in home and "十二月安全规程考试" in home and "去完成" in home
    started = client.post(f"/assignments/{assignment.id}/start", data={"csrf_token": csrf_token(client, "/")})
    assert started.status_code == 302 and "/attempts/" in started.location
    attempt = db.session.get(Attempt, int(started.location.rsplit("/", 1)[1]))
    headers = {"X-CSRFToken": client.get("/api/v1/me").json["csrf_token"]}
    for item in attempts.with_items(attempt).items:
        right = attempts.to_shown(item, item.version.answer)
        assert client.put(f"/api/v1/attempts/{attempt.id}/items/{item.position}", json={"answer": right},
                          headers=headers).status_code == 200
    assert client.post(f"/api/v1/attempts/{attempt.id}/submit", headers=headers).json["passed"] is True
    assert f'data-assignment="{assignment.id}"' not in client.get("/").get_data(as_text=True)

    sign_in(client, place["trainer"])
    page = client.get(f"/assignments/{assignment.id}").get_data(as_text=True)
    assert 'data-figure="completion">100.0%' in page and 'data-status="passed"' in page
    listed = client.get("/assignments").get_data(as_text=True)
    assert "十二月安全规程考试" in listed and "100.0%" in listed
    data = client.get(f"/api/v1/assignments/{assignment.id}").json
    assert data["counts"]["passed"] == 1 and data["counts"]["total"] == 1
    assert data["people"][0]["score"] == "100.00" and data["people"][0]["status"] == "passed"


def test_a_practice_set_assigned_through_the_form(client, place, make_questions):
    make_questions(single=3, judge=3)
    sign_in(client, place["trainer"])
    created = client.post("/assignments/new", data={
        "csrf_token": csrf_token(client, "/assignments/new"), "kind": "practice", "title": "判断题热身",
        "count": 4, "due_at": due_text(utcnow() + timedelta(days=1)), "units": [place["a"].unit_id],
    })
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    assignment = db.session.scalar(select(Assignment))
    assert assignment.kind == "practice" and assignment.practice["count"] == 4
    # the unit reaches both teams; the team filter narrows the list
    page = client.get(f"/assignments/{assignment.id}").get_data(as_text=True)
    assert place["worker"].username in page and place["other"].username in page
    only_b = client.get(f"/assignments/{assignment.id}?team={place['b'].id}").get_data(as_text=True)
    assert place["other"].username in only_b and place["worker"].username not in only_b
    sign_in(client, place["other"])
    started = client.post(f"/assignments/{assignment.id}/start", data={"csrf_token": csrf_token(client, "/")})
    attempt = db.session.get(Attempt, int(started.location.rsplit("/", 1)[1]))
    assert len(attempt.items) == 4
    headers = {"X-CSRFToken": client.get("/api/v1/me").json["csrf_token"]}
    for item in attempts.with_items(attempt).items:  # done means every question answered
        assert client.put(f"/api/v1/attempts/{attempt.id}/items/{item.position}",
                          json={"answer": attempts.to_shown(item, item.version.answer)},
                          headers=headers).status_code == 200
    client.post(f"/api/v1/attempts/{attempt.id}/submit", headers=headers)
    sign_in(client, place["trainer"])
    data = client.get(f"/api/v1/assignments/{assignment.id}").json
    assert data["counts"]["done"] == 1 and data["counts"]["not_done"] == 2  # the other team's two still to do


def test_another_teams_leader_gets_404_and_workers_403(client, place, make_paper):
    paper = make_paper()
    sign_in(client, place["trainer"])
    client.post("/assignments/new", data={
        "csrf_token": csrf_token(client, "/assignments/new"), "kind": "paper", "paper": paper.id,
        "due_at": due_text(utcnow() + timedelta(days=2)), "teams": [place["a"].id],
    })
    assignment = db.session.scalar(select(Assignment))
    sign_in(client, place["leader_b"])
    assert client.get(f"/assignments/{assignment.id}").status_code == 404
    assert client.get(f"/api/v1/assignments/{assignment.id}").status_code == 404
    assert client.get(f"/assignments/{assignment.id + 1000}").status_code == 404
    assert "月考" not in client.get("/assignments").get_data(as_text=True)
    # He cannot assign to team A either: the form offers only his team, and a forged id is refused.
    form = client.get("/assignments/new").get_data(as_text=True)
    assert place["b"].full_name in form and place["a"].full_name not in form
    forged = client.post("/assignments/new", data={
        "csrf_token": csrf_token(client, "/assignments/new"), "kind": "paper", "paper": paper.id,
        "due_at": due_text(utcnow() + timedelta(days=2)), "teams": [place["a"].id],
    })
    assert forged.status_code == 200 and "管理范围" in forged.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Assignment)) == 1
    sign_in(client, place["other"])
    assert client.get("/assignments").status_code == 403
    assert client.get(f"/assignments/{assignment.id}").status_code == 403
    assert client.get(f"/api/v1/assignments/{assignment.id}").status_code == 403
    # a worker outside the audience cannot start it either
    assert client.post(f"/assignments/{assignment.id}/start",
                       data={"csrf_token": csrf_token(client, "/")}).status_code == 404


def test_the_one_who_assigned_it_withdraws_it_and_nobody_else_can(client, place, make_paper):
    paper = make_paper(title="撤销测试卷")
    sign_in(client, place["trainer"])
    client.post("/assignments/new", data={
        "csrf_token": csrf_token(client, "/assignments/new"), "kind": "paper", "paper": paper.id,
        "due_at": due_text(utcnow() + timedelta(days=2)), "units": [place["a"].unit_id],
    })
    assignment = db.session.scalar(select(Assignment))
    url = f"/assignments/{assignment.id}"
    sign_in(client, place["leader_b"])  # sees it (it reaches his team) but did not assign it
    assert "撤销这项任务" not in client.get(url).get_data(as_text=True)
    assert client.post(f"{url}/withdraw", data={"csrf_token": csrf_token(client, url)}).status_code == 403
    sign_in(client, place["trainer"])
    assert "撤销这项任务" in client.get(url).get_data(as_text=True)
    done = client.post(f"{url}/withdraw", data={"csrf_token": csrf_token(client, url), "confirmed": "1"})
    assert done.status_code == 302 and db.session.scalar(select(func.count()).select_from(Assignment)) == 0
    assert client.get(url).status_code == 404


def test_only_the_chosen_kinds_fields_count(client, place, make_paper, make_questions):
    """A paper ignores the practice filter the page hides (even a 题数 out of range), a practice the paper."""
    paper = make_paper(title="十二月安全规程考试")
    make_questions(single=3, judge=3)
    sign_in(client, place["trainer"])
    created = client.post("/assignments/new", data={
        "csrf_token": csrf_token(client, "/assignments/new"), "kind": "paper", "paper": paper.id,
        "count": 999, "category": "abc", "job": "采煤机司机", "due_at": due_text(utcnow() + timedelta(days=2)),
        "teams": [place["a"].id],
    })
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    assignment = db.session.scalar(select(Assignment))
    assert assignment.paper_id == paper.id and not assignment.practice
    created = client.post("/assignments/new", data={
        "csrf_token": csrf_token(client, "/assignments/new"), "kind": "practice", "paper": "abc", "count": 4,
        "due_at": due_text(utcnow() + timedelta(days=1)), "teams": [place["a"].id],
    })
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    practice = db.session.scalars(select(Assignment).where(Assignment.kind == "practice")).one()
    assert practice.paper_id is None and practice.practice["count"] == 4


def test_a_failed_exam_with_no_sitting_left_stays_on_the_home_page_without_a_button(client, place, make_paper):
    """All sittings used and none passed: the task stays in 待完成任务, saying 未合格，机会已用完，请联系班组长,
    with no 去完成 (the worker can do nothing more there); a task still to do keeps its button."""
    from quiz.assignments import service
    from quiz.assignments.service import Target
    from tests.assignments.conftest import sit

    now = utcnow()
    failed = make_paper(title="十二月安全规程考试", pass_score=Decimal(20), max_attempts=1)
    open_one = make_paper(title="一月安全规程考试")
    team = Target(team_ids=(place["a"].id,))
    gone = service.assign_paper(failed, team, now + timedelta(days=2), by=place["trainer"], now=now)
    still = service.assign_paper(open_one, team, now + timedelta(days=3), by=place["trainer"], now=now)
    db.session.commit()
    sit(lambda: attempts.start_paper(failed, place["worker"], now), 0, now)
    db.session.commit()

    sign_in(client, place["worker"])
    home = client.get("/").get_data(as_text=True)
    item = home.split(f'data-assignment="{gone.id}"')[1].split("</li>")[0]
    assert "十二月安全规程考试" in item and "未合格，机会已用完，请联系班组长" in item
    assert "去完成" not in item and "/start" not in item and "可再考" not in item
    other = home.split(f'data-assignment="{still.id}"')[1].split("</li>")[0]
    assert "去完成" in other and "机会已用完" not in other
