"""The rule that an installation always keeps an active admin, and restoring one.

Every change of a person's role or state that could remove the last active admin (an admin
edit form, disabling, a roster row) asks `leaves_no_admin` first and refuses with
`LAST_ADMIN_MESSAGE`. `restore_admin` is what `python run.py init` does when none is left.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from accounts import usernames
from accounts.models import User
from accounts.passwords import generate_password, set_password
from accounts.signin import unlock
from core.auth import Role
from core.db import db

LAST_ADMIN_MESSAGE = "系统中至少要保留一名在用的管理员：请先把另一人设为管理员，再更改此人。"


def active_admins() -> list[User]:
    """Admins who can sign in, oldest account first."""
    return list(db.session.scalars(
        select(User).where(User.role == Role.ADMIN.value, User.active.is_(True)).order_by(User.id)))


def leaves_no_admin(user: User, *, role: str, active: bool) -> bool:
    """True when giving `user` this role and state would leave no active admin."""
    if user.id is None or user.role != Role.ADMIN.value or not user.active:
        return False
    if role == Role.ADMIN.value and active:
        return False
    others = db.session.scalar(select(func.count()).select_from(User).where(
        User.role == Role.ADMIN.value, User.active.is_(True), User.id != user.id))
    return not others


@dataclass(frozen=True)
class RestoredAdmin:
    """What `restore_admin` did: the account, its new password, and whether it was new."""

    user: User
    password: str
    created: bool


def restore_admin(username: str, password: str | None) -> RestoredAdmin:
    """Make `username` (as typed: read by `usernames.clean`) an active admin who can sign in: created when missing, otherwise promoted,
    re-enabled, unlocked and given the password (generated when None; then it must be changed).
    The caller checked `password` against the policy and commits."""
    user = usernames.find(username)  # as sign-in finds it: Admin is admin, Ａｄｍｉｎ too
    created = user is None
    if user is None:
        user = User(username=usernames.clean(username), name="系统管理员")
        db.session.add(user)
    user.role, user.active = Role.ADMIN.value, True
    chosen = password or generate_password(12)
    set_password(user, chosen, must_change=password is None)
    unlock(user.username)
    db.session.flush()
    return RestoredAdmin(user, chosen, created)
