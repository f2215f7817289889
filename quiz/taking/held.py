"""Practice answers held under seal, and their release once the exam holding them is over.

A sitting with feedback after each answer does not grade an answer to a question under seal for the
worker (quiz.taking.seal): it is held — score and `correct` None, out of the sitting's score, maximum and
pass, out of the 错题本 — and the sitting is judged only on what is scored (`judged`). Once the exam is over
for the worker (quiz.taking.standing) the held answers are graded (`release`): their points join the
score and maximum, the pass is judged again, a wrong one enters the 错题本, and the sitting is done with.

Pages that only read never release: they show a held answer as held. Release happens where an exam
ends or a worker asks for his own results:

- a submit (quiz.taking.attempts.submit) grades the sitting's own answers no longer under seal, and when
  it ends an exam — for the worker (his last sitting of a paper without a closing time: `release_for`) or
  for everyone (the last sitting in progress of a stopped paper, or one closed at the end of its window:
  `release_after`) — the answers held for it;
- stopping a paper (停用, 取消竞赛) that nobody is sitting any more: `release_after`;
- `python run.py close-expired` (from cron): every worker's, the open exams read once (`waiting`,
  `release_for` with one OpenExams), one short transaction per worker;
- the worker's own 考试练习, 成绩 and 错题本 pages (quiz.taking.attempts.collect_released), so one whose exam
  ended with its closing time finds his answers scored even where no cron runs.

Functions flush; the caller commits.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from accounts.models import User
from core.db import db
from quiz.bank.types import KINDS
from quiz.taking import book
from quiz.taking.models import Attempt, AttemptItem, Paper, PaperItem
from quiz.taking.scoring import score_answer
from quiz.taking.seal import OpenExams


def shape_of(item: AttemptItem) -> str:
    kind = KINDS.get(item.version.type)
    return kind.shape if kind else "single"


def grade(attempt: Attempt, item: AttemptItem, now: datetime) -> None:
    """Score one practice answer now and keep the wrong-answer book up to date (the caller has made sure
    its question is not under seal for the worker)."""
    score, right = score_answer(shape_of(item), item.version.answer, item.response, item.points, attempt.multi_rule)
    item.score, item.correct = score, right
    if attempt.mode == "review":
        book.record_review(attempt.user_id, item.question_id, right, now)
    elif not right:
        book.record_wrong(attempt.user_id, item.question_id, now)
    db.session.flush()


def judged(attempt: Attempt, holding: bool) -> bool | None:
    """Pass or fail on the score so far; while answers are held out of it, only a pass already certain
    is told (more points cannot undo it), else not judged yet (None)."""
    if attempt.pass_score is None or attempt.score is None:
        return None
    if attempt.score >= attempt.pass_score:
        return True
    return None if holding else False


def held_items(attempt: Attempt) -> list[AttemptItem]:
    """The items of a closed sitting with feedback not scored yet: under seal when it closed."""
    if not attempt.feedback or attempt.status == "open":
        return []
    return [item for item in attempt.items if item.correct is None]


def release(attempt: Attempt, now: datetime, sealed: frozenset[int]) -> int:
    """Grade the sitting's held answers whose question is no longer in `sealed` (the worker's, at `now`):
    in a closed sitting their points join its score and maximum and the pass is judged again; a wrong one
    enters the 错题本 as any practice answer. A closed sitting left holding nothing is done with (its
    wrong answers all recorded: `wrongs_collected`). Returns how many were graded."""
    if not attempt.feedback:
        return 0
    closed = attempt.status != "open"
    waiting = [i for i in attempt.items if i.correct is None and (closed or i.response is not None)]
    freed = [i for i in waiting if i.question_id not in sealed]
    for item in freed:
        if item.response is not None:
            grade(attempt, item, now)
        else:  # unanswered: nothing for the book
            item.score, item.correct = Decimal("0.00"), False
        if closed:
            attempt.score = (attempt.score or Decimal(0)) + item.score
            attempt.max_score += item.points
    if freed and closed:
        attempt.passed = judged(attempt, len(freed) < len(waiting))
    if closed and len(freed) == len(waiting):
        attempt.wrongs_collected = True
    db.session.flush()
    return len(freed)


def _pending():
    """Closed sittings with feedback not done with yet: some answer of theirs is held."""
    return select(Attempt).where(Attempt.status != "open", Attempt.feedback.is_(True),
                                 Attempt.wrongs_collected.is_(False))


def waiting(paper: Paper | None = None) -> list[int]:
    """The ids of the workers with answers held (on the paper's questions, if given), in id order."""
    query = select(Attempt.user_id).where(Attempt.id.in_(_pending().with_only_columns(Attempt.id)))
    if paper is not None:
        on_paper = select(AttemptItem.attempt_id).where(
            AttemptItem.correct.is_(None),
            AttemptItem.question_id.in_(select(PaperItem.question_id).where(PaperItem.paper_id == paper.id)))
        query = query.where(Attempt.id.in_(on_paper))
    return list(db.session.scalars(query.distinct().order_by(Attempt.user_id)))


def release_for(user: User, now: datetime, exams: OpenExams | None = None) -> int:
    """Release what the exams over for the worker held in his closed sittings; `exams` read once for many
    workers. Returns how many answers were graded."""
    sittings = list(db.session.scalars(_pending().where(Attempt.user_id == user.id).order_by(Attempt.id)))
    if not sittings:
        return 0
    sealed = (exams or OpenExams(now)).sealed(user)
    return sum(release(sitting, now, sealed) for sitting in sittings)


def release_after(paper: Paper, now: datetime) -> int:
    """The exam of `paper` is over for everyone (its window closed, or stopped with nobody still sitting
    it): release the answers held for its questions — those no other exam still holds."""
    people = waiting(paper)
    if not people:
        return 0
    exams = OpenExams(now)
    return sum(release_for(user, now, exams) for user in db.session.scalars(
        select(User).where(User.id.in_(people)).order_by(User.id)))


def release_all(now: datetime) -> int:
    """Release every worker's answers whose exam is over (in one transaction; close-expired goes worker by
    worker, committing each). Returns how many answers were graded."""
    exams = OpenExams(now)
    return sum(release_for(user, now, exams) for user in db.session.scalars(
        select(User).where(User.id.in_(waiting())).order_by(User.id)))
