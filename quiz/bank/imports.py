"""Confirmed bank imports, committed in short batches so nobody waits behind them.

One transaction for a 3,000-row file held the database for half a minute: every sign-in
and saved answer behind it failed with "database is locked". Now the questions are
committed about BATCH_SECONDS of work at a time, each batch written at once, under an
ImportBatch whose state is 'running' until the last one is in. The promise of the single transaction is kept this way:

- the questions of a running batch are hidden from the bank list (`quiz.bank.browse`);
- an error part-way deletes what the batch stored and the batch itself, then re-raises:
  the upload is still there and the trainer can confirm it again;
- a killed server leaves the batch 'running'. Confirming the same upload again (its
  preview page, or the same files on the command line, both identified by `key`) takes
  the batch over once it has made no progress for STALE_SECONDS, skips the questions it
  already holds and adds the rest, so every row lands exactly once;
- a batch still interrupted when its upload expires (a day) is rolled back by
  `forget_interrupted`.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from core import audit
from core.db import db, is_transient, utcnow
from quiz.bank import service
from quiz.bank.categories import category_for_path
from quiz.bank.citations import Suggester
from quiz.bank.importer import ImportReport
from quiz.bank.models import Category, ImportBatch, Question, QuestionVersion

log = logging.getLogger(__name__)

# Questions are prepared without touching the database, then written and committed at once,
# BATCH_ROWS at a time (or what BATCH_SECONDS prepared): the write lock is held for that write
# only, a few tens of milliseconds, so the server's writers (sign-ins, answers) interleave.
BATCH_SECONDS = 1.0
BATCH_ROWS = 50
# On SQLite, after each commit the import leaves the write lock free this long, so the server's
# writers waiting on it (core.db's lock between processes) go first.
COMMIT_PAUSE_SECONDS = 0.05
LOCK_RETRIES = 5  # passes over the file when a batch loses the race for the write lock
STALE_SECONDS = 30  # a running import that committed nothing for this long was interrupted


class ImportBusy(service.QuestionError):
    """The same upload is being imported right now (a double click, a second tab)."""

    def __init__(self) -> None:
        super().__init__("这个文件正在导入，请稍候刷新题库页面查看。如果上次导入被中断，请半分钟后再确认一次。")


def files_key(files: Iterable[tuple[str, bytes]]) -> str:
    """A key for files imported from the command line: the same files resume the same import."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return "files-" + digest.hexdigest()[:40]


def save_import(
    report: ImportReport,
    *,
    key: str | None = None,
    created_by_id: int | None = None,
    suggest: Suggester | None = None,
    suggest_limit: int | None = None,
    progress: Callable[[int], None] | None = None,
    takeover: bool = False,
    approve: bool = False,
) -> ImportBatch:
    """Store every sound question of a report under one ImportBatch, committing as it goes.

    `key` names the upload (its preview token, or `files_key` on the command line); the
    report must have been parsed against `service.existing_keys(except_key=key)`. If the
    bank gained one of its questions since (another trainer's import), QuestionError asks
    for a new preview. Citations are suggested for the first `suggest_limit` questions
    (all when None); the rest wait for `citations.suggest_pending`. With `takeover` the caller
    knows the process that last worked on the batch has ended: it is taken over at once, not
    after STALE_SECONDS. With `approve` (a bank the mine already uses) the questions are stored
    approved, not as drafts, and the approval is audited with the import. Returns the done batch.
    """
    db.session.commit()  # whatever the caller read is not held across the import
    batch = _claim(key, report, created_by_id, takeover)
    try:
        _store(batch, report, created_by_id, suggest, suggest_limit, progress, approve)
    except Exception:
        db.session.rollback()
        _abandon(batch.id)
        raise
    return batch


def _claim(key: str | None, report: ImportReport, created_by_id: int | None, takeover: bool) -> ImportBatch:
    """Start a batch for `key`, or take over its interrupted one; commits."""
    now = utcnow()
    batch = db.session.scalar(select(ImportBatch).where(ImportBatch.source_key == key)) if key else None
    if batch is None:
        batch = ImportBatch(source_key=key, state="running", progress_at=now)
        db.session.add(batch)
    else:
        if not takeover and batch.progress_at and batch.progress_at > now - timedelta(seconds=STALE_SECONDS):
            raise ImportBusy()
        # Take it over only if nobody else did since we read it.
        taken = db.session.execute(
            update(ImportBatch)
            .where(ImportBatch.id == batch.id, ImportBatch.progress_at == batch.progress_at)
            .values(progress_at=now)
        )
        if taken.rowcount != 1:
            db.session.rollback()
            raise ImportBusy()
        log.info("resuming interrupted import %s (%s)", batch.id, key)
    batch.file_names = list(report.files)
    batch.created_by_id = created_by_id
    batch.rows, batch.imported = report.rows, report.imported
    batch.duplicates = len(report.duplicates)
    batch.errors = len(report.errors) + len(report.file_errors)
    batch.report = report.to_dict()
    try:
        db.session.commit()
    except IntegrityError:  # another request created the batch for this key a moment ago
        db.session.rollback()
        raise ImportBusy() from None
    return batch


