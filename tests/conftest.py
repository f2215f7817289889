"""Shared test fixtures.

The schema is created once per session (SQLite file in a temp folder, or PostgreSQL when
DATABASE_URL is set); every test gets a fresh app with its own DATA_DIR, and its rows are
wiped afterwards, so tests are independent on both backends.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
pytest_plugins = ["tests.papers"]  # make_questions and make_paper for every package

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
    from core.db import db
    from run import create_app

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
    # Rate limits off: tests sign in and search far faster than people (tests/test_ratelimit.py turns them on).
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": _sqlalchemy_url(database_url), "DATA_DIR": data_dir,
              "SECRET_KEY": "test-secret", "SERVER_NAME": None, "RATELIMIT_ENABLED": False}
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def app(_schema: str, tmp_path: Path) -> Iterator[Flask]:
    """A fresh app per test; every table is emptied after the test."""
    from core.db import db

    application = make_app(_schema, tmp_path / "data")
    with application.app_context():
        yield application
        if runner := application.extensions.get("upload_jobs"):
            runner.stop()  # background upload jobs end before their rows are wiped
        db.session.remove()
        _wipe(db)
        for engine in db.engines.values():
            engine.dispose()  # a fresh app per test: its pool closes now, not when collected (PostgreSQL counts them)


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


def _separate_database(database_url: str, suffix: str, tmp_dir: Path) -> str:
    """A second, empty database beside the test database (for the live server and migrations)."""
    if not database_url.startswith("postgresql"):
        return f"sqlite:///{tmp_dir / f'{suffix}.sqlite3'}"
    import psycopg

    base, name = database_url.rsplit("/", 1)
    plain = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(f"{plain}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}_{suffix}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}_{suffix}"')
    return f"{base}/{name}_{suffix}"


@pytest.fixture(scope="session")
def empty_database(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], str]:
    """empty_database(suffix) -> URL of a fresh, empty database of the session's kind."""
    return lambda suffix: _separate_database(database_url, suffix, tmp_path_factory.mktemp(suffix))


@dataclass
class LiveServer:
    """The app served over HTTP in a thread, with the demo mine and its printed logins."""

    url: str
    app: Flask
    logins: list[dict]

    def login_for(self, role: str) -> dict:
        return next(x for x in self.logins if x["role"] == role)

    def sign_in(self, page, who: str | dict) -> dict:
        """Sign `page` in as a demo login (a role, a 工号 or a login) and wait for the home page."""
        login = who if isinstance(who, dict) else next(
            x for x in self.logins if who in (x["role"], x["username"]))
        submit_login(page, self.url, login["username"], login["password"])
        page.wait_for_url(f"{self.url}/")
        return login


def submit_login(page, base: str, username: str, password: str) -> None:
    """Fill in and send the sign-in form in a real browser (the caller decides what to wait for)."""
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("input[type=submit]")


@pytest.fixture(scope="session")
def live_server(empty_database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Serve a demo instance (its own database and DATA_DIR) on a free loopback port."""
    import json
    import threading

    from werkzeug.serving import make_server

    from core.db import db

    url = empty_database("live")
    application = make_app(url, tmp_path_factory.mktemp("live"))
    application.config["TESTING"] = False
    with application.app_context():
        db.create_all()
    result = application.test_cli_runner().invoke(args=["demo", "--json"], catch_exceptions=False)
    logins = json.loads(result.output.strip().splitlines()[-1])
    server = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", application, logins)
    server.shutdown()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; missing Chromium fails in CI and skips elsewhere."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed (.ci/system-deps.sh installs it)")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (phone-sized by default tests may resize) and page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(15000)
    outside: list[str] = []
    context.on("request", lambda r: r.url.startswith(live_server.url) or r.url.startswith("data:")
               or outside.append(r.url))
    tab = context.new_page()
    tab.outside_requests = outside
    yield tab
    context.close()
    assert not outside, f"pages requested outside resources: {outside}"


def save_screenshot(page, name: str) -> Path:
    """Save a screenshot under test-artifacts/ and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
