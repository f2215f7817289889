"""Who runs upload jobs: a small interface and the embedded default, a thread of the server.

`JobRunner.submit(job_id)` hands over a committed, queued job. `ThreadRunner` runs the jobs
of one app one at a time on a daemon thread of the server process (two ingestions never run
side by side in a process, so a file uploaded twice is never taken twice at once), writes
their progress and heartbeat every `UPLOAD_JOB_PROGRESS_SECONDS`, and — once the server
answers its first request — looks every `UPLOAD_JOB_SWEEP_SECONDS` for jobs nobody works on
(queued by a process that died, or running for one: see `upload_jobs.orphans`) and takes them
over. A separate worker process could implement the same interface: `submit` does nothing,
and the worker loops over `recover`.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from pathlib import Path
from typing import Protocol

from flask import Flask

from core.db import db, utcnow
from corpus import upload_jobs
from corpus.signals import commit_and_announce
from corpus.upload_jobs import FAILED, Outcome, Progress, UploadJob

log = logging.getLogger(__name__)


class JobRunner(Protocol):
    """Takes queued upload jobs over."""

    def submit(self, job_id: int, takeover: str | None = None) -> None:
        """Run the job (claiming it from `takeover`, an owner found gone, if given)."""


class ThreadRunner:
    """Upload jobs of one app, run one at a time on a daemon thread of this process."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.owner = upload_jobs.make_owner()
        self._queue: queue.Queue[tuple[int, str | None]] = queue.Queue()
        self._pending: set[int] = set()
        self._idle = threading.Condition()
        self._worker: threading.Thread | None = None
        self._sweeper: threading.Thread | None = None
        self._stop = threading.Event()

    def _setting(self, name: str, default: float) -> float:
        return float(self.app.config.get(name, default))

    @property
    def progress_seconds(self) -> float:
        return self._setting("UPLOAD_JOB_PROGRESS_SECONDS", 1.0)

    @property
    def heartbeat_seconds(self) -> float:
        return self._setting("UPLOAD_JOB_HEARTBEAT_SECONDS", 15.0)

    @property
    def stale_seconds(self) -> float:
        return self._setting("UPLOAD_JOB_STALE_SECONDS", 120.0)

    @property
    def sweep_seconds(self) -> float:
        return self._setting("UPLOAD_JOB_SWEEP_SECONDS", 30.0)

    @property
    def folder(self) -> Path:
        return Path(self.app.config["DATA_DIR"]) / "uploads"

    def submit(self, job_id: int, takeover: str | None = None) -> None:
        with self._idle:
            if job_id in self._pending:
                return
            self._pending.add(job_id)
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="upload-jobs", daemon=True)
                self._worker.start()
        self._queue.put((job_id, takeover))

    def wait(self, timeout: float = 60.0) -> bool:
        """Wait until no job of this runner is queued or running; False on timeout (tests)."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    def recover(self) -> int:
        """Take over the jobs nobody works on; returns how many were submitted."""
        with self.app.app_context():
            try:
                found = upload_jobs.orphans(db.session, utcnow(), self.stale_seconds)
            finally:
                db.session.remove()
        for job_id, takeover in found:
            self.submit(job_id, takeover)
        return len(found)

    def start_sweeping(self) -> None:
        """Recover at once, then every `sweep_seconds`, on a daemon thread (server start)."""
        if self._sweeper is not None:
            return

        def sweep() -> None:
            while not self._stop.is_set():
                try:
                    self.recover()
                except Exception:  # the database may be briefly away; the next sweep tries again
                    log.exception("looking for interrupted upload jobs failed")
                self._stop.wait(self.sweep_seconds)

        self._sweeper = threading.Thread(target=sweep, name="upload-jobs-sweep", daemon=True)
        self._sweeper.start()

    def stop(self, timeout: float = 60.0) -> None:
        """Stop sweeping and wait for the jobs in hand (tests, before their tables are wiped)."""
        self._stop.set()
        self.wait(timeout)

    def _work(self) -> None:
        while True:
            job_id, takeover = self._queue.get()
            try:
                self._run(job_id, takeover)
            except Exception:  # the job stays running and is taken over by the next sweep or start
                log.exception("upload job %d could not be run", job_id)
            finally:
                with self._idle:
                    self._pending.discard(job_id)
                    self._idle.notify_all()

    def _run(self, job_id: int, takeover: str | None) -> None:
        with self.app.app_context():
            session = db.session
            try:
                if not upload_jobs.claim(session, job_id, self.owner, utcnow(), takeover):
                    return  # another runner has it, or it is finished
                job = session.get(UploadJob, job_id)
                log.info("upload job %d started (attempt %d): %s", job_id, job.attempts, job.names)
                progress = Progress()
                stop = threading.Event()
                ticker = threading.Thread(target=self._tick, args=(job_id, progress, stop), daemon=True)
                ticker.start()
                try:
                    outcome = upload_jobs.execute(session, job, self.folder, self._announce, progress)
                except Exception as exc:
                    log.exception("upload job %d failed", job_id)
                    session.rollback()
                    outcome = Outcome(FAILED, f"导入出错（{type(exc).__name__}），请联系管理员查看日志。", [])
                finally:
                    stop.set()
                    ticker.join()
                session.rollback()
                upload_jobs.write_progress(session, job_id, self.owner, progress, utcnow())
                upload_jobs.finish(
                    session, job_id, self.owner, outcome.state, utcnow(), outcome.message, outcome.document_ids
                )
                log.info("upload job %d %s", job_id, outcome.state)
            finally:
                db.session.remove()

    def _announce(self, ids: set[int], progress) -> list[str]:  # noqa: ANN001 - progress(done: int)
        return commit_and_announce(db.session, self.app, ids, progress=progress)

    def _tick(self, job_id: int, progress: Progress, stop: threading.Event) -> None:
        """Write the progress down when it changed, and the heartbeat now and then."""
        with self.app.app_context():
            written, beat = -1, time.monotonic()
            try:
                while not stop.wait(self.progress_seconds):
                    changes = progress.snapshot()[3]
                    if changes == written and time.monotonic() - beat < self.heartbeat_seconds:
                        continue
                    try:
                        upload_jobs.write_progress(db.session, job_id, self.owner, progress, utcnow())
                        written, beat = changes, time.monotonic()
                    except Exception as exc:  # busy database: the next tick writes it
                        db.session.rollback()
                        log.warning("upload job %d: progress not written (%s)", job_id, exc)
            finally:
                db.session.remove()


def runner(app: Flask) -> ThreadRunner:
    """The app's runner (made by corpus.init_app)."""
    return app.extensions["upload_jobs"]


def init_app(app: Flask) -> None:
    """Give the app its runner; a served app recovers interrupted jobs from its first request
    (UPLOAD_JOBS_RECOVER_ON_START, off under TESTING unless set)."""
    app.extensions["upload_jobs"] = ThreadRunner(app)
    gate = threading.Lock()

    @app.before_request
    def recover_once() -> None:
        if gate.locked() or not gate.acquire(blocking=False):
            return
        if app.config.get("UPLOAD_JOBS_RECOVER_ON_START", not app.testing):
            runner(app).start_sweeping()
