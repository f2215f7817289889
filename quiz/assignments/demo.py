"""Demo step: the demo exam assigned to 综采一队 · 回收班 with a deadline a week away, so a
回收班 worker's first sign-in shows it under 待完成任务."""

from __future__ import annotations

from datetime import timedelta

import click
from sqlalchemy import select

from accounts.models import Team, User
from core.auth import Role
from core.db import db, utcnow
from quiz.assignments import service
from quiz.assignments.models import Assignment
from quiz.taking.demo import EXAM_TITLE
from quiz.taking.models import Paper

DAYS = 7


def seed_demo_assignment(quiet: bool = False) -> None:
    paper = db.session.scalar(select(Paper).where(Paper.title == EXAM_TITLE, Paper.status == "published"))
    admin = db.session.scalar(select(User).where(User.role == Role.ADMIN.value).order_by(User.id))
    team = db.session.scalar(select(Team).where(Team.name == "回收班"))
    if paper is None or admin is None or team is None:
        return
    if db.session.scalar(select(Assignment.id).where(Assignment.paper_id == paper.id)) is not None:
        if not quiet:
            click.echo("演示任务已存在。")
        return
    now = utcnow()
    due = now + timedelta(days=DAYS)
    if paper.closes_at and due > paper.closes_at:
        due = paper.closes_at
    service.assign_paper(paper, service.Target(team_ids=(team.id,)), due, by=admin, now=now)
    db.session.commit()
    if not quiet:
        click.echo(f"演示任务：“{EXAM_TITLE}”布置给回收班，{DAYS}天内完成。")
