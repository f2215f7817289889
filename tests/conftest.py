"""Shared test fixtures.

The schema is created once per session (SQLite file in a temp folder, or PostgreSQL when
DATABASE_URL is set); every test gets a fresh app with its own DATA_DIR, and its rows are
wiped afterwards, so tests are independent on both backends.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; tests that need it skip cleanly when it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The test database: $DATABASE_URL (PostgreSQL in CI's second run) or a session SQLite file."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def _schema(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Create every table once per session (dropping leftovers of an earlier run first)."""
    from run import create_app

    from core.db import db

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": _sqlalchemy_url(database_url),
                      "DATA_DIR": tmp_path_factory.mktemp("schema")})
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.create_all()
    return database_url


def _sqlalchemy_url(url: str) -> str:
    return "postgresql+psycopg://" + url.removeprefix("postgresql://") if url.startswith("postgresql://") else url


def make_app(database_url: str, data_dir: Path, **overrides) -> Flask:
    """An app for tests: temp DATA_DIR, the session's database, CSRF on (tests send tokens)."""
    from run import create_app

    data_dir.mkdir(parents=True, exist_ok=True)
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": _sqlalchemy_url(database_url), "DATA_DIR": data_dir,
              "SECRET_KEY": "test-secret", "SERVER_NAME": None}
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def app(_schema: str, tmp_path: Path) -> Iterator[Flask]:
    """A fresh app per test; every table is emptied after the test."""
    from core.db import db

    application = make_app(_schema, tmp_path / "data")
    with application.app_context():
        yield application
        db.session.remove()
        _wipe(db)


def _wipe(db) -> None:
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def db_session(app: Flask):
    """The SQLAlchemy session of the test app."""
    from core.db import db

    return db.session


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


def csrf_token(client: FlaskClient, url: str) -> str:
    """The CSRF token of the form on the page at `url`."""
    page = client.get(url)
    match = CSRF_PATTERN.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {url} (status {page.status_code})"
    return match.group(1)


@pytest.fixture
def post_form(client: FlaskClient) -> Callable:
    """post_form(url, data, page=None, **kw): post `data` with the CSRF token taken from `page` (or `url`)."""

    def post(url: str, data: dict | None = None, page: str | None = None, **kwargs):
        payload = dict(data or {})
        payload["csrf_token"] = csrf_token(client, page or url)
        return client.post(url, data=payload, **kwargs)

    return post


@pytest.fixture
def make_user(app: Flask) -> Callable:
    """make_user(role="worker", team=None, password="Passw0rd!x", **fields) -> User (committed)."""
    from tests.factories import create_user

    return create_user


@pytest.fixture
def login(client: FlaskClient, make_user: Callable, post_form: Callable) -> Callable:
    """login(role="worker", **fields) creates a user of that role, signs in on `client`, returns the user."""

    def sign_in(role: str = "worker", **fields):
        password = fields.pop("password", "Passw0rd!x")
        user = make_user(role=role, password=password, **fields)
        response = post_form("/login", {"username": user.username, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return user

    return sign_in
