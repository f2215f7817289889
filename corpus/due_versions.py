"""Dates that come due: a newer version's 施行 date supersedes the held version on that day, a held
version still to take effect (尚未施行) becomes current, a repeal notice applies from its date.

`apply_due` is the one step `python run.py init` runs and the server runs by itself once a
day (the upload jobs' sweep, corpus.job_runner, calls `DailyDue.run` every 30 s; it works
only when the mine's date has changed since its last run). Both announce the documents whose
status changed, so the search index follows as after an ingest.
"""

from __future__ import annotations

from datetime import date

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import clock
from corpus import ingestion, successors
from corpus.models import Document, RepealNotice
from corpus.signals import commit_and_announce


def apply_due(session: Session, today: date) -> set[int]:
    """Apply the register of newer versions as of `today` and mark superseded each current
    document whose recorded newer version is in force by then; recheck the documents waiting on
    a date of their own: a held version still to take effect (pending), and the targets of
    repeal notices not yet applied to them. Returns the changed ids (flushed)."""
    registered = successors.apply(session, successors.load(), today)
    session.flush()
    due = session.scalars(
        select(Document).where(Document.newer_version.is_not(None), Document.status == "current")
    ).all()
    keys = registered | {d.doc_key for d in due if ingestion.newer_version_in_force(d, today)}
    keys |= set(session.scalars(select(Document.doc_key).where(Document.status == "pending").distinct()))
    unrepealed = select(Document.id).where(Document.doc_key == RepealNotice.target_key, Document.status != "repealed")
    keys |= set(session.scalars(select(RepealNotice.target_key).where(unrepealed.exists()).distinct()))
    return ingestion.refresh_statuses(session, keys, today)


def apply_and_announce(app: Flask, session: Session, today: date | None = None) -> set[int]:
    """`apply_due`, committed and announced (the search index follows); returns the changed ids."""
    changed = apply_due(session, today or clock.today())
    commit_and_announce(session, app, changed)
    return changed


class DailyDue:
    """Runs `apply_and_announce` at most once per (mine's) day: at the first call, then on the
    first call after the date changes."""

    def __init__(self) -> None:
        self.last: date | None = None

    def run(self, app: Flask, session: Session, today: date | None = None) -> set[int] | None:
        """The changed ids, or None when today's run was already done."""
        today = today or clock.today()
        if self.last == today:
            return None
        changed = apply_and_announce(app, session, today)
        self.last = today
        return changed
