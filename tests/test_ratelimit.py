"""Rate limits through the test client: sign-in failures per address, search and answers per person.

The suite runs with RATELIMIT_ENABLED off (tests/conftest.py); this module builds its apps with
the limits on and small enough to trip (3 a minute), and moves the limiter's clock to see a reset.
"""

from __future__ import annotations

import pytest
from limits.storage import memory

from tests.conftest import _wipe, csrf_token, make_app

N = 3
WRONG = "Wrong-passw0rd"


@pytest.fixture
def app(_schema, tmp_path):
    """Requests run in their own app context (not one held by the test: Flask-Login and Flask-WTF
    cache the person and the token in `g`, which would then be shared by the test's clients)."""
    from core.db import db

    application = make_app(_schema, tmp_path / "data", RATELIMIT_ENABLED=True, RATELIMIT_SIGNIN=f"{N} per minute",
                           RATELIMIT_SEARCH=f"{N} per minute", LOCKOUT_MAX_FAILURES=100,
                           LOCKOUT_MAX_NAMES_PER_ADDRESS=100)
    yield application
    with application.app_context():
        db.session.remove()
        _wipe(db)


def people(app, count: int = 1) -> list[str]:
    """The 工号 of `count` new workers (password Passw0rd!x)."""
    from tests.factories import create_user

    with app.app_context():
        return [create_user().username for _ in range(count)]


class Clock:
    """Stands in for the `time` module of the limiter's memory storage."""

    def __init__(self) -> None:
        import time

        self.now = time.time()

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(memory, "time", fake)
    return fake


def sign_in(client, username: str, password: str):
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": csrf_token(client, "/login")})


def test_failed_signins_trip_at_n_plus_one_per_address_and_reset(app, clock):
    [username] = people(app)
    client = app.test_client()
    for _ in range(N):
        assert sign_in(client, username, WRONG).status_code == 401
    refused = sign_in(client, username, WRONG)
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "操作太频繁" in page and f"每分钟最多 {N} 次" in page and "后再试" in page
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    # The limit is the address's: even the right password waits …
    assert sign_in(client, username, "Passw0rd!x").status_code == 429
    # … while another address (another team room) is not affected.
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.1.2.3"
    assert sign_in(other, username, WRONG).status_code == 401
    # A minute later the first address may try again.
    clock.now += 61
    assert sign_in(client, username, "Passw0rd!x").status_code == 302


def test_successful_signins_from_one_address_are_not_counted(app):
    """A whole shift behind one NAT address signs in: far more than N, none refused."""
    shift = people(app, N * 3)
    for username in shift:
        assert sign_in(app.test_client(), username, "Passw0rd!x").status_code == 302
    assert sign_in(app.test_client(), shift[0], WRONG).status_code == 401


def test_search_and_answers_share_a_budget_per_person(app, clock):
    first, second = people(app, 2)
    alice, bob = app.test_client(), app.test_client()  # same address, two people
    assert sign_in(alice, first, "Passw0rd!x").status_code == 302
    assert sign_in(bob, second, "Passw0rd!x").status_code == 302
    for path in ("/kb/search?q=瓦斯", "/kb/ask?q=瓦斯超限怎么办", "/api/search?q=瓦斯"):
        assert alice.get(path).status_code != 429, path
    refused = alice.get("/api/ask?q=瓦斯")
    assert refused.status_code == 429
    assert refused.is_json and refused.json["error"] == "操作太频繁" and f"每分钟最多 {N} 次" in refused.json["message"]
    page = alice.get("/kb/search?q=瓦斯")
    assert page.status_code == 429 and "操作太频繁" in page.get_data(as_text=True)
    # Bob, at the same address, has his own budget.
    assert bob.get("/kb/search?q=瓦斯").status_code != 429
    clock.now += 61
    assert alice.get("/kb/search?q=瓦斯").status_code != 429


def test_exam_api_and_pages_are_not_limited(app):
    """Exam saves and the rest of the API carry no limit: 300 workers of one team room save at once."""
    [username] = people(app)
    client = app.test_client()
    assert sign_in(client, username, "Passw0rd!x").status_code == 302
    for _ in range(N * 4):
        assert client.get("/api/v1/me").status_code == 200
        assert client.get("/").status_code == 200


def test_limits_are_off_in_the_test_config(_schema, tmp_path):
    """The suite's own apps (tests/conftest.py make_app) have no limits."""
    plain = make_app(_schema, tmp_path / "plain")
    assert plain.extensions["rate_limiter"] is None
    [username] = people(plain)
    try:
        for _ in range(N + 1):  # past N, short of the lockout (5)
            assert sign_in(plain.test_client(), username, WRONG).status_code == 401
    finally:
        from core.db import db

        with plain.app_context():
            db.session.remove()
            _wipe(db)
