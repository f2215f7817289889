"""Demo step: the demo exam assigned to 综采一队 · 回收班 with a deadline a week away, so a
回收班 worker's first sign-in shows it under 待完成任务."""

from __future__ import annotations

from datetime import timedelta

import click
from sqlalchemy import select

from accounts.demo_removal import demo_person_ids
from accounts.models import Team, User
from core.auth import Role
from core.db import db, utcnow
from core.demo import RemovalReport, delete_rows
from quiz.assignments import service
from quiz.assignments.models import Assignment, AssignmentAttempt
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


def remove_demo_assignment(report: RemovalReport) -> None:
    """`demo --remove`: the tasks on the demo exam, each kept when someone not of the demo did it."""
    paper = db.session.scalar(select(Paper).where(Paper.title == EXAM_TITLE))
    if paper is None:
        return
    people = demo_person_ids()
    for assignment in db.session.scalars(select(Assignment).where(Assignment.paper_id == paper.id)):
        done = set(db.session.scalars(select(AssignmentAttempt.user_id)
                                      .where(AssignmentAttempt.assignment_id == assignment.id)))
        if done - people:
            report.keep(f"任务“{EXAM_TITLE}”", f"已有 {len(done - people)} 名非演示人员完成，保留")
            continue
        delete_rows("assignments", [assignment.id], owned=("assignment_audience", "assignment_attempts"))
        report.remove(f"任务“{EXAM_TITLE}”")
