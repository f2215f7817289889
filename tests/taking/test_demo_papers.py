"""The demo's papers have authors: 综采一队's exam for 回收班 is 区队培训员 90001's, so the demo shows a
trainer managing his own paper; the mine-wide practice is the admin's. Running demo again adds no
paper and gives an author only to a demo paper that has none (an older demo database)."""

from __future__ import annotations

from sqlalchemy import func, select

from accounts.models import User
from core.db import db
from quiz.taking import access
from quiz.taking.demo import EXAM_TITLE, PRACTICE_TITLE, seed_demo_quizzes
from quiz.taking.models import Paper


def _paper(title: str) -> Paper:
    return db.session.scalar(select(Paper).where(Paper.title == title))


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def test_the_demo_exam_is_its_unit_trainers_and_a_second_run_changes_nothing_but_a_missing_author(runner):
    assert runner.invoke(args=["demo", "--json"]).exit_code == 0
    trainer, other, admin = _user("90001"), _user("90002"), _user("admin")
    exam, practice = _paper(EXAM_TITLE), _paper(PRACTICE_TITLE)
    assert exam.created_by_id == trainer.id and practice.created_by_id == admin.id
    assert access.manages(trainer, exam) and not access.manages(other, exam)
    exam.created_by_id = None  # a demo database from before papers had authors
    db.session.commit()
    papers_before = db.session.scalar(select(func.count()).select_from(Paper))
    sections = list(exam.sections)
    seed_demo_quizzes(quiet=True)
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Paper)) == papers_before
    exam = _paper(EXAM_TITLE)
    assert exam.created_by_id == trainer.id and exam.sections == sections and exam.status == "published"
    exam.created_by_id = other.id  # an author someone gave it is kept
    db.session.commit()
    seed_demo_quizzes(quiet=True)
    db.session.expire_all()
    assert _paper(EXAM_TITLE).created_by_id == other.id
