"""`python run.py close-expired`: close and score exams whose time ran out with the browser gone
(attempts also close by themselves the next time anyone opens them; run this from cron for
reports that must be exact to the minute). It also scores the practice answers held under seal
whose exam is over (quiz.taking.held): the open exams read once, one short transaction per worker,
after the closed sittings are committed (SQLite holds one writer at a time: saves wait meanwhile)."""

from __future__ import annotations

import click
from sqlalchemy import select

from accounts.models import User
from core.db import db, utcnow
from quiz.taking import held
from quiz.taking.attempts import close_expired
from quiz.taking.seal import OpenExams


def close_expired_now() -> None:
    """Upgrade step of `init`: close what expired while the server was down."""
    count = close_expired(utcnow())
    db.session.commit()
    if count:
        click.echo(f"已自动交卷 {count} 份到时的答卷。")


@click.command("close-expired")
def close_expired_command() -> None:
    """到时自动交卷：关闭并评分所有超过考试时间仍未交卷的答卷。"""
    count = close_expired(utcnow())
    db.session.commit()
    click.echo(f"已自动交卷 {count} 份。")
    now = utcnow()
    exams, released = OpenExams(now), 0
    for user_id in held.waiting():
        user = db.session.scalar(select(User).where(User.id == user_id))
        if user is not None:
            released += held.release_for(user, now, exams)
        db.session.commit()
    if released:
        click.echo(f"考试已结束，{released} 道练习题补计了分。")
