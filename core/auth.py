"""Authentication plumbing: roles, password hashing, the login manager and route guards."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import abort
from flask_login import LoginManager, current_user

F = TypeVar("F", bound=Callable[..., Any])


class Role(StrEnum):
    """What a person may see and do. Scopes widen in this order."""

    WORKER = "worker"
    TEAM_LEADER = "team_leader"
    UNIT_TRAINER = "unit_trainer"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.WORKER: "职工",
    Role.TEAM_LEADER: "班组长",
    Role.UNIT_TRAINER: "区队培训员",
    Role.ADMIN: "管理员",
}
TRAINER_ROLES = (Role.TEAM_LEADER, Role.UNIT_TRAINER, Role.ADMIN)
# The people a 班组 is made of, and all its counts count: its workers and team leaders. A unit
# trainer (or an admin) placed in a team is there only because a person's 区队 is the team's.
MEMBER_ROLES = (Role.WORKER.value, Role.TEAM_LEADER.value)

login_manager = LoginManager()
login_manager.login_view = "accounts.login"
login_manager.login_message = "请先登录。"
login_manager.login_message_category = "warning"
login_manager.session_protection = "strong"

# argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 25 ms a check on
# this class of server instead of 125 ms for the library default (64 MiB, 3 passes, 4 lanes),
# so twenty people signing in at once in a team room wait well under a second, and the
# intranet-only, rate-limited sign-in keeps a memory-hard hash. Older hashes still verify and
# are upgraded at the next sign-in (needs_rehash).
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
# One lane each: at most one hash per core at a time, so a sign-in rush before an exam leaves
# the answers being saved a share of the CPU.
_hashing = threading.BoundedSemaphore(os.cpu_count() or 2)


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    with _hashing:
        return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when `password` matches the stored hash; never raises on a bad or empty hash."""
    if not password_hash:
        return False
    try:
        with _hashing:
            return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def role_required(*roles: Role | str) -> Callable[[F], F]:
    """Guard a view: signed in, active, password changed, and holding one of `roles`.

    Anonymous visitors are sent to the sign-in page; signed-in people without the role get 403.
    """
    allowed = {Role(r) for r in roles}

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if Role(current_user.role) not in allowed:
                abort(403)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def trainer_required(view: F) -> F:
    """Guard a view for trainers: team leaders, unit trainers and admins."""
    return role_required(*TRAINER_ROLES)(view)


def admin_required(view: F) -> F:
    """Guard a view for admins only."""
    return role_required(Role.ADMIN)(view)


def needs_rehash(password_hash: str) -> bool:
    """True when a stored hash was made with other parameters than today's."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return False