def _store(
    batch: ImportBatch,
    report: ImportReport,
    created_by_id: int | None,
    suggest: Suggester | None,
    suggest_limit: int | None,
    progress: Callable[[int], None] | None,
    approve: bool = False,
) -> None:
    """Add the report's questions the batch does not hold yet, then mark it done.

    A batch that loses the race for the write lock (busy past the timeout, a deadlock) is
    rolled back and the pass starts over: the questions already committed are skipped.
    """
    for attempt in range(1, LOCK_RETRIES + 1):
        try:
            _store_pass(batch.id, report, created_by_id, suggest, suggest_limit, progress, approve)
            break
        except DBAPIError as error:
            db.session.rollback()
            if attempt == LOCK_RETRIES or not is_transient(error):
                raise
            log.warning("import %s: database busy, going on from the last commit (%s)", batch.id, error.orig)
            time.sleep(0.5)
    db.session.refresh(batch)


def _store_pass(
    batch_id: int,
    report: ImportReport,
    created_by_id: int | None,
    suggest: Suggester | None,
    suggest_limit: int | None,
    progress: Callable[[int], None] | None,
    approve: bool = False,
) -> None:
    held = set(db.session.scalars(select(Question.content_key).where(Question.import_batch_id == batch_id)))
    others = set(service.existing_ids_by_key()) - held
    if any(parsed.draft.content_key in others for parsed in report.questions):
        raise service.QuestionError("预览之后题库有了变化（可能有人同时导入了相同的题目），请重新预览后再确认。")
    categories: dict[tuple[str, ...], int | None] = {}
    started, pending = time.monotonic(), 0
    for done, parsed in enumerate(report.questions, start=1):
        draft = replace(parsed.draft, status="approved") if approve else parsed.draft
        if draft.content_key in held:
            continue  # stored before an interruption
        if draft.category not in categories:
            category = category_for_path(draft.category) if draft.category else None
            categories[draft.category] = category.id if category else None
            if category is not None:  # a new category is written at once: commit it with what is ready
                _commit_progress(batch_id)
                started, pending = time.monotonic(), 0
        category_id = categories[draft.category]
        category = db.session.get(Category, category_id) if category_id else None
        origin = service.Origin("import", parsed.file, parsed.sheet, parsed.row, batch_id=batch_id)
        within = suggest_limit is None or done <= suggest_limit
        # Nothing is written until the batch commits: the citation search (slow on a busy
        # server) must not run while this import holds the write lock.
        with db.session.no_autoflush:
            service._create(draft, category, origin, created_by_id, suggest if within else None)
        held.add(draft.content_key)
        pending += 1
        if pending >= BATCH_ROWS or time.monotonic() - started >= BATCH_SECONDS:
            _commit_progress(batch_id)
            started, pending = time.monotonic(), 0
        if progress and done % 500 == 0:
            progress(done)
    db.session.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id)
        .values(state="done", source_key=None, progress_at=utcnow())
    )
    audit.record("bank.import", "import_batch", batch_id, f"{'、'.join(report.files)}：导入 {report.imported} 道题"
                 + ("，直接设为已审核" if approve else ""), actor_id=created_by_id)
    if approve:
        audit.record("question.approve", "import_batch", batch_id,
                     f"{report.imported} 道题：导入时直接设为已审核（本矿已在用的题库）", actor_id=created_by_id)
    db.session.commit()


def _commit_progress(batch_id: int) -> None:
    db.session.execute(update(ImportBatch).where(ImportBatch.id == batch_id).values(progress_at=utcnow()))
    db.session.commit()
    if db.session.get_bind().dialect.name == "sqlite":
        time.sleep(COMMIT_PAUSE_SECONDS)


def _abandon(batch_id: int) -> None:
    """Delete a batch and every question it stored (in short commits, like the import)."""
    while ids := list(db.session.scalars(select(Question.id).where(Question.import_batch_id == batch_id).limit(500))):
        db.session.execute(update(Question).where(Question.id.in_(ids)).values(current_version_id=None))
        db.session.execute(delete(QuestionVersion).where(QuestionVersion.question_id.in_(ids)))
        db.session.execute(delete(Question).where(Question.id.in_(ids)))
        db.session.commit()
    db.session.execute(delete(ImportBatch).where(ImportBatch.id == batch_id))
    db.session.commit()


def forget_interrupted(older_than: datetime) -> int:
    """Roll back imports interrupted before `older_than` (their upload is gone); returns how many."""
    stale = list(
        db.session.scalars(
            select(ImportBatch.id).where(ImportBatch.state == "running", ImportBatch.progress_at < older_than)
        )
    )
    for batch_id in stale:
        log.warning("rolling back import %s, interrupted and never confirmed again", batch_id)
        _abandon(batch_id)
    return len(stale)
