"""Signing in: the password check, lockout after repeated failures, and unlocking.

Known and unknown 工号 cost the same: an unknown one is checked against a dummy hash, so the
answer time tells nothing; a disabled one is checked against its own hash, and only the right
password hears that it is disabled. Before a password is checked the attempt claims a
failure in its own short transaction while it holds the guard rows of its 工号 and address,
so parallel wrong passwords never get more checks than the limit; a success removes the claim
with the earlier failures.

Per address the limit counts distinct 工号 with failures in the window, not failures: on a
shared team-room PC several workers may mistype (and a later success clears theirs) without
locking the PC, while one address trying many names is stopped.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from accounts import usernames
from accounts.models import LoginFailure, LoginGuard, User
from core import clock
from core.auth import hash_password, needs_rehash, verify_password
from core.db import db

MAX_NAME = 64
WRONG_MESSAGE = "工号或密码错误。"
DISABLED_MESSAGE = "账号已停用，请联系培训员或管理员。"


@dataclass(frozen=True)
class LockoutPolicy:
    """How many failures lock a 工号, how many failing 工号 lock an address, and for how long."""

    max_failures: int = 5
    max_names_per_address: int = 10
    minutes: int = 15

    @classmethod
    def from_config(cls, config: Any) -> LockoutPolicy:
        return cls(config["LOCKOUT_MAX_FAILURES"], config["LOCKOUT_MAX_NAMES_PER_ADDRESS"],
                   config["LOCKOUT_MINUTES"])

    @property
    def window(self) -> timedelta:
        return timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class SignInResult:
    """The outcome of one attempt: a user, or an error and perhaps when a lock lifts."""

    user: User | None = None
    error: str | None = None
    locked_until: datetime | None = None


@cache
def _dummy_hash() -> str:
    """An argon2 hash of a random secret, with the same cost as real ones."""
    return hash_password(secrets.token_hex(16))


def _lifts_at(times: list[datetime], limit: int, window: timedelta) -> datetime | None:
    """When fewer than `limit` of these times remain inside the window, or None if already fewer."""
    if len(times) < limit:
        return None
    return sorted(times)[len(times) - limit] + window


def account_locked_until(username: str, policy: LockoutPolicy, now: datetime, executor: Any = None
                         ) -> datetime | None:
    """When the lock of this 工号 lifts, or None when it is not locked."""
    executor = executor or db.session
    times = executor.scalars(select(LoginFailure.at).where(
        LoginFailure.username == username, LoginFailure.at >= now - policy.window)).all()
    until = _lifts_at(list(times), policy.max_failures, policy.window)
    return until if until is not None and until > now else None


def address_locked_until(address: str, policy: LockoutPolicy, now: datetime, executor: Any = None
                         ) -> datetime | None:
    """When the lock of this client address lifts (too many distinct failing 工号), or None."""
    executor = executor or db.session
    latest = executor.scalars(
        select(func.max(LoginFailure.at))
        .where(LoginFailure.address == address, LoginFailure.at >= now - policy.window,
               LoginFailure.settled.is_(True))
        .group_by(LoginFailure.username)
    ).all()
    until = _lifts_at(list(latest), policy.max_names_per_address, policy.window)
    return until if until is not None and until > now else None


def locked_until(username: str, address: str, policy: LockoutPolicy, now: datetime, executor: Any = None
                 ) -> datetime | None:
    """The time the 工号 or the address is locked until, or None when sign-in is allowed."""
    locks = [account_locked_until(username, policy, now, executor),
             address_locked_until(address, policy, now, executor)]
    active = [t for t in locks if t is not None]
    return max(active) if active else None


def _lock_guard(key: str, now: datetime) -> None:
    """Insert or update the guard row of `key`, which holds its lock until the transaction ends."""
    dialect = {"postgresql": postgresql, "sqlite": sqlite}[db.session.get_bind().dialect.name]
    statement = dialect.insert(LoginGuard).values(key=key[:80], touched_at=now)
    db.session.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"touched_at": now}))


def _claim_attempt(username: str, address: str, policy: LockoutPolicy, now: datetime
                   ) -> tuple[datetime | None, int | None]:
    """Record this attempt as an unsettled failure before its password is checked, unless the 工号
    or the address is locked; return when the lock lifts, or the claim's id.

    The claim is its own short transaction, committed at once so parallel attempts see it
    (whatever the session held before is committed first)."""
    db.session.commit()
    # Always the 工号's row first, then the address's: two attempts never wait for each other in a circle.
    _lock_guard(f"u:{username}", now)
    _lock_guard(f"a:{address}", now)
    until = locked_until(username, address, policy, now)
    claim = None
    if until is None:
        claim = db.session.scalar(insert(LoginFailure).values(username=username, address=address, at=now,
                                                               settled=False).returning(LoginFailure.id))
    db.session.commit()
    return until, claim


def _lock_message(until: datetime, now: datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() // 60) + 1)
    return f"登录失败次数过多，已暂时锁定。请在约 {minutes} 分钟后（{clock.shown(until, '%H:%M')} 之后）再试，或请管理员解除锁定。"


def sign_in(username: str, password: str, address: str, policy: LockoutPolicy, now: datetime) -> SignInResult:
    """Check a sign-in attempt. Unknown names and wrong passwords look the same; a disabled account
    is named as such only to whoever gave its right password (still counted as a failure).

    Commits the claimed attempt before the check; the caller commits the outcome."""
    username, address = usernames.clean(username)[:MAX_NAME], address[:MAX_NAME]
    # The 工号 in any letter case (usernames.find); failures count against the account's own spelling.
    user = usernames.find(username)
    if user is not None:
        username = user.username
    until, claim = _claim_attempt(username, address, policy, now)
    if until is not None:
        return SignInResult(error=_lock_message(until, now), locked_until=until)
    known = user is not None and bool(user.password_hash)
    matches = verify_password(user.password_hash if known else _dummy_hash(), password)
    usable = known and user.active
    if usable and matches:
        db.session.execute(delete(LoginFailure).where(LoginFailure.username == username))
        purge_failures(now - policy.window)
        user.last_login_at = now
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        return SignInResult(user=user)
    db.session.execute(update(LoginFailure).where(LoginFailure.id == claim).values(settled=True))
    until = locked_until(username, address, policy, now)
    if until is not None:
        return SignInResult(error=_lock_message(until, now), locked_until=until)
    if known and matches:  # only whoever knows the password learns that the account is disabled
        return SignInResult(error=DISABLED_MESSAGE)
    return SignInResult(error=WRONG_MESSAGE)


def check_own_password(user: User, password: str, address: str, policy: LockoutPolicy, now: datetime
                       ) -> SignInResult:
    """Check the current password a signed-in person types to change it, counted as sign-in attempts
    are: a session left open on a team-room PC is no way round the lockout to guess its owner's password.
    `error` is None when it is right; `locked_until` is set once the 工号 or the address is locked.

    Commits the claimed attempt before the check; the caller commits the outcome."""
    username, address = user.username, address[:MAX_NAME]
    until, claim = _claim_attempt(username, address, policy, now)
    if until is not None:
        return SignInResult(error=_lock_message(until, now), locked_until=until)
    if verify_password(user.password_hash or _dummy_hash(), password):
        db.session.execute(delete(LoginFailure).where(LoginFailure.id == claim))
        return SignInResult(user=user)
    db.session.execute(update(LoginFailure).where(LoginFailure.id == claim).values(settled=True))
    until = locked_until(username, address, policy, now)
    if until is not None:
        return SignInResult(error=_lock_message(until, now), locked_until=until)
    return SignInResult(error="当前密码不正确。")


def purge_failures(before: datetime) -> int:
    """Delete failures and idle guard rows older than `before`; returns how many failures."""
    result = db.session.execute(delete(LoginFailure).where(LoginFailure.at < before))
    # Rows an attempt holds right now are skipped (PostgreSQL), so a purge never waits on one: an
    # attempt that holds its 工号's row while waiting for its address's row cannot deadlock with it.
    idle = select(LoginGuard.key).where(LoginGuard.touched_at < before).with_for_update(skip_locked=True)
    db.session.execute(delete(LoginGuard).where(LoginGuard.key.in_(idle)))
    return result.rowcount or 0


def unlock(username: str) -> int:
    """Forget the failures of a 工号 (an admin's unlock); returns how many were removed."""
    return db.session.execute(delete(LoginFailure).where(LoginFailure.username == username)).rowcount or 0


def unlock_address(address: str) -> int:
    """Forget the failures from a client address; returns how many were removed."""
    return db.session.execute(delete(LoginFailure).where(LoginFailure.address == address)).rowcount or 0


def locked_usernames(policy: LockoutPolicy, now: datetime) -> set[str]:
    """The 工号 locked right now by their own failures (for the admin list)."""
    rows = db.session.execute(
        select(LoginFailure.username)
        .where(LoginFailure.at >= now - policy.window)
        .group_by(LoginFailure.username)
        .having(func.count() >= policy.max_failures)
    )
    return {row.username for row in rows}


def failure_count(username: str) -> int:
    """How many recorded failures an account has (for the admin page)."""
    return db.session.scalar(select(func.count()).where(LoginFailure.username == username)) or 0
