"""取消竞赛 stops its paper, but a contestant still answering may finish and hand in: until he does (or his
time is up), the contest's questions stay out of practice for the contest's teams, with their keys."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from core.db import db, utcnow
from quiz.contests import schedule
from quiz.taking import attempts, practice
from quiz.taking.seal import sealed_questions
from tests.contests.test_contests import Visitor
from tests.factories import create_team, create_user
from tests.papers import build_paper

EVERY = practice.PracticeFilter(count=practice.MAX_PRACTICE)


def drawable(user) -> set[int]:
    return {q for q, _v in db.session.execute(practice.pool(EVERY, user))}


def test_cancelling_a_running_contest_keeps_its_questions_sealed_until_the_last_sitting_ends(app, make_questions):
    team = create_team("综采一队", "回收班")
    questions = make_questions(single=2)
    # A source never published: the contest's questions appear nowhere else.
    source = build_paper((("single", 2, "10"),), publish=False, pass_score=Decimal(10))
    trainer, admin = create_user("unit_trainer", team), create_user("admin")
    now = utcnow()
    contest = schedule.create("比武", source, [team], now - timedelta(minutes=10), now + timedelta(hours=1), 1,
                              trainer, now - timedelta(hours=1))
    contestant, colleague = create_user(team=team), create_user(team=team)
    sitting = attempts.start_paper(contest.paper, contestant, now)
    db.session.commit()
    sealed = {q.id for q in questions}
    assert sealed <= sealed_questions(colleague, now)

    organiser = Visitor(app, admin)
    page = organiser.get(f"/contests/{contest.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    done = organiser.post(f"/contests/{contest.id}/cancel", data={"csrf_token": token, "confirmed": "1"})
    assert done.status_code == 302
    db.session.expire_all()
    assert contest.paper.status == "archived" and contest.state(utcnow()) == "cancelled"

    for person in (contestant, colleague):
        assert sealed <= sealed_questions(person, utcnow()) and not sealed & drawable(person)
    other_tab = Visitor(app, contestant)
    csrf = {"X-CSRFToken": other_tab.get("/api/v1/me").json["csrf_token"]}
    refused = other_tab.post("/api/v1/practice", json={"count": 10}, headers=csrf)
    assert refused.status_code >= 400  # nothing else to practise: the contest's questions are not offered

    attempts.submit(db.session.get(type(sitting), sitting.id), utcnow())
    db.session.commit()
    assert sealed <= drawable(colleague)
