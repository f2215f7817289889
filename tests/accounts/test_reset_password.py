"""`python run.py reset-password`: the way back in when the only admin forgot the password."""

from __future__ import annotations

from accounts import signin
from accounts.signin import LockoutPolicy, sign_in
from core.audit import AuditEntry
from core.auth import verify_password
from core.db import db, utcnow


def _lock(app, user) -> None:
    for _ in range(app.config["LOCKOUT_MAX_FAILURES"]):
        sign_in(user.username, "bad", "10.3.0.1", LockoutPolicy.from_config(app.config), utcnow())


def test_reset_password_generates_one_unlocks_and_is_audited(app, runner, make_user):
    admin = make_user(role="admin", password="Forgotten-pass-1")
    _lock(app, admin)
    result = runner.invoke(args=["reset-password", admin.username], input="")
    assert result.exit_code == 0, result.output
    password = result.output.rsplit("新密码：", 1)[1].split()[0]
    db.session.expire_all()
    assert verify_password(admin.password_hash, password) and len(password) >= 12
    assert not verify_password(admin.password_hash, "Forgotten-pass-1")
    assert admin.must_change_password  # as a roster's initial password: changed at the next sign-in
    policy = LockoutPolicy.from_config(app.config)
    assert signin.account_locked_until(admin.username, policy, utcnow()) is None
    assert sign_in(admin.username, password, "10.3.0.1", policy, utcnow()).user.id == admin.id
    entry = db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == "user.password")).one()
    assert entry.object_id == str(admin.id) and entry.summary.startswith("命令行")


def test_reset_password_takes_a_given_password_and_checks_it(app, runner, make_user):
    worker = make_user(password="Old-pass-word-1")
    weak = runner.invoke(args=["reset-password", worker.username, "--password", "12345678"])
    assert weak.exit_code != 0 and "不符合要求" in weak.output
    result = runner.invoke(args=["reset-password", worker.username, "--password", "Brand-new-pass-7"])
    assert result.exit_code == 0, result.output
    assert "Brand-new-pass-7" not in result.output
    db.session.expire_all()
    assert verify_password(worker.password_hash, "Brand-new-pass-7") and worker.must_change_password
    missing = runner.invoke(args=["reset-password", "no-such-person"])
    assert missing.exit_code != 0 and "没有工号为 no-such-person 的人员" in missing.output
