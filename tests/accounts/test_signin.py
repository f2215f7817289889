"""Password hashing, sign-in, lockout (per 工号, per address, under parallel attempts) and unlock."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest

from accounts import signin
from accounts.models import LoginFailure
from accounts.signin import LockoutPolicy, locked_until, sign_in
from core.auth import hash_password, needs_rehash, verify_password
from core.db import utcnow

POLICY = LockoutPolicy(max_failures=3, max_names_per_address=5, minutes=15)


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


def test_a_hash_made_with_older_parameters_still_signs_in_and_is_upgraded(make_user):
    from argon2 import PasswordHasher

    user = make_user(password="Right-pass-1")
    user.password_hash = PasswordHasher().hash("Right-pass-1")  # the library default, used before
    assert needs_rehash(user.password_hash)
    old = user.password_hash
    assert sign_in(user.username, "wrong", "10.0.0.1", POLICY, utcnow()).user is None
    assert user.password_hash == old  # a wrong password upgrades nothing
    assert sign_in(user.username, "Right-pass-1", "10.0.0.1", POLICY, utcnow()).user is user
    assert user.password_hash != old and not needs_rehash(user.password_hash)
    assert verify_password(user.password_hash, "Right-pass-1")


def test_disabled_account_cannot_sign_in(make_user):
    user = make_user(password="Right-pass-1", active=False)
    assert sign_in(user.username, "Right-pass-1", "10.0.0.1", POLICY, utcnow()).user is None


def test_a_disabled_account_is_named_only_to_the_right_password_and_still_counts(make_user):
    user = make_user(password="Right-pass-1", active=False)
    now = utcnow()
    right = sign_in(user.username, "Right-pass-1", "10.0.0.1", POLICY, now)
    assert right.user is None and right.error == "账号已停用，请联系培训员或管理员。"
    wrong = sign_in(user.username, "Wrong-pass-1", "10.0.0.1", POLICY, now)
    assert wrong.error == "工号或密码错误。"  # a guesser learns nothing about the account
    assert signin.failure_count(user.username) == 2  # both attempts count as before
    for i in range(POLICY.max_failures - 2):
        sign_in(user.username, "Right-pass-1", "10.0.0.1", POLICY, now + timedelta(seconds=i + 1))
    locked = sign_in(user.username, "Right-pass-1", "10.0.0.1", POLICY, now + timedelta(seconds=30))
    assert locked.locked_until is not None and "锁定" in locked.error


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


def test_an_address_trying_many_names_is_locked(make_user):
    now = utcnow()
    for i in range(POLICY.max_names_per_address):
        sign_in(f"guess{i}", "bad", "192.0.2.7", POLICY, now)
    assert locked_until("someone-else", "192.0.2.7", POLICY, now) is not None
    user = make_user(password="Right-pass-1")
    assert sign_in(user.username, "Right-pass-1", "192.0.2.7", POLICY, now).user is None
    assert sign_in(user.username, "Right-pass-1", "192.0.2.8", POLICY, now).user is user


def test_typos_on_a_shared_team_room_pc_lock_nobody_else(make_user):
    """Twenty typos by five workers on one PC: each worker then signs in, and so does a sixth."""
    policy = LockoutPolicy(max_failures=5, max_names_per_address=10, minutes=15)
    workers = [make_user(password=f"Right-pass-{i}") for i in range(6)]
    now = utcnow()
    for worker in workers[:5]:
        for typo in range(4):
            result = sign_in(worker.username, f"Rigth-pass-{typo}", "10.1.1.50", policy, now)
            assert result.error == "工号或密码错误。"
    assert signin.address_locked_until("10.1.1.50", policy, now) is None
    for i, worker in enumerate(workers):
        assert sign_in(worker.username, f"Right-pass-{i}", "10.1.1.50", policy, now).user is worker


def test_many_people_signing_in_at_once_through_one_address_lock_nobody(make_user):
    """Shift change on a NAT'd mine Wi-Fi: attempts whose passwords are still being checked count
    against their own 工号 at once, but against the address only once they have failed."""
    now = utcnow()
    for i in range(POLICY.max_names_per_address + 5):  # claimed, passwords not yet checked
        until, claim = signin._claim_attempt(f"w{i}", "10.9.9.9", POLICY, now)
        assert until is None and claim is not None
    assert signin.address_locked_until("10.9.9.9", POLICY, now) is None
    user = make_user(password="Right-pass-1")
    assert sign_in(user.username, "Right-pass-1", "10.9.9.9", POLICY, now).user is user
    for _ in range(POLICY.max_failures - 1):  # the pending claims still count for their own 工号
        signin._claim_attempt("w0", "10.9.9.9", POLICY, now)
    assert signin.account_locked_until("w0", POLICY, now) is not None


def test_unknown_and_disabled_names_cost_one_hash_check_like_known_ones(make_user, monkeypatch):
    checked = []

    def counting_verify(password_hash, password):
        checked.append(password_hash)
        return verify_password(password_hash, password)

    monkeypatch.setattr(signin, "verify_password", counting_verify)
    known = make_user(password="Right-pass-1")
    disabled = make_user(password="Right-pass-1", active=False)
    now = utcnow()
    for username in (known.username, "nobody-here", disabled.username):
        result = sign_in(username, "Wrong-pass-1", "10.0.0.1", POLICY, now)
        assert result.error == "工号或密码错误。"
    assert len(checked) == 3
    assert all(h.startswith("$argon2id$") for h in checked)  # a real argon2 check each time
    assert checked[1] != known.password_hash  # the unknown name was checked against the dummy hash


def test_parallel_wrong_passwords_never_get_more_checks_than_the_limit(app, make_user, monkeypatch):
    """Twenty attempts at once, each in its own app context (session and connection): only the
    first `max_failures` reach the password check; every other one is told the 工号 is locked."""
    policy = LockoutPolicy(max_failures=5, max_names_per_address=100, minutes=15)
    username = make_user(password="Right-pass-1").username  # objects of this session stay in this thread
    checked, lock = [], threading.Lock()

    def slow_verify(password_hash, password):
        with lock:
            checked.append(password)
        time.sleep(0.2)  # widen the window in which unguarded attempts would all slip through
        return verify_password(password_hash, password)

    monkeypatch.setattr(signin, "verify_password", slow_verify)
    attempts = 20
    start, errors = threading.Barrier(attempts), []

    def attempt(i: int) -> None:
        with app.app_context():
            try:
                start.wait()
                result = sign_in(username, f"Wrong-pass-{i}", f"10.2.0.{i}", policy, utcnow())
                assert result.user is None
            except Exception as exc:  # reported below; a thread cannot fail the test itself
                errors.append(exc)
            finally:
                from core.db import db

                db.session.remove()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert len(checked) == policy.max_failures
    from core.db import db

    assert db.session.query(LoginFailure).filter_by(username=username).count() == policy.max_failures


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


def _lock(app, user) -> None:
    now = utcnow()
    for _ in range(app.config["LOCKOUT_MAX_FAILURES"]):
        sign_in(user.username, "bad", "10.3.0.1", LockoutPolicy.from_config(app.config), now)


def test_admin_unlocks_a_locked_worker_on_the_person_page(app, client, login, make_user, post_form):
    worker = make_user(password="Right-pass-1")
    _lock(app, worker)
    assert sign_in(worker.username, "Right-pass-1", "10.3.0.2", LockoutPolicy.from_config(app.config),
                   utcnow()).user is None
    login("admin")
    listing = client.get("/admin/people").get_data(as_text=True)
    assert "登录已锁定" in listing and f"/admin/people/{worker.id}/unlock" in listing
    page = f"/admin/people/{worker.id}/edit"
    assert "已锁定到" in client.get(page).get_data(as_text=True)
    response = post_form(f"/admin/people/{worker.id}/unlock", page=page)
    assert response.status_code == 302
    assert "没有登录失败记录" in client.get(page).get_data(as_text=True)
    assert sign_in(worker.username, "Right-pass-1", "10.3.0.2", LockoutPolicy.from_config(app.config),
                   utcnow()).user.id == worker.id


def test_unlock_command(app, runner, make_user):
    worker = make_user(password="Right-pass-1")
    _lock(app, worker)
    result = runner.invoke(args=["unlock", worker.username])
    assert result.exit_code == 0 and "已解除锁定" in result.output
    assert signin.account_locked_until(worker.username, LockoutPolicy.from_config(app.config), utcnow()) is None
    missing = runner.invoke(args=["unlock", "no-such-name"])
    assert missing.exit_code != 0


@pytest.mark.parametrize("config_key", ["LOCKOUT_MAX_FAILURES", "LOCKOUT_MAX_NAMES_PER_ADDRESS", "LOCKOUT_MINUTES"])
def test_lockout_settings_come_from_the_environment(config_key):
    from core.config import from_env

    assert from_env({config_key: "7"})[config_key] == 7


def test_a_success_purges_failures_and_guard_rows_older_than_the_window(make_user, db_session):
    from accounts.models import LoginGuard

    user = make_user(password="Right-pass-1")
    now = utcnow()
    sign_in("someone-long-ago", "bad", "10.4.0.1", POLICY, now - timedelta(hours=2))
    sign_in("someone-recent", "bad", "10.4.0.2", POLICY, now - timedelta(minutes=1))
    assert sign_in(user.username, "Right-pass-1", "10.4.0.3", POLICY, now).user is user
    db_session.commit()
    assert {f.username for f in db_session.query(LoginFailure)} == {"someone-recent"}
    keys = {g.key for g in db_session.query(LoginGuard)}
    assert "u:someone-long-ago" not in keys and "a:10.4.0.1" not in keys
    assert {"u:someone-recent", "a:10.4.0.2", f"u:{user.username}"} <= keys
