"""The change-password form counts a wrong current password as a failed sign-in: a session left open on
a team-room PC is no way round the lockout to guess its owner's password. After the limit (5) the 工号
is locked, the session ends, and the right password is refused at /login until the lock lifts."""

from __future__ import annotations

from sqlalchemy import func, select

from accounts.models import LoginFailure
from core.db import db

NEW = "Another#Pass9"


def _change(post_form, current: str):
    return post_form("/password", {"current": current, "password": NEW, "confirm": NEW})


def test_wrong_current_passwords_lock_the_account_and_end_the_session(app, client, login, post_form) -> None:
    worker = login("worker")
    for n in range(4):
        response = _change(post_form, f"guess{n:04d}!x")
        assert response.status_code == 200 and "当前密码不正确" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(LoginFailure)
                             .where(LoginFailure.username == worker.username)) == 4
    locked = _change(post_form, "guess0005!x")
    assert locked.status_code == 302 and locked.headers["Location"].endswith("/login")
    assert client.get("/password").status_code == 302  # signed out
    refused = post_form("/login", {"username": worker.username, "password": "Passw0rd!x"})
    assert refused.status_code == 429 and "锁定" in refused.get_data(as_text=True)


def test_the_right_current_password_still_changes_it(app, client, login, post_form) -> None:
    worker = login("worker")
    assert "当前密码不正确" in _change(post_form, "guess0001!x").get_data(as_text=True)
    changed = _change(post_form, "Passw0rd!x")
    assert changed.status_code == 302
    assert post_form("/logout", {}).status_code == 302
    assert post_form("/login", {"username": worker.username, "password": NEW}).status_code == 302
