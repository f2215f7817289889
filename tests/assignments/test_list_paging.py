"""The trainer's list of tasks is paged (still open ones first, then the most recent) and its figures take the
same statements however many tasks a page shows."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event

from core.db import db, utcnow
from quiz.assignments import progress, service
from quiz.assignments.service import Target
from quiz.taking import attempts, practice
from tests.assignments.conftest import answer_all
from tests.assignments.test_pages import sign_in
from tests.factories import create_team, create_user
from tests.taking.test_stopped_exam_seal import fixed_paper


def _statements_on(client, url: str) -> tuple[int, str]:
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):  # noqa: ANN001
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
        assert response.status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(seen), response.get_data(as_text=True)


def test_the_task_list_takes_as_many_statements_for_twenty_tasks_as_for_five(app, client, make_questions):
    team = create_team("综采一队", "回收班")
    other = create_team("掘进二队", "掘进班")
    q1, q2 = make_questions(single=2)
    admin = create_user("admin", team)
    workers = [create_user(team=team) for _ in range(3)] + [create_user(team=other)]
    paper = fixed_paper([q1.id, q2.id], "practice", team, max_attempts=0)
    now = utcnow()
    make = practice.PracticeFilter(count=2)

    def assign(n: int) -> None:
        for i in range(n):
            target = Target(team_ids=(team.id,)) if i % 2 else Target(unit_ids=(other.unit_id,))
            if i % 3:
                service.assign_paper(paper, target, now + timedelta(days=1), by=admin, now=now)
            else:
                service.assign_practice(make, f"练习{i}", target, now + timedelta(days=1), by=admin, now=now)
        db.session.commit()

    sitting = attempts.start_paper(paper, workers[0], now)
    answer_all(sitting, 2, now)
    attempts.submit(sitting, now)
    db.session.commit()
    sign_in(client, admin)
    assign(5)
    few, _page = _statements_on(client, "/assignments")
    assign(15)
    many, page = _statements_on(client, "/assignments")
    assert page.count("data-assignment=") == 20
    assert many == few, (few, many)
    assert "（1/3）" in page  # the paper tasks for the team: one of its three workers did it


def test_an_old_task_is_on_the_second_page(app, client, make_questions):
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    trainer = create_user("unit_trainer", team)
    create_user(team=team)
    paper = fixed_paper([q1.id, q2.id], "practice", team, max_attempts=0)
    now = utcnow()
    last_month = now - timedelta(days=30)
    old = service.assign_paper(paper, Target(team_ids=(team.id,)), last_month + timedelta(days=1), by=trainer,
                               now=last_month, title="上月的任务")
    for day in range(2, 2 + progress.PAGE_SIZE):
        service.assign_paper(paper, Target(team_ids=(team.id,)), now + timedelta(days=day), by=trainer, now=now,
                             title="本月任务")
    db.session.commit()
    sign_in(client, trainer)
    first = client.get("/assignments").get_data(as_text=True)
    assert f'data-assignment="{old.id}"' not in first and "第 1 / 2 页" in first and "下一页" in first
    second = client.get("/assignments?page=2").get_data(as_text=True)
    assert f'data-assignment="{old.id}"' in second and "上月的任务" in second
    assert client.get("/assignments?page=9").status_code == 200  # past the end: the last page
