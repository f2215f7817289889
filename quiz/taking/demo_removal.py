"""`demo --remove`: the demo's papers with their demo attempts, and its questions — the demo bank
and the drafts it generated — each kept when real data uses it (a real worker's attempt, a paper,
a contest or a record that stays)."""

from __future__ import annotations

from sqlalchemy import delete, select

from accounts.demo_removal import demo_person_ids
from core.db import db
from core.demo import RemovalReport, delete_rows, references
from quiz.bank.models import Question, QuestionFlag
from quiz.generation.cli import DEMO_SEED
from quiz.generation.models import GenerationRecord
from quiz.taking.demo import EXAM_TITLE, PRACTICE_TITLE, demo_drafts
from quiz.taking.models import Attempt, Paper, ReviewCard

PAPER_PARTS = ("paper_items", "paper_audience")
ATTEMPT_PARTS = ("attempt_items", "assignment_attempts")
QUESTION_PARTS = ("question_versions", "question_generation", "question_rejections")


def remove_demo_papers(report: RemovalReport) -> None:
    people = demo_person_ids()
    for title in (EXAM_TITLE, PRACTICE_TITLE):
        paper_id = db.session.scalar(select(Paper.id).where(Paper.title == title))
        if paper_id is None:
            continue
        attempts = db.session.execute(select(Attempt.id, Attempt.user_id).where(Attempt.paper_id == paper_id)).all()
        real = {user for _, user in attempts if user not in people}
        used = references("papers", [paper_id], skip=(*PAPER_PARTS, "attempts")).get(paper_id, set())
        if real or used:
            why = [f"{len(real)} 名非演示人员的答卷"] if real else []
            report.keep(f"试卷“{title}”", f"已被使用（{'、'.join(why + sorted(used))}），保留")
            continue
        delete_rows("attempts", [attempt for attempt, _ in attempts], owned=ATTEMPT_PARTS)
        delete_rows("papers", [paper_id], owned=PAPER_PARTS)
        report.remove(f"试卷“{title}”" + (f"及 {len(attempts)} 份演示账号的答卷" if attempts else ""))


def remove_demo_questions(report: RemovalReport) -> None:
    keys = {draft.content_key for draft in demo_drafts()}
    bank = set(db.session.scalars(select(Question.id).where(Question.content_key.in_(keys))))
    drafts = set(db.session.scalars(select(Question.id).join(GenerationRecord, GenerationRecord.question_id == Question.id)
                                    .where(GenerationRecord.seed == DEMO_SEED, Question.status == "draft")))
    ids = bank | drafts
    if not ids:
        return
    people = demo_person_ids()  # what the demo's people left on a demo question goes with it
    db.session.execute(delete(ReviewCard).where(ReviewCard.question_id.in_(ids), ReviewCard.user_id.in_(people)))
    db.session.execute(delete(QuestionFlag).where(QuestionFlag.question_id.in_(ids), QuestionFlag.user_id.in_(people)))
    used = references("questions", ids, skip=QUESTION_PARTS)
    gone = ids - used.keys()
    delete_rows("questions", gone, owned=QUESTION_PARTS)
    if gone:
        report.remove(f"演示试题 {len(gone)} 道（演示题库 {len(gone & bank)}，演示生成的草稿 {len(gone & drafts)}）")
    if used:
        why = sorted(set().union(*used.values()))
        report.keep(f"演示试题 {len(used)} 道", f"已被使用（{'、'.join(why)}），保留")
