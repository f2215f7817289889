"""The password policy, generated initial passwords, and storing a password.

One policy for every way a password is set: the change-password form, a roster's 初始密码,
`init --admin-password`. Generated passwords pass it too.
"""

from __future__ import annotations

import secrets
import string
from functools import cache
from pathlib import Path

from accounts.models import User
from core.auth import hash_password

MIN_LENGTH = 8
COMMON_PASSWORDS_FILE = Path(__file__).with_name("data") / "common_passwords.txt"
# A password made of a unit this short, repeated, is as weak as the unit (12121212, abcabcab…).
MAX_REPEATED_UNIT = 4
# No 0/O, 1/l/I: initial passwords are read off paper in the team room.
GENERATED_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
# The rules of `password_problem` in one sentence, for the change-password page.
RULES_SUMMARY = (f"新密码至少 {MIN_LENGTH} 位；不能是常见密码（如 12345678、password）；不能全是同一个字符、"
                 "几个字符的重复（如 12121212、abcabcab）或连续的数字字母（如 23456789、abcdefgh）；不能是或包含工号；"
                 "不能与当前密码相同。")


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _is_repeated_unit(text: str) -> bool:
    """A unit of at most MAX_REPEATED_UNIT characters repeated at least twice, the last repetition possibly
    cut short: 12121212, abcabcabc, and abcabcab (abc abc ab) alike."""
    return any(text == (text[:size] * (len(text) // size + 1))[:len(text)]
               for size in range(1, min(MAX_REPEATED_UNIT, len(text) // 2) + 1))


def _is_run(text: str) -> bool:
    """Consecutive digits or letters, up or down (23456789, hgfedcba)."""
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:], strict=False)}
    return len(steps) == 1 and steps <= {1, -1} and text.isalnum()


def password_problem(password: str, *, username: str = "") -> str | None:
    """Why `password` may not be used (one Chinese sentence), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"密码至少 {MIN_LENGTH} 位。"
    lowered = password.lower()
    name = username.strip().lower()
    if name and (lowered == name or (len(name) >= 4 and name in lowered)):
        return "密码不能是工号，也不能包含工号。"
    if lowered in common_passwords():
        return "这个密码太常见，很容易被猜到，请换一个。"
    if len(set(lowered)) == 1:
        return "密码不能全是同一个字符。"
    if _is_repeated_unit(lowered):
        return "密码不能是几个字符的重复（如 12121212、abcabcab）。"
    if _is_run(lowered):
        return "密码不能是连续的数字或字母（如 23456789、abcdefgh）。"
    return None


def generate_password(length: int = 10) -> str:
    """A random initial password without look-alike characters; it always passes the policy."""
    while True:
        password = "".join(secrets.choice(GENERATED_ALPHABET) for _ in range(max(length, MIN_LENGTH)))
        if password_problem(password) is None:
            return password


def set_password(user: User, password: str, *, must_change: bool = False) -> None:
    """Store a new password hash and end every session of the person (the caller signs the
    current one in again when the person changed it themselves); `must_change` forces a
    change at the next sign-in. The caller has checked `password_problem`."""
    user.password_hash = hash_password(password)
    user.must_change_password = must_change
    user.end_sessions()
