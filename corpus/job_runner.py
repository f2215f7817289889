"""Who runs upload jobs: a small interface, a child process (served apps) and a thread (tests).

`JobRunner.submit(job_id)` hands over a committed, queued job. Both runners write a running
job's progress and heartbeat every `UPLOAD_JOB_PROGRESS_SECONDS` (`run_one`), and — once the
server answers its first request — look every `UPLOAD_JOB_SWEEP_SECONDS` for jobs nobody
works on (queued by a process that died, or running for one: see `upload_jobs.orphans`);
that sweep also applies, once a day, newer versions whose 施行 date has come (corpus.due_versions).

`ProcessRunner` (UPLOAD_JOB_RUNNER=process, the default of a served app) starts
`python run.py upload-jobs` (core.children: nice 5, a process group of its own, its log in
the server's): the child works through every job nobody works on, one at a time, then exits.
Parsing, storing and indexing a large document then never holds the server's interpreter
lock; the child meets the server only on the database's writer lock, file by file. One child
runs at a time per server; a job submitted while it runs is taken by it, or by the next child
started when it ends. A killed child's job is taken over by the child the next sweep starts.

`ThreadRunner` (UPLOAD_JOB_RUNNER=thread, the default under TESTING) runs the jobs of one app
one at a time on a daemon thread of the server process (tests wait for it and block it).
"""

from __future__ import annotations

import logging
import queue
import subprocess
import threading
import time
from datetime import date
from pathlib import Path
from typing import Protocol

from flask import Flask

from core import children
from core.db import db, utcnow
from corpus import due_versions, upload_jobs
from corpus.signals import commit_and_announce, own_names
from corpus.upload_jobs import FAILED, Outcome, Progress, UploadJob

log = logging.getLogger(__name__)
THREAD, PROCESS = "thread", "process"


class JobRunner(Protocol):
    """Takes queued upload jobs over."""

    def submit(self, job_id: int, takeover: str | None = None) -> None:
        """Run the job (claiming it from `takeover`, an owner found gone, if given)."""


