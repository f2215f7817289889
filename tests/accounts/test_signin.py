"""Password hashing, sign-in and lockout."""

from __future__ import annotations

from datetime import timedelta

from accounts.signin import LockoutPolicy, locked_until, password_problem, sign_in
from core.auth import hash_password, verify_password
from core.db import utcnow

POLICY = LockoutPolicy(max_failures=3, max_failures_per_address=5, minutes=15)


def test_password_hash_is_salted_and_verifies():
    first, second = hash_password("Kuang-shan-2026"), hash_password("Kuang-shan-2026")
    assert first != second and "Kuang-shan-2026" not in first
    assert first.startswith("$argon2id$")
    assert verify_password(first, "Kuang-shan-2026")
    assert not verify_password(first, "kuang-shan-2026")
    assert not verify_password(None, "")
    assert not verify_password("not-a-hash", "x")


def test_sign_in_checks_password(make_user):
    user = make_user(password="Right-pass-1")
    now = utcnow()
    assert sign_in(user.username, "Right-pass-1", "10.0.0.1", POLICY, now).user is user
    wrong = sign_in(user.username, "wrong", "10.0.0.1", POLICY, now)
    assert wrong.user is None and wrong.error == "工号或密码错误。"
    unknown = sign_in("nobody", "Right-pass-1", "10.0.0.1", POLICY, now)
    assert unknown.error == wrong.error  # no hint whether the account exists


def test_disabled_account_cannot_sign_in(make_user):
    user = make_user(password="Right-pass-1", active=False)
    assert sign_in(user.username, "Right-pass-1", "10.0.0.1", POLICY, utcnow()).user is None


def test_account_locks_after_n_failures_and_unlocks_after_the_window(make_user):
    user = make_user(password="Right-pass-1")
    start = utcnow()
    for i in range(POLICY.max_failures - 1):
        result = sign_in(user.username, "bad", f"10.0.0.{i}", POLICY, start + timedelta(seconds=i))
        assert result.locked_until is None
    last = sign_in(user.username, "bad", "10.0.0.9", POLICY, start + timedelta(seconds=10))
    assert last.locked_until is not None and "锁定" in last.error
    # Even the right password is refused while locked.
    during = sign_in(user.username, "Right-pass-1", "10.0.0.20", POLICY, start + timedelta(minutes=14))
    assert during.user is None and "分钟" in during.error
    # The lock lifts when the oldest counted failure leaves the 15-minute window.
    after = sign_in(user.username, "Right-pass-1", "10.0.0.20", POLICY, start + timedelta(minutes=15, seconds=1))
    assert after.user is user


def test_success_clears_earlier_failures(make_user):
    user = make_user(password="Right-pass-1")
    now = utcnow()
    for _ in range(POLICY.max_failures - 1):
        sign_in(user.username, "bad", "10.0.0.1", POLICY, now)
    assert sign_in(user.username, "Right-pass-1", "10.0.0.1", POLICY, now).user is user
    assert sign_in(user.username, "bad", "10.0.0.1", POLICY, now).locked_until is None


def test_client_address_locks_across_accounts(make_user):
    now = utcnow()
    for i in range(POLICY.max_failures_per_address):
        sign_in(f"guess{i}", "bad", "192.0.2.7", POLICY, now)
    assert locked_until("someone-else", "192.0.2.7", POLICY, now) is not None
    user = make_user(password="Right-pass-1")
    assert sign_in(user.username, "Right-pass-1", "192.0.2.7", POLICY, now).user is None
    assert sign_in(user.username, "Right-pass-1", "192.0.2.8", POLICY, now).user is user


def test_password_rules():
    assert password_problem("short") is not None
    assert password_problem("10101abc", username="10101abc") is not None
    assert password_problem("11111111") is not None
    assert password_problem("Meikuang-2026") is None


def test_login_page_shows_lockout_message(app, client, make_user, post_form):
    app.config["LOCKOUT_MAX_FAILURES"] = 2
    user = make_user(password="Right-pass-1")
    post_form("/login", {"username": user.username, "password": "bad"})
    locked = post_form("/login", {"username": user.username, "password": "bad"})
    assert locked.status_code == 429 and "已暂时锁定" in locked.get_data(as_text=True)


def test_behind_a_proxy_the_lockout_counts_the_forwarded_client_address(make_user, tmp_path, _schema):
    from accounts.models import LoginFailure
    from core.db import db
    from tests.conftest import csrf_token, make_app

    app = make_app(_schema, tmp_path / "proxied", PROXY_HOPS=1)
    with app.app_context():
        client = app.test_client()
        token = csrf_token(client, "/login")
        client.post("/login", data={"username": "nobody", "password": "x", "csrf_token": token},
                    headers={"X-Forwarded-For": "198.51.100.23"}, environ_base={"REMOTE_ADDR": "10.0.0.2"})
        assert db.session.query(LoginFailure.address).scalar() == "198.51.100.23"
        db.session.remove()
