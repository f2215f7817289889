"""Demo step: the demo bank (quiz/bank/demo_questions.yaml, written for the sample mine) approved,
an open practice set for everyone, and a monthly exam assigned to 综采一队 · 回收班."""

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
    db.session.commit()
    if not quiet:
        done = f"已发布{'和'.join(published)}" if published else "演示练习和考试已存在"
        click.echo(f"演示考试：题库新增{added}道已审核题；{done}。")