class _Runner:
    """What both runners share: their settings and the sweep for jobs nobody works on."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._sweeper: threading.Thread | None = None
        self._stop = threading.Event()
        self._daily = due_versions.DailyDue()

    @property
    def sweep_seconds(self) -> float:
        return float(self.app.config.get("UPLOAD_JOB_SWEEP_SECONDS", 30.0))

    def orphans(self) -> list[tuple[int, str | None]]:
        """Jobs nobody works on (failing those interrupted too often), see `upload_jobs.orphans`."""
        with self.app.app_context():
            try:
                return upload_jobs.orphans(db.session, utcnow(), stale_seconds(self.app))
            finally:
                db.session.remove()

    def recover(self) -> int:
        """Take over the jobs nobody works on; returns how many were found."""
        raise NotImplementedError

    def wait(self, timeout: float = 60.0) -> bool:
        """Wait until this runner has nothing in hand; False on timeout (tests)."""
        raise NotImplementedError

    def apply_due_versions(self, today: date | None = None) -> set[int] | None:
        """Once per day, newer versions whose 施行 date has come (see corpus.due_versions)."""
        with self.app.app_context():
            try:
                return self._daily.run(self.app, db.session, today)
            finally:
                db.session.remove()

    def start_sweeping(self) -> None:
        """Recover at once, then every `sweep_seconds`, on a daemon thread (server start); the
        same sweep applies, once a day, the newer versions that came into force."""
        if self._sweeper is not None:
            return

        def sweep() -> None:
            while not self._stop.is_set():
                try:
                    self.recover()
                except Exception:  # the database may be briefly away; the next sweep tries again
                    log.exception("looking for interrupted upload jobs failed")
                try:
                    self.apply_due_versions()
                except Exception:  # as above: the next sweep tries again
                    log.exception("applying newer versions that came into force failed")
                self._stop.wait(self.sweep_seconds)

        self._sweeper = threading.Thread(target=sweep, name="upload-jobs-sweep", daemon=True)
        self._sweeper.start()

    def stop(self, timeout: float = 60.0) -> None:
        """Stop sweeping and wait for the jobs in hand (tests, before their tables are wiped)."""
        self._stop.set()
        self.wait(timeout)


class ThreadRunner(_Runner):
    """Upload jobs of one app, run one at a time on a daemon thread of this process."""

    def __init__(self, app: Flask) -> None:
        super().__init__(app)
        self.owner = upload_jobs.make_owner()
        self._queue: queue.Queue[tuple[int, str | None]] = queue.Queue()
        self._pending: set[int] = set()
        self._idle = threading.Condition()
        self._worker: threading.Thread | None = None

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
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    def recover(self) -> int:
        found = self.orphans()
        for job_id, takeover in found:
            self.submit(job_id, takeover)
        return len(found)

    def _work(self) -> None:
        while True:
            job_id, takeover = self._queue.get()
            try:
                run_one(self.app, job_id, self.owner, takeover)
            except Exception:  # the job stays running and is taken over by the next sweep or start
                log.exception("upload job %d could not be run", job_id)
            finally:
                with self._idle:
                    self._pending.discard(job_id)
                    self._idle.notify_all()


class ProcessRunner(_Runner):
    """Upload jobs of one app, run by a child process (`python run.py upload-jobs`), one child at a time."""

    def __init__(self, app: Flask) -> None:
        super().__init__(app)
        self._lock = threading.Condition()
        self._child: subprocess.Popen | None = None
        self._again = False  # a job came while the child ran: start another when it ends

    @property
    def child(self) -> subprocess.Popen | None:
        """The child at work, if any."""
        return self._child

    def submit(self, job_id: int, takeover: str | None = None) -> None:
        self._start_child()

    def recover(self) -> int:
        found = self.orphans()
        if found:
            self._start_child()
        return len(found)

    def wait(self, timeout: float = 60.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._child is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def _start_child(self) -> None:
        with self._lock:
            if self._child is not None:
                self._again = True
                return
            root = Path(self.app.root_path)
            self._child = children.start(root, ["upload-jobs"], children.app_environ(self.app.config),
                                         on_exit=self._ended)
            log.info("upload jobs: child process %d started", self._child.pid)

    def _ended(self, code: int) -> None:
        with self._lock:
            pid = self._child.pid if self._child is not None else 0
            self._child = None
            again, self._again = self._again, False
            self._lock.notify_all()
        if code:
            log.warning("upload jobs: child process %d ended with %d; the next sweep takes its job over", pid, code)
        # A crashed child is not restarted at once (it might crash again at start); the sweep does.
        if again and not code and not self._stop.is_set():
            self._start_child()


def stale_seconds(app: Flask) -> float:
    """How old a heartbeat of a runner on another host may be before its job is taken over."""
    return float(app.config.get("UPLOAD_JOB_STALE_SECONDS", 120.0))


def run_one(app: Flask, job_id: int, owner: str, takeover: str | None = None) -> None:
    """Claim the job for `owner` (from `takeover`, an owner found gone) and run it in this
    thread, writing its progress and heartbeat from another; record how it ended."""
    with app.app_context():
        session = db.session
        try:
            if not upload_jobs.claim(session, job_id, owner, utcnow(), takeover):
                return  # another runner has it, or it is finished
            job = session.get(UploadJob, job_id)
            log.info("upload job %d started (attempt %d): %s", job_id, job.attempts, job.names)
            progress = Progress()
            stop = threading.Event()
            ticker = threading.Thread(target=_tick, args=(app, job_id, owner, progress, stop), daemon=True)
            ticker.start()
            try:
                folder = Path(app.config["DATA_DIR"]) / "uploads"
                outcome = upload_jobs.execute(session, job, folder, _announcer(app), progress,
                                              own_names=own_names(app))
            except Exception as exc:
                log.exception("upload job %d failed", job_id)
                session.rollback()
                outcome = Outcome(FAILED, f"导入出错（{type(exc).__name__}），请联系管理员查看日志。", [])
            finally:
                stop.set()
                ticker.join()
            session.rollback()
            upload_jobs.write_progress(session, job_id, owner, progress, utcnow())
            upload_jobs.finish(session, job_id, owner, outcome.state, utcnow(), outcome.message, outcome.document_ids)
            log.info("upload job %d %s", job_id, outcome.state)
        finally:
            db.session.remove()


def work_through(app: Flask) -> int:
    """The child's work: run every job nobody works on, one at a time, until none is left
    (a job queued meanwhile is found by the next look); returns how many were run."""
    owner = upload_jobs.make_owner()
    tried: set[int] = set()
    while True:
        with app.app_context():
            try:
                found = [(j, t) for j, t in upload_jobs.orphans(db.session, utcnow(), stale_seconds(app))
                         if j not in tried]
            finally:
                db.session.remove()
        if not found:
            return len(tried)
        job_id, takeover = found[0]
        tried.add(job_id)
        run_one(app, job_id, owner, takeover)


def _announcer(app: Flask):  # noqa: ANN202 - upload_jobs.Announce
    def announce(ids: set[int], progress) -> list[str]:  # noqa: ANN001 - progress(done: int)
        return commit_and_announce(db.session, app, ids, progress=progress)

    return announce


def _tick(app: Flask, job_id: int, owner: str, progress: Progress, stop: threading.Event) -> None:
    """Write the progress down when it changed, and the heartbeat now and then."""
    every = float(app.config.get("UPLOAD_JOB_PROGRESS_SECONDS", 1.0))
    heartbeat = float(app.config.get("UPLOAD_JOB_HEARTBEAT_SECONDS", 15.0))
    with app.app_context():
        written, beat = -1, time.monotonic()
        try:
            while not stop.wait(every):
                changes = progress.snapshot()[3]
                if changes == written and time.monotonic() - beat < heartbeat:
                    continue
                try:
                    upload_jobs.write_progress(db.session, job_id, owner, progress, utcnow())
                    written, beat = changes, time.monotonic()
                except Exception as exc:  # busy database: the next tick writes it
                    db.session.rollback()
                    log.warning("upload job %d: progress not written (%s)", job_id, exc)
        finally:
            db.session.remove()


def runner(app: Flask) -> ThreadRunner | ProcessRunner:
    """The app's runner (made by corpus.init_app)."""
    return app.extensions["upload_jobs"]


def init_app(app: Flask) -> None:
    """Give the app its runner (UPLOAD_JOB_RUNNER: process, or thread under TESTING); a served
    app recovers interrupted jobs from its first request (UPLOAD_JOBS_RECOVER_ON_START, off
    under TESTING unless set)."""
    mode = app.config.get("UPLOAD_JOB_RUNNER") or (THREAD if app.testing else PROCESS)
    if mode not in (THREAD, PROCESS):
        raise ValueError(f"UPLOAD_JOB_RUNNER must be {THREAD} or {PROCESS}, not {mode!r}")
    app.extensions["upload_jobs"] = ThreadRunner(app) if mode == THREAD else ProcessRunner(app)
    gate = threading.Lock()

    @app.before_request
    def recover_once() -> None:
        if gate.locked() or not gate.acquire(blocking=False):
            return
        if app.config.get("UPLOAD_JOBS_RECOVER_ON_START", not app.testing):
            runner(app).start_sweeping()
