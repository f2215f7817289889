"""The 工号 and 姓名 as typed into the person form or a roster cell, and finding people by 工号.

Both read their text the one way (`clean`: full-width letters and digits made ASCII, spaces
trimmed and collapsed, traditional characters simplified), so Ｔ００３ and "  T002  " are the 工号
T003 and T002 wherever they are typed. `find`, `find_all` and `case_clash` clean what they are
given themselves: a caller passes the text as typed.

A 工号 is unique regardless of ASCII letter case: T001 and t001 are one person, and a second
account whose 工号 differs only in case is refused (`case_clash`). Data from before this rule
may still hold two such accounts: nothing is migrated, and `find` (sign-in, the command line)
then takes only the exact spelling, since another one fits neither for sure. Everything that
looks a person up by a typed 工号 (sign-in, the command line, a session's pasted roster, the
operation-log filter, `init` restoring the admin) goes through `find` or `find_all`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import func, select

from accounts.models import User
from core.db import db
from corpus.normalize import normalize

PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$")
PATTERN_HINT = "应为3–32位字母或数字"


def clean(text: str | None) -> str:
    """A 工号 or 姓名 as stored: normalised (全角 → 半角, 繁 → 简), spaces trimmed and collapsed."""
    return normalize(text or "").strip()


def _same_case_insensitive(username: str):
    return select(User).where(func.lower(User.username) == username.lower()).order_by(User.id)


def find(typed: str | None) -> User | None:
    """The person of this 工号 as typed (read by `clean`) in any letter case: the exact spelling first,
    otherwise the only account whose 工号 matches it regardless of case (None when there are none or several)."""
    username = clean(typed)
    if not username:
        return None
    exact = db.session.scalar(select(User).where(User.username == username))
    if exact is not None:
        return exact
    matches = db.session.scalars(_same_case_insensitive(username).limit(2)).all()
    return matches[0] if len(matches) == 1 else None


def find_all(typed: Iterable[str]) -> dict[str, User]:
    """`find` for many 工号 at once, each as typed (read by `clean` first): typed text -> the person,
    leaving out what names nobody for sure. Two queries, whatever the number."""
    cleaned = {text: clean(text) for text in typed}
    if not cleaned:
        return {}
    exact = {u.username: u for u in db.session.scalars(select(User).where(User.username.in_(set(cleaned.values()))))}
    rest = {name.lower() for name in cleaned.values() if name not in exact}
    by_lower: dict[str, list[User]] = {}
    if rest:
        for user in db.session.scalars(select(User).where(func.lower(User.username).in_(rest))):
            by_lower.setdefault(user.username.lower(), []).append(user)
    found = {}
    for text, name in cleaned.items():
        matches = [exact[name]] if name in exact else by_lower.get(name.lower(), [])
        if len(matches) == 1:
            found[text] = matches[0]
    return found


def case_clash(username: str, exclude: User | None = None) -> User | None:
    """Someone else whose 工号 equals `username` (read by `clean`) regardless of letter case, or None."""
    for user in db.session.scalars(_same_case_insensitive(clean(username))):
        if exclude is None or user.id != exclude.id:
            return user
    return None


def clash_message(username: str, holder: User) -> str:
    """Why `username` cannot be given: `holder` has it (perhaps in another letter case)."""
    if holder.username == username:
        return f"工号 {username} 已被 {holder.name}（{holder.username}）使用。"
    return (f"工号 {username} 与 {holder.name}（{holder.username}）的工号只差字母大小写：工号不区分大小写，"
            f"不能另建一人；如是同一人，请写 {holder.username}。")


def ambiguous_message(username: str, holders: Iterable[User]) -> str:
    """Why `username` names nobody for sure: it differs only in letter case from each of `holders`,
    accounts from before the rule (`find` takes neither)."""
    named = "、".join(f"{u.name}（{u.username}）" for u in holders)
    return (f"工号 {username} 与 {named} 都只差字母大小写（升级前已有的几个账号），不能确定是哪一位："
            "请写其中一人原样的工号。")
