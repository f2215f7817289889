"""The lockout race over HTTP: a real threaded server on loopback, forty browsers at once."""

from __future__ import annotations

import threading
import time

from accounts import signin
from core.auth import verify_password
from core.db import db
from tests.loadrun import Client


def test_forty_parallel_wrong_passwords_over_http_check_at_most_the_limit(live_server, monkeypatch):
    worker = [x for x in live_server.logins if x["role"] == "worker"][-1]  # e2e tests sign in as the first
    limit = live_server.app.config["LOCKOUT_MAX_FAILURES"]
    checked, lock = [], threading.Lock()

    def counting_verify(password_hash, password):
        with lock:
            checked.append(password)
        time.sleep(0.1)  # a slower hash widens the window in which unguarded attempts slip through
        return verify_password(password_hash, password)

    monkeypatch.setattr(signin, "verify_password", counting_verify)  # the server runs in this process
    browsers = [Client(live_server.url, timeout=120) for _ in range(40)]
    tokens = [browser.token("/login") for browser in browsers]
    start, statuses = threading.Barrier(len(browsers)), []

    def attempt(i: int) -> None:
        start.wait()
        status, _, _ = browsers[i].post("/login", {"csrf_token": tokens[i], "username": worker["username"],
                                                   "password": f"Wrong-pass-{i}"})
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(browsers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    try:
        assert len(statuses) == len(browsers) and set(statuses) <= {401, 429}, statuses
        assert len(checked) == limit
        assert statuses.count(429) >= len(browsers) - limit
    finally:
        with live_server.app.app_context():
            signin.unlock(worker["username"])
            db.session.commit()
            db.session.remove()
    monkeypatch.undo()
    browser = Client(live_server.url)
    status, _, _ = browser.post("/login", {"csrf_token": browser.token("/login"), "username": worker["username"],
                                           "password": worker["password"]})
    assert status == 302  # unlocked, the right password works again
