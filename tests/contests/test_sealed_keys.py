"""Answers do not leak across papers. A contest sits on a copy of an exam paper (the same questions);
while the contest is scheduled or running for a worker's team, its questions are under seal for him:
the result of his sitting of the original shows no key for them (page and API, with
「本题还在进行中的考试或竞赛中，结束后公布答案」), and practice does not draw them. Once the contest has
ended the keys show again; a worker outside the contest's teams sees them all along."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import db
from quiz.bank import service
from quiz.taking import practice
from quiz.taking.attempts import AttemptError
from quiz.taking.models import Attempt, PaperItem
from quiz.taking.practice import PracticeFilter
from tests.contests.conftest import sit
from tests.contests.test_entrants import sign
from tests.papers import draft

SEALED = "本题还在进行中的考试或竞赛中，结束后公布答案"


def _original_sitting(race, user) -> Attempt:
    """`user`'s handed-in sitting of the contest's source paper, with that paper closed (keys out)."""
    found = db.session.scalar(select(Attempt).where(Attempt.paper_id == race.source.id, Attempt.user_id == user.id))
    if found is None:
        sit(race.source, user, race.now - timedelta(minutes=40), 300, random.Random(3), 1, perfect=True)
        found = db.session.scalar(select(Attempt).where(Attempt.paper_id == race.source.id, Attempt.user_id == user.id))
    race.source.closes_at = race.now - timedelta(minutes=1)
    db.session.commit()
    return found


def _result(app, race, user) -> tuple[str, dict]:
    attempt = _original_sitting(race, user)
    client = sign(app, user)
    page = client.get(f"/attempts/{attempt.id}/result").get_data(as_text=True)
    return page, client.get(f"/api/v1/attempts/{attempt.id}/result").get_json()


def test_the_result_of_the_original_hides_the_keys_while_the_contest_runs_for_the_team(app, race):
    page, api = _result(app, race, race.members["回收班"][4])
    assert "正确答案" not in page and page.count(SEALED) == len(api["items"]) > 0
    assert all("feedback" not in item and item["correct"] is None and item["sealed"] == SEALED for item in api["items"])


def test_a_scheduled_contest_seals_too_and_its_end_releases_the_keys(app, race):
    worker = race.members["回收班"][4]
    race.contest.paper.opens_at = race.contest.starts_at = race.now + timedelta(hours=1)
    race.contest.paper.closes_at = race.contest.ends_at = race.now + timedelta(hours=2)
    db.session.commit()
    page, _api = _result(app, race, worker)
    assert "正确答案" not in page and SEALED in page
    race.contest.paper.closes_at = race.contest.ends_at = race.now - timedelta(minutes=1)
    db.session.commit()
    page, api = _result(app, race, worker)
    assert SEALED not in page and page.count("正确答案") == len(api["items"]) > 0
    assert all(item["feedback"]["key"] for item in api["items"])


def test_a_worker_outside_the_contests_teams_still_sees_the_keys(app, race):
    page, api = _result(app, race, race.members["掘进班"][1])
    assert SEALED not in page and page.count("正确答案") == len(api["items"]) > 0


def test_practice_does_not_draw_a_question_under_seal(app, race):
    contest_questions = set(db.session.scalars(
        select(PaperItem.question_id).where(PaperItem.paper_id == race.contest.paper_id)))
    race.source.closes_at = race.now - timedelta(minutes=1)  # the original exam is over: only the contest seals
    db.session.commit()
    every = PracticeFilter(count=practice.MAX_PRACTICE)
    outside = {q for q, _v in db.session.execute(practice.pool(every, race.members["掘进班"][1]))}
    assert contest_questions and contest_questions <= outside  # the bank would give them to anyone else
    worker = race.members["回收班"][4]
    inside = {q for q, _v in db.session.execute(practice.pool(every, worker))}
    assert not contest_questions & inside
    with pytest.raises(AttemptError, match=f"符合条件的 {len(contest_questions)} 道题都在进行中的考试或竞赛中"):
        practice.start_practice(worker, every, race.now)
    free = service.add_question(draft("judge", 9001))
    db.session.commit()
    drawn = practice.start_practice(worker, every, race.now)
    assert {item.question_id for item in drawn.items} == {free.id}
