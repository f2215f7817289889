"""Demo step: the demo bank (quiz/bank/demo_questions.yaml, written for the sample mine) approved,
an open practice set for everyone (the admin's), and a monthly exam assigned to 综采一队 · 回收班
(its 区队培训员's, so the demo shows a trainer managing his own paper)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import click
import yaml
from sqlalchemy import select

from accounts.models import Team, User
from core.auth import Role
from core.db import db, utcnow
from corpus.documents import Citation
from quiz.bank import service
from quiz.bank.answers import parse_answer
from quiz.bank.types import JUDGE_OPTIONS, KINDS, OPTION_KEYS, Option, QuestionDraft
from quiz.taking import papers
from quiz.taking.models import Paper

DEMO_BANK = Path(__file__).resolve().parents[1] / "bank" / "demo_questions.yaml"
PRACTICE_TITLE = "班前安全练习（演示）"
EXAM_TITLE = "综采一队 12月安全规程月考（演示）"


def demo_drafts(path: Path = DEMO_BANK) -> list[QuestionDraft]:
    """The demo bank as approved drafts."""
    drafts = []
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        shape = KINDS[entry["type"]].shape
        options = JUDGE_OPTIONS if shape == "judge" else tuple(
            Option(OPTION_KEYS[i], text) for i, text in enumerate(entry.get("options") or ()))
        cite = entry.get("cite") or {}
        drafts.append(QuestionDraft(
            type=entry["type"], stem=entry["stem"], options=options if shape != "blank" else (),
            answer=parse_answer(str(entry["answer"]), shape, options), explanation=entry.get("explanation", ""),
            difficulty=entry.get("difficulty"), category=tuple(entry.get("category") or ()),
            jobs=tuple(entry.get("jobs") or ()), status="approved",
            citation=Citation(cite["title"], cite.get("article", "")) if cite else None,
        ))
    return drafts


def seed_demo_quizzes(quiet: bool = False) -> None:
    admin = db.session.scalar(select(User).where(User.role == Role.ADMIN.value).order_by(User.id))
    added = 0
    for draft in demo_drafts():
        try:
            service.add_question(draft, created_by_id=admin.id if admin else None)
            added += 1
        except service.DuplicateQuestion:
            continue
    db.session.flush()
    now = utcnow()
    published = []
    # A paper without an author counts as the admin's; only the admin could manage these otherwise.
    if db.session.scalar(select(Paper.id).where(Paper.title == PRACTICE_TITLE)) is None:
        practice = Paper(title=PRACTICE_TITLE, mode="practice", draw="per_attempt", max_attempts=0, multi_rule="half",
                         status="draft", shuffle_options=True, shuffle_questions=False,
                         description="每次随机抽10道题，答一题看一题的对错和出处。",
                         sections=[papers.Section("single", 5, Decimal(1)).to_dict(),
                                   papers.Section("judge", 5, Decimal(1)).to_dict()])
        db.session.add(practice)
        papers.publish(practice, now=now)
        published.append(f"练习“{PRACTICE_TITLE}”")
    if db.session.scalar(select(Paper.id).where(Paper.title == EXAM_TITLE)) is None:
        exam = Paper(title=EXAM_TITLE, mode="exam", draw="fixed", pass_score=Decimal(80), time_limit_minutes=30,
                     multi_rule="half", status="draft", shuffle_options=True, shuffle_questions=False,
                     max_attempts=2, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30),
                     description="满分100分，80分及格，限时30分钟，可考2次。",
                     sections=[papers.Section("single", 10, Decimal(4)).to_dict(),
                               papers.Section("multi", 5, Decimal(6)).to_dict(),
                               papers.Section("judge", 10, Decimal(2)).to_dict(),
                               papers.Section("blank", 5, Decimal(2)).to_dict()])
        db.session.add(exam)
        team = db.session.scalar(select(Team).where(Team.name == "回收班"))
        papers.set_audience(exam, team_ids=[team.id] if team else [])
        papers.publish(exam, now=now)
        published.append(f"考试“{EXAM_TITLE}”（分派给回收班）")
    _give_authors(admin)
    db.session.commit()
    if not quiet:
        done = f"已发布{'和'.join(published)}" if published else "演示练习和考试已存在"
        click.echo(f"演示考试：题库新增{added}道已审核题；{done}。")


def _give_authors(admin: User | None) -> None:
    """The demo papers' authors, where they have none (a new paper, or one from an older demo): the
    exam is the 区队培训员's of its team's 区队, the mine-wide practice the admin's."""
    exam = db.session.scalar(select(Paper).where(Paper.title == EXAM_TITLE))
    if exam is not None and exam.created_by_id is None:
        team_ids = [a.team_id for a in exam.audience if a.team_id]
        trainer = db.session.scalar(
            select(User).join(Team, User.team_id == Team.id)
            .where(User.role == Role.UNIT_TRAINER.value, User.active.is_(True),
                   Team.unit_id.in_(select(Team.unit_id).where(Team.id.in_(team_ids))))
            .order_by(User.username)) if team_ids else None
        exam.created_by_id = (trainer or admin).id if (trainer or admin) else None
    practice = db.session.scalar(select(Paper).where(Paper.title == PRACTICE_TITLE))
    if practice is not None and practice.created_by_id is None and admin is not None:
        practice.created_by_id = admin.id
