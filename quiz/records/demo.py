"""Demo step: one offline training session of 综采一队 · 回收班 (一期一档), assessed by the demo exam,
so the hours report and the files have something to show."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import click
from sqlalchemy import select

from accounts.demo_removal import demo_person_ids
from accounts.models import Team, User
from core import clock
from core.auth import Role
from core.db import db
from core.demo import RemovalReport, delete_rows
from quiz.records.models import TrainingAttendance, TrainingSession
from quiz.taking.models import Paper

SESSION_TITLE = "综采工作面安全规程再培训（演示）"
EXAM_TITLE = "综采一队 12月安全规程月考（演示）"


def seed_demo_records(quiet: bool = False) -> None:
    if db.session.scalar(select(TrainingSession.id).where(TrainingSession.title == SESSION_TITLE)) is not None:
        if not quiet:
            click.echo("演示培训记录已存在。")
        return
    team = db.session.scalar(select(Team).where(Team.name == "回收班"))
    if team is None:
        return
    people = list(db.session.scalars(select(User).where(
        User.team_id == team.id, User.active.is_(True), User.role.in_((Role.WORKER.value, Role.TEAM_LEADER.value)))
        .order_by(User.username)))
    trainer = db.session.scalar(select(User).where(User.role == Role.UNIT_TRAINER.value).order_by(User.id))
    session = TrainingSession(
        title=SESSION_TITLE, kind="refresher", held_on=clock.today() - timedelta(days=7), hours=Decimal(8),
        teacher=trainer.name if trainer else "", place="区队会议室", unit_id=team.unit_id, team_id=team.id,
        paper_id=db.session.scalar(select(Paper.id).where(Paper.title == EXAM_TITLE)),
        plan="1. 《煤矿安全规程》采煤部分（4学时）\n2. 支护与顶板管理（2学时）\n3. 事故案例与应急处置（2学时）",
        created_by_id=trainer.id if trainer else None)
    for n, person in enumerate(people):
        absent = n == len(people) - 1 and len(people) > 1  # the last one was on leave
        session.roster.append(TrainingAttendance(user_id=person.id, attended=not absent,
                                                 hours=Decimal(0) if absent else Decimal(8)))
    db.session.add(session)
    db.session.commit()
    if not quiet:
        click.echo(f"演示培训记录：{team.full_name}“{SESSION_TITLE}”，名单{len(people)}人。")


def remove_demo_records(report: RemovalReport) -> None:
    """`demo --remove`: the demo's training session, kept when someone not of the demo is on its list."""
    session = db.session.scalar(select(TrainingSession).where(TrainingSession.title == SESSION_TITLE))
    if session is None:
        return
    others = {entry.user_id for entry in session.roster} - demo_person_ids()
    if others:
        report.keep(f"培训记录“{SESSION_TITLE}”", f"名单中有 {len(others)} 名非演示人员，保留")
        return
    delete_rows("training_sessions", [session.id], owned=("training_attendance",))
    report.remove(f"培训记录“{SESSION_TITLE}”")
