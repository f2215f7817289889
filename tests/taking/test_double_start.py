"""Two taps of 开始考试 (or 去完成) at once: the second read "no sitting yet" before the first committed, so its
insert of sitting number 1 breaks the unique (paper, user, number). The pages resume the first sitting as the
API does (attempts.start_or_resume), and the start buttons are sent once (static/js/once.js)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core.db import db, utcnow
from quiz.assignments import service
from quiz.assignments.service import Target
from quiz.taking import attempts
from quiz.taking.models import Attempt
from tests.conftest import csrf_token
from tests.factories import create_team, create_user
from tests.taking.test_stopped_exam_seal import fixed_paper


def _stale_once(monkeypatch) -> None:
    """The next start reads what the second tap read before the first committed: no sitting yet."""
    for name, stale in (("open_attempt_of", None), ("attempts_used", 0)):
        real = getattr(attempts, name)
        calls = []

        def once(paper, user, real=real, stale=stale, calls=calls):
            calls.append(1)
            return stale if len(calls) == 1 else real(paper, user)
        monkeypatch.setattr(attempts, name, once)


@pytest.fixture
def exam(app, make_questions):
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    paper = fixed_paper([q1.id, q2.id], "exam", team, pass_score=Decimal(1), time_limit_minutes=60, max_attempts=2)
    return paper, team


def _sittings() -> int:
    return db.session.scalar(select(func.count()).select_from(Attempt))


def test_a_second_tap_of_the_start_button_resumes_the_sitting(exam, client, login, monkeypatch):
    paper, team = exam
    login(team=team)
    token = csrf_token(client, "/quizzes")
    first = client.post(f"/papers/{paper.id}/start", data={"csrf_token": token})
    assert first.status_code == 302 and "/attempts/" in first.headers["Location"]
    _stale_once(monkeypatch)
    second = client.post(f"/papers/{paper.id}/start", data={"csrf_token": token})
    assert second.status_code == 302 and second.headers["Location"] == first.headers["Location"]
    assert _sittings() == 1


def test_a_second_tap_of_go_on_a_task_resumes_the_sitting(exam, client, monkeypatch):
    from tests.assignments.test_pages import sign_in

    paper, team = exam
    trainer, worker = create_user("unit_trainer", team), create_user(team=team)
    now = utcnow()
    task = service.assign_paper(paper, Target(team_ids=(team.id,)), now + timedelta(days=1), by=trainer, now=now)
    db.session.commit()
    sign_in(client, worker)
    url = f"/assignments/{task.id}/start"
    first = client.post(url, data={"csrf_token": csrf_token(client, "/")})
    assert first.status_code == 302 and "/attempts/" in first.location
    token = csrf_token(client, "/")
    _stale_once(monkeypatch)
    second = client.post(url, data={"csrf_token": token})
    assert second.status_code == 302 and second.location == first.location
    assert _sittings() == 1


def test_the_api_resumes_as_the_pages_do(exam, client, login, monkeypatch):
    paper, team = exam
    login(team=team)
    headers = {"X-CSRFToken": client.get("/api/v1/me").json["csrf_token"]}
    first = client.post(f"/api/v1/papers/{paper.id}/attempts", headers=headers)
    _stale_once(monkeypatch)
    second = client.post(f"/api/v1/papers/{paper.id}/attempts", headers=headers)
    assert first.status_code == second.status_code == 200 and first.json["id"] == second.json["id"]


def test_the_start_buttons_are_sent_once(exam, client, login):
    paper, team = exam
    login(team=team)
    page = client.get("/quizzes").get_data(as_text=True)
    assert f'<form method="post" data-once action="/papers/{paper.id}/start">' in page
    assert 'data-once action="/daily/start"' in page
    assert "/static/js/once.js" in page and "<script>" not in page  # no inline script (the CSP forbids them)
