"""The database handle, the declarative base with a naming convention, time helpers, and
how the app lives with concurrent writers.

SQLite runs in WAL mode (readers never wait for a writer, a writer waits up to the busy
timeout for another), with synchronous=NORMAL (safe in WAL: a power cut may lose the last
commits, never corrupt the file). Long imports commit in short batches, so a sign-in waits
a fraction of a second at most. What can still fail under contention — SQLite's "database
is locked" after the busy timeout, PostgreSQL's deadlock, serialization and lock-timeout
errors — is *transient*: `retrying` runs a short unit of work again, and whatever still
fails is answered with `BUSY_MESSAGE` (HTTP 503, or one line on the command line), never
a traceback.
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

try:
    import fcntl
except ImportError:  # Windows: processes meet in SQLite's busy timeout only
    fcntl = None  # type: ignore[assignment]

from flask import Flask, current_app
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Connection, MetaData, event, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_BUSY_TIMEOUT_MS = 5000
# PostgreSQL: serialization failure, deadlock detected, lock not available (lock_timeout).
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
SQLITE_BUSY_WORDS = ("database is locked", "database table is locked", "database is busy")
BUSY_MESSAGE = "系统正忙（其他人正在保存大量数据），您这次的操作没有保存。请稍等几秒后重试。"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every model; constraint names are stable across SQLite and PostgreSQL."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)


VERSION_TABLE = "alembic_version"


def _migration_script():
    from alembic.script import ScriptDirectory

    return ScriptDirectory(current_app.extensions["migrate"].directory)


def migration_heads() -> set[str]:
    """The head revisions of this code's migrations (migrations/versions): what `init` upgrades to."""
    return set(_migration_script().get_heads())


