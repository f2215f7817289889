"""`python run.py close-expired`: close and score exams whose time ran out with the browser gone
(attempts also close by themselves the next time anyone opens them; run this from cron for
reports that must be exact to the minute). It also scores the practice answers held under seal
whose exam is over (attempts.release_all_held)."""

from __future__ import annotations

import click

from core.db import db, utcnow
from quiz.taking.attempts import close_expired, release_all_held


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
    released = release_all_held(utcnow())
    db.session.commit()
    click.echo(f"已自动交卷 {count} 份。")
    if released:
        click.echo(f"考试已结束，{released} 道练习题补计了分。")
