"""Library uploads taken in the background: the job table and what a job does.

An upload request only stores its files (DATA_DIR/uploads) and queues an `UploadJob`; a
runner (corpus.job_runner) claims it and calls `execute`: the files are ingested (stage
"parse", file by file; inside a file "read", pages of a PDF, and "store", articles written)
and the receivers of `documents_changed` follow (stage "index", article by article, the
search index among them). The job ends done — with the ids of the
documents its files now are — or failed with a message in Chinese. Job state lives in the
database, so every server thread and process, and a reloaded page, sees the same.

Nothing is left half-taken: a file that cannot be read stores nothing; when the search index
cannot take the new documents they are removed again (so the library and the index agree)
and the job fails saying why. A job is claimed by an atomic UPDATE naming its owner (host,
process id, runner token) and keeps a heartbeat; a job whose owner died is claimed again
from its stored files (ingestion skips what already landed), see `orphans`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, and_, delete, func, or_, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from core import audit
from core.children import process_exists
from core.db import db, utcnow
from corpus import ingestion
from corpus.models import Article, Document, DocumentSource

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
ACTIVE = (QUEUED, RUNNING)
STATE_LABELS = {QUEUED: "排队中", RUNNING: "正在导入", DONE: "已完成", FAILED: "失败"}
# Stages: files taken in (parse), then inside the file at hand pages read (a PDF) and articles
# written (store), then articles indexed (index): the page moves through one large file too.
PARSE, READ, STORE, INDEX = "parse", ingestion.READ, ingestion.STORE, "index"
_STAGE_TEXTS = {PARSE: "解析 {}/{} 个文件", READ: "读取 {}/{} 页", STORE: "写入 {}/{} 条", INDEX: "建索引 {}/{} 条"}
MAX_ATTEMPTS = 3
# Finished jobs are kept this long, and the latest KEEP_LAST whatever their age (see `prune`).
KEEP_DAYS = 30
KEEP_LAST = 50
HOST = socket.gethostname()[:60]
PROCESS_STARTED = utcnow()

# announce(document_ids, progress(done_articles)) -> problems of the receivers, in Chinese
Announce = Callable[[set[int], Callable[[int], None]], list[str]]


class UploadJob(db.Model):
    """Files one admin uploaded in one go, and how far taking them into the library got."""

    __tablename__ = "upload_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    files: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # [{name, hash, size}]
    doc_type: Mapped[str | None] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(10), default=QUEUED, index=True)
    stage: Mapped[str] = mapped_column(String(10), default="")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    document_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    owner: Mapped[str | None] = mapped_column(String(120))  # host:pid:token of the runner at work
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED)

    @property
    def names(self) -> list[str]:
        return [f["name"] for f in self.files or []]

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    @property
    def progress_text(self) -> str:
        """排队中 / 解析 3/7 个文件 / 读取 12/300 页 / 写入 500/2000 条 / 建索引 120/800 条 / 已完成 / 失败."""
        if self.state == RUNNING and self.stage in _STAGE_TEXTS:
            return _STAGE_TEXTS[self.stage].format(self.done, self.total)
        if self.state == RUNNING:
            return "正在导入"
        return self.state_label

    @property
    def progress_detail(self) -> str:
        """What `progress_text` adds to the state (解析 3/7 个文件), "" when it only repeats it;
        the job page shows it beside the state."""
        text = self.progress_text
        return "" if text == self.state_label else text


@dataclass(frozen=True)
class StoredFile:
    """An uploaded file as stored under DATA_DIR/uploads."""

    name: str
    hash: str
    size: int

    @classmethod
    def of(cls, name: str, data: bytes) -> StoredFile:
        return cls(name, hashlib.sha256(data).hexdigest(), len(data))


def queue(session: Session, user_id: int | None, files: Iterable[StoredFile], doc_type: str | None) -> UploadJob:
    """A new queued job for stored files. Flushes; the caller commits, then submits it."""
    stored = [{"name": f.name, "hash": f.hash, "size": f.size} for f in files]
    prune(session, utcnow())
    job = UploadJob(user_id=user_id, files=stored, doc_type=doc_type or None, state=QUEUED, total=len(stored))
    session.add(job)
    session.flush()
    audit.record("documents.import", "upload_job", job.id, "、".join(f["name"] for f in stored), actor_id=user_id,
                 session=session)
    return job


def prune(session: Session, now: datetime, keep_days: int | None = None, keep_last: int | None = None) -> int:
    """Delete jobs finished more than `keep_days` (KEEP_DAYS) ago, except the latest `keep_last`
    (KEEP_LAST) jobs; returns how many. Only the records go: a done job's files are the sources
    of its documents, a failed job's were removed when it failed. Called when a job is queued;
    flushes."""
    keep_days = KEEP_DAYS if keep_days is None else keep_days
    keep_last = KEEP_LAST if keep_last is None else keep_last
    latest = session.scalars(select(UploadJob.id).order_by(UploadJob.id.desc()).limit(keep_last)).all()
    old = delete(UploadJob).where(
        UploadJob.state.in_((DONE, FAILED)),
        UploadJob.finished_at < now - timedelta(days=keep_days),
        UploadJob.id.not_in(latest),
    )
    removed = session.execute(old).rowcount or 0
    if removed:
        log.info("pruned %d upload job(s) finished before %s", removed, now - timedelta(days=keep_days))
    return removed


def active_with(session: Session, name: str) -> UploadJob | None:
    """The queued or running job holding a file of this name, if any."""
    for job in session.scalars(select(UploadJob).where(UploadJob.state.in_(ACTIVE)).order_by(UploadJob.id)):
        if name in job.names:
            return job
    return None


def recent(session: Session, limit: int = 5) -> list[UploadJob]:
    """The latest jobs, active ones first (the library page lists them for admins)."""
    jobs = session.scalars(select(UploadJob).order_by(UploadJob.id.desc()).limit(limit)).all()
    return sorted(jobs, key=lambda j: (j.state not in ACTIVE, -j.id))


def documents_of(session: Session, job: UploadJob) -> list[Document]:
    """The documents the job's files now are (in the order of the files), for links."""
    ids = list(dict.fromkeys(job.document_ids or []))
    found = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(ids)))} if ids else {}
    return [found[i] for i in ids if i in found]


