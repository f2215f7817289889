"""停用 of an exam (or 取消 of a contest, which stops its paper) while someone is still sitting it: the
sittings in progress go on (they may be finished and handed in), so the exam is not over yet — its
questions stay under seal for its audience, practice does not draw them and gives no key, until the last
sitting in progress is handed in (or closes), or the paper's closing time passes. Then the exam is over:
the seal lifts and the keys are out."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from core.db import db, utcnow
from quiz.taking import attempts, papers, practice
from quiz.taking.models import Paper, PaperAudience
from quiz.taking.seal import sealed_questions
from tests.contests.test_contests import Visitor
from tests.factories import create_team, create_user

EVERY = practice.PracticeFilter(count=practice.MAX_PRACTICE)


def fixed_paper(qids, mode, team, **fields) -> Paper:
    settings = dict(title=f"{mode}卷", mode=mode, draw="fixed", multi_rule="half", max_attempts=1,
                    shuffle_options=False, shuffle_questions=False, status="draft")
    settings.update(fields)
    paper = Paper(sections=[papers.Section("single", len(qids), Decimal(10), question_ids=tuple(qids)).to_dict()],
                  **settings)
    paper.audience = [PaperAudience(team_id=team.id)]
    db.session.add(paper)
    db.session.flush()
    papers.publish(paper)
    db.session.commit()
    return paper


def drawable(user) -> set[int]:
    return {q for q, _v in db.session.execute(practice.pool(EVERY, user))}


@pytest.fixture
def mid_exam(app, make_questions):
    """An exam of q1 open three more days; one worker is half-way through it, a colleague has not started."""
    team = create_team("综采一队", "回收班")
    q1, q2 = make_questions(single=2)
    exam = fixed_paper([q1.id], "exam", team, pass_score=Decimal(1), closes_at=utcnow() + timedelta(days=3))
    worker, colleague = create_user(team=team), create_user(team=team)
    sitting = attempts.start_paper(exam, worker, utcnow())
    db.session.commit()
    return exam, sitting, worker, colleague, q1, q2


def test_a_stopped_exam_keeps_its_seal_while_a_sitting_of_it_is_open(mid_exam):
    exam, sitting, worker, colleague, q1, q2 = mid_exam
    exam.status = "archived"  # 停用
    db.session.commit()
    now = utcnow()
    assert sitting.status == "open"
    for person in (worker, colleague):
        assert q1.id in sealed_questions(person, now)
        assert q1.id not in drawable(person) and q2.id in drawable(person)

    attempts.submit(sitting, now)  # the last sitting in progress: the exam is over now
    db.session.commit()
    assert q1.id not in sealed_questions(worker, now) and q1.id in drawable(colleague)
    assert attempts.keys_released(sitting, now)


def test_a_stopped_exam_nobody_sits_seals_nothing(mid_exam):
    exam, sitting, worker, colleague, q1, q2 = mid_exam
    attempts.submit(sitting, utcnow())
    exam.status = "archived"
    db.session.commit()
    assert q1.id not in sealed_questions(colleague, utcnow())


def test_an_open_sitting_past_its_deadline_does_not_keep_a_stopped_exam_going(mid_exam):
    exam, sitting, worker, colleague, q1, q2 = mid_exam
    sitting.deadline = utcnow() - timedelta(minutes=5)  # the browser left; close-expired has not run yet
    exam.status = "archived"
    db.session.commit()
    assert q1.id not in sealed_questions(colleague, utcnow())


def test_stopping_the_exam_on_its_page_does_not_open_practice_of_it_to_the_worker_mid_exam(app, mid_exam):
    exam, sitting, worker, colleague, q1, q2 = mid_exam
    admin = Visitor(app, create_user("admin"))
    page = admin.get(f"/papers/{exam.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    stopped = admin.post(f"/papers/{exam.id}/archive", data={"csrf_token": token, "confirmed": "1"})
    assert stopped.status_code == 302
    db.session.expire_all()
    assert db.session.get(Paper, exam.id).status == "archived"

    other_tab = Visitor(app, worker)
    csrf = {"X-CSRFToken": other_tab.get("/api/v1/me").json["csrf_token"]}
    started = other_tab.post("/api/v1/practice", json={"count": 10}, headers=csrf)
    assert started.status_code in (200, 201), started.get_data(as_text=True)
    drill = other_tab.get(f"/api/v1/attempts/{started.json['id']}").json
    assert [i["question_id"] for i in drill["items"]] == [q2.id]
    # and the exam goes on: his sitting is still his to finish
    assert other_tab.get(f"/api/v1/attempts/{sitting.id}").json["status"] == "open"
