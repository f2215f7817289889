"""Staff reading a worker's sheet see each question's score while the exam is still open (half credit on
a 多选 included); the worker sees them once the keys are out, and a 班组长 who sits the exam himself
still sees only the total."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from core.db import db, utcnow
from quiz.taking import attempts
from tests.factories import create_team, create_user
from tests.papers import picked_paper


@pytest.fixture
def team(app):
    return create_team("综采一队", "回收班")


def _scores(page: str) -> list[str]:
    return re.findall(r"得分 ([^<·]*?/\d+)", page)


def test_staff_see_each_question_score_while_the_exam_is_open(client, login, make_questions, team):
    multi, single = make_questions(multi=1, single=1)
    now = utcnow()
    exam = picked_paper([(multi.id, multi.current_version_id), (single.id, single.current_version_id)], team.id,
                        now, title="12月月考", closes_at=now + timedelta(hours=2))
    db.session.commit()
    worker = create_user(team=team)
    sitting = attempts.start_paper(exam, worker, now)
    for item in sitting.items:
        key = attempts.to_shown(item, list(item.version.answer))
        attempts.save_answer(sitting, item.position, key[:2] if len(key) > 1 else key, None, now)
    attempts.submit(sitting, now)
    db.session.commit()

    login(role="unit_trainer", team=team)
    page = client.get(f"/papers/{exam.id}/attempts/{sitting.id}").get_data(as_text=True)
    assert _scores(page) == ["0.5/1", "1/1"]
    assert "部分正确" in page


def test_the_worker_sees_only_the_total_until_the_exam_ends(client, login, make_questions, team):
    multi, single = make_questions(multi=1, single=1)
    now = utcnow()
    exam = picked_paper([(multi.id, multi.current_version_id), (single.id, single.current_version_id)], team.id,
                        now, title="12月月考", closes_at=now + timedelta(hours=2))
    db.session.commit()
    worker = login(team=team)
    sitting = attempts.start_paper(exam, worker, now)
    db.session.commit()
    attempts.submit(sitting, now)
    db.session.commit()
    page = client.get(f"/attempts/{sitting.id}/result").get_data(as_text=True)
    assert _scores(page) == ["—/1", "—/1"]
    exam.closes_at = now - timedelta(minutes=1)
    db.session.commit()
    page = client.get(f"/attempts/{sitting.id}/result").get_data(as_text=True)
    assert _scores(page) == ["0/1", "0/1"]