def as_dict(session: Session, job: UploadJob) -> dict[str, Any]:
    """What the status endpoint answers (the view adds the document links)."""
    return {
        "id": job.id,
        "state": job.state,
        "state_label": job.state_label,
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "progress_text": job.progress_text,
        "progress_detail": job.progress_detail,
        "message": job.message,
        "finished": job.finished,
        "files": job.names,
        "documents": [{"id": d.id, "title": d.title} for d in documents_of(session, job)],
    }


# --- claiming, heartbeats and orphans ----------------------------------------------------------------------


def make_owner() -> str:
    """host:pid:token naming one runner in one process."""
    return f"{HOST}:{os.getpid()}:{os.urandom(6).hex()}"


def claim(session: Session, job_id: int, owner: str, now: datetime, takeover: str | None = None) -> bool:
    """Take a queued job (or a running one still owned by `takeover`, found dead) for `owner`.

    One atomic UPDATE: of several runners (threads or processes) trying, exactly one wins."""
    free = UploadJob.state == QUEUED
    if takeover is not None:
        free = or_(free, and_(UploadJob.state == RUNNING, UploadJob.owner == takeover))
    result = session.execute(
        update(UploadJob)
        .where(UploadJob.id == job_id, free)
        .values(state=RUNNING, owner=owner, started_at=now, heartbeat_at=now, attempts=UploadJob.attempts + 1)
    )
    session.commit()
    return result.rowcount == 1


def owner_gone(owner: str | None, heartbeat_at: datetime | None, now: datetime, stale_seconds: float) -> bool:
    """True when the runner that claimed a job no longer runs.

    On this host a process id that does not exist (or is this very process, started after the
    job's last heartbeat: a restarted server that got the same id) is gone at once; a runner
    elsewhere is gone when its heartbeat is older than `stale_seconds`."""
    if not owner:
        return True
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host == HOST and pid_text.isdigit():
        pid = int(pid_text)
        if pid == os.getpid():
            if heartbeat_at is not None and heartbeat_at < PROCESS_STARTED:
                return True
        elif not process_exists(pid):
            return True
    return heartbeat_at is None or heartbeat_at < now - timedelta(seconds=stale_seconds)