def database_revisions(conn: Connection) -> set[str]:
    """The revisions a database is at (one per head); empty for a database never migrated."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return set()
    return {row[0] for row in conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))}


def newer_database_problem(revisions: set[str]) -> str | None:
    """Why a database at `revisions` is beyond this program (a revision it does not know: a newer
    program upgraded it, and this older one was put back), in Chinese; None otherwise. `init` cannot
    help there: it knows no way down from a revision it has never seen."""
    script = _migration_script()
    known = {revision.revision for revision in script.walk_revisions()}
    unknown = sorted(revisions - known)
    if not unknown:
        return None
    return (f"数据库版本比程序新（数据库 {'、'.join(unknown)}，程序 {'、'.join(sorted(script.get_heads()))}）："
            "请换回较新的程序，或从升级前的备份恢复")


def schema_problem() -> str | None:
    """Why the app's database does not fit this code, in Chinese; None when it fits: never
    initialised, at an older version (the code was upgraded and `init` not run), or at a version
    this code does not know (`newer_database_problem`: the code was rolled back)."""
    with db.engine.connect() as conn:
        revisions = database_revisions(conn)
    if not revisions:
        return "数据库尚未初始化：请先运行 python run.py init"
    if newer := newer_database_problem(revisions):
        return newer
    if revisions != migration_heads():
        return "数据库尚未升级到本程序的版本（程序升级后还没有运行 init）：请先运行 python run.py init，已有数据保持不变"
    return None


def utcnow() -> datetime:
    """Current time in UTC, timezone-naive, as stored in the database."""
    return datetime.now(UTC).replace(tzinfo=None)


def init_app(app: Flask) -> None:
    """Bind the handle to `app`; every new SQLite connection gets WAL and the busy timeout."""
    db.init_app(app)
    timeout = int(app.config.get("SQLITE_BUSY_TIMEOUT_MS", DEFAULT_BUSY_TIMEOUT_MS))
    journal = str(app.config.get("SQLITE_JOURNAL_MODE", "wal"))
    with app.app_context():
        for engine in db.engines.values():
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas(timeout, journal))
                _one_writer_at_a_time(engine, timeout / 1000)


def _sqlite_pragmas(timeout_ms: int, journal_mode: str) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            # The busy timeout first: switching to WAL briefly needs the database to itself.
            cursor.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
            cursor.execute(f"PRAGMA journal_mode = {journal_mode}")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    return on_connect


# A SAVEPOINT (session.begin_nested) opens SQLite's transaction: its reads fix the snapshot the
# writes after them need, so another thread's commit in between would fail them at once
# ("database is locked" without any wait). It queues like a write.
_WRITES = ("insert", "update", "delete", "replace", "savepoint")
_HOLDS_WRITE_LOCK = "banzu_holds_write_lock"


def _one_writer_at_a_time(engine: Any, timeout_s: float) -> None:
    """SQLite has one writer at a time. Threads of this process that want to write queue on a
    lock, taken before their first INSERT/UPDATE/DELETE and handed on the moment the
    transaction commits or rolls back. Without it, a waiting writer polls SQLite's lock with
    sleeps growing to 100 ms, and writers arriving later overtake it again and again: under a
    few hundred saves a second that made seconds-long waits and busy timeouts (503). After
    `timeout_s` a writer goes on without the lock (and waits in SQLite as before).

    Processes (the server, a bank import beside it, commands) meet on a file lock beside the
    database, taken by the thread holding its process's lock: a writer of another process then
    waits at most a few milliseconds after the lock is free, not SQLite's 100 ms naps (an
    import committing a batch every 60 ms held the server's sign-ins out for seconds)."""
    lock = threading.Lock()
    dialect = engine.dialect
    between = _ProcessLock.beside(engine.url.database)

    def take(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        info = conn.info
        if not info.get(_HOLDS_WRITE_LOCK) and statement.lstrip()[:9].lower().startswith(_WRITES):
            # after a timeout the rest of this transaction goes on without waiting again
            deadline = time.monotonic() + timeout_s
            if not lock.acquire(timeout=timeout_s):
                info[_HOLDS_WRITE_LOCK] = "timed out"
            elif between is not None and not between.acquire(deadline):
                info[_HOLDS_WRITE_LOCK] = "held here"
            else:
                info[_HOLDS_WRITE_LOCK] = "held"

    def release(info: dict) -> None:
        held = info.pop(_HOLDS_WRITE_LOCK, None)
        if held == "held" and between is not None:
            between.release()
        if held in ("held", "held here"):
            lock.release()

    def ending(original: Callable[[Any], None]) -> Callable[[Any], None]:
        def end(dbapi_connection: Any) -> None:
            try:
                original(dbapi_connection)
            finally:  # after the commit or rollback itself, so the next writer finds SQLite free
                release(_info_of(dbapi_connection))

        return end

    dialect.do_commit = ending(dialect.do_commit)
    dialect.do_rollback = ending(dialect.do_rollback)  # also run when a connection returns to the pool
    event.listen(engine, "before_cursor_execute", take)
    for name in ("checkin", "close", "invalidate"):  # a connection that went away holds nothing
        event.listen(engine.pool, name, lambda _conn, record, *_: release(record.info))


class _ProcessLock:
    """An exclusive lock on a file, shared by the processes writing one SQLite database."""

    POLL_SECONDS = 0.002

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None

    @classmethod
    def beside(cls, database: str | None) -> _ProcessLock | None:
        """The lock of a database file (None for an in-memory database, or without fcntl)."""
        if fcntl is None or not database or database == ":memory:" or database.startswith("file:"):
            return None
        return cls(f"{database}-writer.lock")

    def acquire(self, deadline: float) -> bool:
        """Take the lock, trying every few milliseconds until `deadline`; False on timeout or
        when the lock file cannot be opened (SQLite's own locking still holds)."""
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            while True:
                try:
                    fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return True
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        return False
                    time.sleep(self.POLL_SECONDS)
        except OSError as error:
            log.warning("writer lock file %s unusable: %s", self.path, error)
            return False

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)


def _info_of(dbapi_connection: Any) -> dict:
    try:
        return dbapi_connection.info
    except (AttributeError, NotImplementedError):  # the first connect's ad-hoc proxy: it holds nothing
        return {}


def is_transient(error: BaseException) -> bool:
    """True for errors that only mean "someone else holds the lock right now": worth a retry."""
    if not isinstance(error, DBAPIError):
        return False
    original = error.orig
    if getattr(original, "sqlstate", None) in TRANSIENT_SQLSTATES:
        return True
    if isinstance(original, sqlite3.OperationalError):
        message = str(original).lower()
        return any(words in message for words in SQLITE_BUSY_WORDS)
    return False


def retrying(work: Callable[[], T], *, attempts: int = 3, pause: float = 0.05) -> T:
    """Run `work()` and commit; on a transient error roll back and run it again (at most
    `attempts` times, with a short growing pause). For short units of work whose only side
    effects are in the database: a sign-in, a logged question, a saved answer."""
    for attempt in range(1, attempts + 1):
        try:
            result = work()
            db.session.commit()
            return result
        except DBAPIError as error:
            db.session.rollback()
            if attempt == attempts or not is_transient(error):
                raise
            log.warning("database busy (attempt %d of %d), retrying: %s", attempt, attempts, error.orig)
            time.sleep(pause * 2 ** (attempt - 1) * (1 + random.random()))
    raise AssertionError("unreachable")
