"""Rebuilding the index so the mine's words take effect (本矿用语 page, `mine-words rebuild`).

The page starts `python run.py mine-words rebuild` in a child process (core.children): the
server keeps answering, and from the old index, while the child builds a new generation beside
it with the stored lines and switches (kb.rebuild_index, the same beside-and-switch build as
`reindex`). One row (kb_word_rebuilds) tells every server how the last rebuild went. A process
that sees the new generation takes the new words with it (kb.mine_words.follow).

Tests, or a deployment that wants it, replace the child with `app.extensions["kb_word_rebuild_runner"]`
(run(app) in the request, for one).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import Flask
from sqlalchemy.orm import Session

from core import children
from core.audit import record
from core.db import db, utcnow
from kb import describe_failure, live_index, rebuild_index
from kb.indexing import current_format
from kb.mine_words import apply, stored_lines
from kb.models import WordRebuild

log = logging.getLogger(__name__)

RUNNING, DONE, FAILED = "running", "done", "failed"
ROW = 1
HOST = socket.gethostname()[:100]
RUNNER = "kb_word_rebuild_runner"
VANISHED = "重建进程意外退出，请重试。"


@dataclass(frozen=True)
class Status:
    """How the last rebuild went, and whether the stored lines wait for one."""

    state: str  # "" (never), running, done, failed
    started_at: datetime | None
    finished_at: datetime | None
    error: str
    pending: bool  # the live index was not built with the stored lines


def _vanished(row: WordRebuild) -> bool:
    return row.state == RUNNING and row.host == HOST and row.pid is not None and not children.process_exists(row.pid)


def status(app: Flask, session: Session) -> Status:
    """The last rebuild (a child found gone on this host counts as failed) and what is pending."""
    row = session.get(WordRebuild, ROW)
    pending = live_index(app)[0] != current_format(stored_lines(session))
    if row is None:
        return Status("", None, None, "", pending)
    if _vanished(row):
        return Status(FAILED, row.started_at, None, VANISHED, pending)
    return Status(row.state, row.started_at, row.finished_at, row.error, pending)


def start(app: Flask, session: Session, actor_id: int | None = None) -> bool:
    """Record a rebuild as running and start it; False when one is already running. Commits."""
    row = session.get(WordRebuild, ROW)
    if row is not None and row.state == RUNNING and not _vanished(row):
        return False
    if row is None:
        row = WordRebuild(id=ROW)
        session.add(row)
    row.state, row.started_at, row.finished_at, row.error = RUNNING, utcnow(), None, ""
    row.host, row.pid, row.started_by = HOST, None, actor_id
    record("kb.word.rebuild", "kb_index", None, "本矿用语：重建检索索引", actor_id=actor_id, session=session)
    session.commit()
    runner: Callable[[Flask], object] = app.extensions.get(RUNNER, start_child)
    try:
        runner(app)
    except Exception as exc:
        log.exception("index rebuild for the mine's words could not start")
        _finish(session, FAILED, describe_failure(exc))
    return True


def start_child(app: Flask) -> None:
    """`python run.py mine-words rebuild` beside the server; a child that dies early is marked failed."""

    def ended(code: int) -> None:
        if code:
            with app.app_context():
                row = db.session.get(WordRebuild, ROW)
                if row is not None and row.state == RUNNING:
                    _finish(db.session, FAILED, f"重建进程退出（代码 {code}），详见服务器日志。")
                db.session.remove()

    environ = children.app_environ(app.config) | {"SEARCH_BACKEND": app.config.get("SEARCH_BACKEND") or "whoosh"}
    child = children.start(Path(app.root_path), ["mine-words", "rebuild"], environ, on_exit=ended)
    log.info("index rebuild for the mine's words: child process %d started", child.pid)


def run(app: Flask) -> int:
    """Rebuild the index with the stored lines (in this process) and record how it went; returns
    the article count. Raises what failed, after recording it."""
    session = db.session
    row = session.get(WordRebuild, ROW) or WordRebuild(id=ROW, started_at=utcnow())
    session.add(row)
    row.state, row.finished_at, row.error, row.host, row.pid = RUNNING, None, "", HOST, os.getpid()
    session.commit()
    try:
        apply(session)
        count = rebuild_index(app)
    except Exception as exc:
        session.rollback()
        _finish(session, FAILED, describe_failure(exc))
        raise
    _finish(session, DONE)
    return count


def _finish(session: Session, state: str, error: str = "") -> None:
    row = session.get(WordRebuild, ROW)
    if row is not None:
        row.state, row.finished_at, row.error = state, utcnow(), error[:300]
        session.commit()
