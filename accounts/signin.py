"""Signing in: password check and lockout after repeated failures (per account and per address)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select

from accounts.models import LoginFailure, User
from core.auth import hash_password, verify_password
from core.db import db

MIN_PASSWORD_LENGTH = 8


@dataclass(frozen=True)
class LockoutPolicy:
    """How many failures lock an account or a client address, and for how long."""

    max_failures: int = 5
    max_failures_per_address: int = 20
    minutes: int = 15

    @classmethod
    def from_config(cls, config: dict) -> LockoutPolicy:
        return cls(
            config["LOCKOUT_MAX_FAILURES"], config["LOCKOUT_MAX_FAILURES_PER_ADDRESS"], config["LOCKOUT_MINUTES"]
        )


@dataclass(frozen=True)
class SignInResult:
    """The outcome of one attempt: a user, or an error and perhaps when a lock lifts."""

    user: User | None = None
    error: str | None = None
    locked_until: datetime | None = None


def _lock_lifts_at(column, value: str, limit: int, since: datetime, window: timedelta) -> datetime | None:
    """When the failures for `value` inside the window drop below `limit`, or None if not locked."""
    times = db.session.scalars(
        select(LoginFailure.at).where(column == value, LoginFailure.at >= since).order_by(LoginFailure.at)
    ).all()
    if len(times) < limit:
        return None
    return times[len(times) - limit] + window


def locked_until(username: str, address: str, policy: LockoutPolicy, now: datetime) -> datetime | None:
    """The time the account or the address is locked until, or None when sign-in is allowed."""
    window = timedelta(minutes=policy.minutes)
    since = now - window
    locks = [
        _lock_lifts_at(LoginFailure.username, username, policy.max_failures, since, window),
        _lock_lifts_at(LoginFailure.address, address, policy.max_failures_per_address, since, window),
    ]
    active = [t for t in locks if t is not None and t > now]
    return max(active) if active else None


def _lock_message(until: datetime, now: datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() // 60) + 1)
    return f"登录失败次数过多，已暂时锁定。请在约 {minutes} 分钟后（{until:%H:%M} UTC 之后）再试。"


def sign_in(username: str, password: str, address: str, policy: LockoutPolicy, now: datetime) -> SignInResult:
    """Check a sign-in attempt. Unknown, disabled and wrong-password accounts look the same."""
    username = username.strip()
    until = locked_until(username, address, policy, now)
    if until is not None:
        return SignInResult(error=_lock_message(until, now), locked_until=until)
    user = db.session.scalar(select(User).where(User.username == username))
    if user is not None and user.active and verify_password(user.password_hash, password):
        db.session.execute(delete(LoginFailure).where(LoginFailure.username == username))
        user.last_login_at = now
        return SignInResult(user=user)
    db.session.add(LoginFailure(username=username[:64], address=address[:64], at=now))
    db.session.flush()
    until = locked_until(username, address, policy, now)
    if until is not None:
        return SignInResult(error=_lock_message(until, now), locked_until=until)
    return SignInResult(error="工号或密码错误。")


def purge_failures(before: datetime) -> int:
    """Delete failures older than `before`; returns how many."""
    result = db.session.execute(delete(LoginFailure).where(LoginFailure.at < before))
    return result.rowcount or 0


def password_problem(password: str, *, username: str = "") -> str | None:
    """Why a new password is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"密码至少 {MIN_PASSWORD_LENGTH} 位。"
    if password == username:
        return "密码不能与工号相同。"
    if password.isdigit() and len(set(password)) <= 2:
        return "密码过于简单。"
    return None


def set_password(user: User, password: str, *, must_change: bool = False) -> None:
    """Store a new password hash; `must_change` forces a change at the next sign-in."""
    user.password_hash = hash_password(password)
    user.must_change_password = must_change


def failure_count(username: str) -> int:
    """How many recorded failures an account has (for the admin page)."""
    return db.session.scalar(select(func.count()).where(LoginFailure.username == username)) or 0
