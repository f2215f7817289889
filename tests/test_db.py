"""Living with concurrent writers: SQLite in WAL mode, bounded retries, and a clear 503 when
the database stays busy — never a 500 with a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from core.db import BUSY_MESSAGE, db, is_transient, retrying
from tests.conftest import csrf_token, make_app


def locked(message: str = "database is locked") -> OperationalError:
    return OperationalError("UPDATE users SET …", {}, sqlite3.OperationalError(message))


class PgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"pg error {sqlstate}")
        self.sqlstate = sqlstate


def sqlite_only(app) -> Path:
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("sqlite:///"):
        pytest.skip("SQLite only")
    return Path(url.removeprefix("sqlite:///"))


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app) -> None:
    sqlite_only(app)
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_pools_fit_the_server_threads() -> None:
    from core.config import engine_options

    pg = engine_options("postgresql+psycopg://u@h/db", {"WEB_THREADS": 12})
    assert pg["pool_size"] == 12 and pg["max_overflow"] >= 10 and pg["pool_pre_ping"]
    assert engine_options("sqlite:////x/banzu.sqlite3", {"WEB_THREADS": 12})["pool_size"] == 12
    assert "pool_size" not in engine_options("sqlite://", {})  # in memory: one shared connection


def test_lock_deadlock_and_serialization_errors_are_transient() -> None:
    assert is_transient(locked()) and is_transient(locked("database table is locked"))
    for state in ("40001", "40P01", "55P03"):
        assert is_transient(OperationalError("stmt", {}, PgError(state)))
    assert not is_transient(OperationalError("stmt", {}, PgError("23505")))
    assert not is_transient(locked("no such table: users"))
    assert not is_transient(ValueError("database is locked"))


def test_retrying_runs_short_work_again_after_a_lock(app) -> None:
    calls = []

    def work() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise locked()
        return "saved"

    assert retrying(work, pause=0) == "saved" and len(calls) == 3
    calls.clear()
    with pytest.raises(OperationalError):
        retrying(lambda: (_ for _ in ()).throw(locked()), attempts=2, pause=0)


def test_a_busy_database_is_a_503_page_or_json_in_chinese(app, client) -> None:
    def busy():
        raise locked()

    app.add_url_rule("/busy-test", "busy_test", busy)
    app.add_url_rule("/api/busy-test", "busy_test_api", busy)
    page = client.get("/busy-test")
    assert page.status_code == 503 and page.headers["Retry-After"]
    assert BUSY_MESSAGE in page.get_data(as_text=True) and "Traceback" not in page.get_data(as_text=True)
    api = client.get("/api/busy-test")
    assert api.status_code == 503 and api.get_json()["message"] == BUSY_MESSAGE


def test_a_sign_in_behind_a_held_write_lock_gets_the_busy_page_not_a_500(_schema, tmp_path, make_user) -> None:
    """A real lock: another connection holds the write lock past the (shortened) busy timeout."""
    application = make_app(_schema, tmp_path / "busy", SQLITE_BUSY_TIMEOUT_MS=100)
    path = sqlite_only(application)
    with application.app_context():
        user = make_user(password="Passw0rd!x")
        client = application.test_client()
        token = csrf_token(client, "/login")
        holder = sqlite3.connect(path, timeout=0)
        holder.execute("BEGIN IMMEDIATE")
        try:
            response = client.post("/login", data={"csrf_token": token, "username": user.username,
                                                   "password": "Passw0rd!x"})
        finally:
            holder.rollback()
            holder.close()
        assert response.status_code == 503
        assert BUSY_MESSAGE in response.get_data(as_text=True)
        # Once the lock is gone the same sign-in works.
        again = client.post("/login", data={"csrf_token": token, "username": user.username, "password": "Passw0rd!x"})
        assert again.status_code == 302
        db.session.remove()