def orphans(session: Session, now: datetime, stale_seconds: float) -> list[tuple[int, str | None]]:
    """Jobs nobody works on: (job id, owner to take over) for every queued job and every running
    job whose owner is gone. Jobs interrupted `MAX_ATTEMPTS` times are failed here instead."""
    found: list[tuple[int, str | None]] = []
    jobs = session.scalars(select(UploadJob).where(UploadJob.state.in_(ACTIVE)).order_by(UploadJob.id)).all()
    for job in jobs:
        if job.state == QUEUED:
            found.append((job.id, None))
        elif owner_gone(job.owner, job.heartbeat_at, now, stale_seconds):
            if job.attempts >= MAX_ATTEMPTS:
                log.warning("upload job %d was interrupted %d times; failing it", job.id, job.attempts)
                finish(session, job.id, job.owner, FAILED, now, message=_INTERRUPTED)
            else:
                log.info("upload job %d: its runner %s is gone; taking it over", job.id, job.owner)
                found.append((job.id, job.owner))
    return found


_INTERRUPTED = "导入多次被中断（服务器重启或退出），已停止。请检查文件后重新上传，或联系管理员查看日志。"


class Progress:
    """How far a running job got, shared between the job's thread and whoever writes it down."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.stage, self.done, self.total = "", 0, 0
        self.changes = 0

    def set(self, stage: str | None = None, done: int | None = None, total: int | None = None) -> None:
        with self._lock:
            self.stage = self.stage if stage is None else stage
            self.done = self.done if done is None else done
            self.total = self.total if total is None else total
            self.changes += 1

    def snapshot(self) -> tuple[str, int, int, int]:
        with self._lock:
            return self.stage, self.done, self.total, self.changes


def write_progress(session: Session, job_id: int, owner: str, progress: Progress, now: datetime) -> None:
    """Record the progress and the heartbeat (only while `owner` still holds the job)."""
    stage, done, total, _ = progress.snapshot()
    session.execute(
        update(UploadJob)
        .where(UploadJob.id == job_id, UploadJob.owner == owner, UploadJob.state == RUNNING)
        .values(stage=stage, done=done, total=total, heartbeat_at=now)
    )
    session.commit()


def finish(
    session: Session,
    job_id: int,
    owner: str | None,
    state: str,
    now: datetime,
    message: str = "",
    document_ids: list[int] | None = None,
) -> None:
    """Record the end of a job (only while `owner` still holds it); commits."""
    session.rollback()
    session.execute(
        update(UploadJob)
        .where(UploadJob.id == job_id, UploadJob.owner == owner if owner else UploadJob.owner.is_(None))
        .values(state=state, message=message, document_ids=document_ids or [], finished_at=now)
    )
    session.commit()


# --- the work -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """How a job ended: done or failed, what to tell the admin, the documents its files are."""

    state: str
    message: str
    document_ids: list[int]


def execute(
    session: Session,
    job: UploadJob,
    folder: Path,
    announce: Announce,
    progress: Progress,
    *,
    pause: Callable[[], None] = lambda: time.sleep(1),
    own_names: Iterable[str] = (),
) -> Outcome:
    """Ingest the job's files from `folder` and let the receivers (the index) follow.

    Commits file by file (see ingestion.ingest_paths). A job run again after its runner died
    re-announces every document of its files, since the index may have missed them.

    Types are settled as `python run.py ingest` settles them (`own_names`: the mine's names),
    the job's own files standing for the folder an upload does not have."""
    paths = [folder / name for name in job.names]
    missing = [p.name for p in paths if not p.is_file()]
    present = [p for p in paths if p.is_file()]
    rerun = job.attempts > 1
    doc_type = job.doc_type
    progress.set(PARSE, 0, len(paths))
    last_id = session.scalar(select(func.max(Document.id))) or 0
    counter = iter(range(1, len(paths) + 1))
    report = ingestion.ingest_paths(
        present,
        session,
        progress=lambda _path, _outcome: progress.set(PARSE, next(counter), len(paths)),
        doc_type=doc_type,
        commit_each=True,
        detail=progress.set,
        own_names=own_names,
        one_batch=True,
    )
    session.commit()
    not_taken = report.failed + report.skipped  # a README uploaded with the documents is not kept either
    for path, _reason in not_taken:
        Path(path).unlink(missing_ok=True)
    failed_lines = [f"{Path(path).name}：{reason}" for path, reason in not_taken]
    failed_lines += [f"{name}：上传的文件已不在服务器上，请重新上传" for name in missing]
    landed = _documents_of_files(session, [p for p in present if str(p) not in {f for f, _ in not_taken}])
    if not (report.added or report.merged or report.updated or report.unchanged):
        return Outcome(FAILED, "没有导入任何文档：\n" + "\n".join(failed_lines), [])

    changed = set(report.changed_ids) | (set(landed) if rerun else set())
    problems = _follow(session, changed, announce, progress, pause)
    merged = f"，另一格式已合并 {len(report.merged)}" if report.merged else ""
    counts = f"新增 {len(report.added)}{merged}，更新 {len(report.updated)}，未变 {len(report.unchanged)}"
    if problems:
        new_ids = sorted(i for i in changed if i > last_id)
        withdrawn = _withdraw(session, new_ids, folder, announce)
        reason = "；".join(problems)
        text = f"检索索引未能更新（{reason}），"
        text += f"本次新增的 {len(withdrawn)} 个文档已撤回，没有进入文库。" if withdrawn else ""
        if set(changed) - set(new_ids):
            text += "已更新的文档暂时仍按旧内容检索，系统会在下次启动或运行 python run.py init 时自动补上。"
        text += "请管理员处理后重新上传。"
        return Outcome(FAILED, "\n".join([text, *failed_lines]), [i for i in landed if i not in withdrawn])
    lines = [f"导入完成：{counts}。"]
    lines += [
        f"{Path(path).name} 与已有文档 #{doc_id} 是同一版本的另一格式，已合并，不会重复收录。"
        for path, doc_id in report.merged
    ]
    lines += [f"{Path(path).name}：{note}。" for path, note in report.guessed]
    lines += failed_lines
    return Outcome(DONE, "\n".join(lines), landed)


def _follow(
    session: Session, ids: set[int], announce: Announce, progress: Progress, pause: Callable[[], None]
) -> list[str]:
    """Announce the changed documents with index progress; one retry when a receiver failed
    (another writer may have held the index a moment too long)."""
    if not ids:
        progress.set(INDEX, 0, 0)
        return []
    articles = session.scalar(select(func.count(Article.id)).where(Article.document_id.in_(ids))) or 0
    problems: list[str] = []
    for attempt in range(2):
        progress.set(INDEX, 0, articles)
        problems = announce(ids, lambda done: progress.set(done=min(done, articles)))
        if not problems:
            progress.set(done=articles)
            return []
        log.warning(
            "upload: receivers could not follow documents %s (attempt %d): %s", sorted(ids), attempt + 1, problems
        )
        if attempt == 0:
            pause()
    return problems


def _withdraw(session: Session, ids: list[int], folder: Path, announce: Announce) -> list[int]:
    """Remove documents this job added (the index could not take them), with their stored files."""
    withdrawn: list[int] = []
    for doc_id in ids:
        document = session.get(Document, doc_id)
        if document is None:
            continue
        names = [Path(source.path).name for source in document.sources]
        changed = ingestion.remove_document(session, document)
        session.commit()
        announce(changed, lambda _done: None)
        withdrawn.append(doc_id)
        for name in names:
            (folder / name).unlink(missing_ok=True)
    return withdrawn


def _documents_of_files(session: Session, paths: list[Path]) -> list[int]:
    """The document each file now is: by its stored path, else (same content elsewhere) its hash."""
    ids: list[int] = []
    for path in paths:
        doc_id = session.scalar(select(DocumentSource.document_id).where(DocumentSource.path == str(path.resolve())))
        if doc_id is None and path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            doc_id = session.scalar(
                select(DocumentSource.document_id).where(DocumentSource.hash == digest).order_by(DocumentSource.id)
            )
        if doc_id is not None and doc_id not in ids:
            ids.append(doc_id)
    return ids
