"""SQLite writers of different processes (the server, a bank import beside it) queue on a file
lock beside the database, held from a transaction's first write to its commit."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from sqlalchemy import text

from core.db import _ProcessLock, db
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fcntl")

# Another process tries the lock for `wait` seconds and prints whether it got it.
TRY = """
import sys, time
sys.path.insert(0, {root!r})
from core.db import _ProcessLock
print(_ProcessLock({path!r}).acquire(time.monotonic() + {wait}))
"""


def other_process_gets(path: str, wait: float = 0.3) -> bool:
    code = TRY.format(root=str(ROOT), path=path, wait=wait)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return result.stdout.strip() == "True"


def test_the_lock_keeps_other_processes_out_until_it_is_released(tmp_path) -> None:
    lock = _ProcessLock(str(tmp_path / "db.sqlite3-writer.lock"))
    assert lock.acquire(time.monotonic() + 1)
    assert not other_process_gets(lock.path)
    lock.release()
    assert other_process_gets(lock.path)


def test_in_memory_databases_have_no_lock_file() -> None:
    assert _ProcessLock.beside(":memory:") is None and _ProcessLock.beside("") is None


def test_a_write_transaction_holds_the_lock_from_its_first_write_to_its_commit(app) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only: PostgreSQL locks rows")
    path = f"{db.engine.url.database}-writer.lock"
    db.session.execute(text("SELECT 1"))
    assert other_process_gets(path)  # reading takes nothing
    db.session.execute(text("CREATE TABLE IF NOT EXISTS lock_probe (n INTEGER)"))
    db.session.execute(text("INSERT INTO lock_probe VALUES (1)"))
    assert not other_process_gets(path)
    db.session.commit()
    assert other_process_gets(path)
    db.session.execute(text("DROP TABLE lock_probe"))
    db.session.commit()
