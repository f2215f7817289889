"""The demo mine: two 区队, four 班组, about two dozen workers, two trainers and an admin.

Running the demo again changes nothing a person would notice: the passwords it printed the
first time are kept (DATA_DIR/demo_logins.json remembers them, readable by the owner only,
together with a fingerprint of the stored hash, so a password someone changed since is never
printed or reset), and the other demo steps add nothing they already added. `reset=True`
gives the demo accounts fresh passwords on purpose.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from accounts.mine import get_or_create_mine
from accounts.models import Mine, Team, User, WorkUnit
from accounts.passwords import generate_password, set_password
from core.auth import Role
from core.db import db
from corpus import jobs

MINE_NAME = "青山煤矿"

# (unit, team, [(工号, 姓名, 工种, 党员, 角色)])
DEMO_ROSTER: list[tuple[str, str, list[tuple[str, str, str, bool, Role]]]] = [
    ("综采一队", "回收班", [
        ("10101", "王建国", "班组长", True, Role.TEAM_LEADER),
        ("10102", "李志强", "采煤机司机", False, Role.WORKER),
        ("10103", "张海波", "支架工", True, Role.WORKER),
        ("10104", "刘永胜", "支架工", False, Role.WORKER),
        ("10105", "陈国栋", "电钳工", False, Role.WORKER),
        ("10106", "杨红军", "刮板输送机司机", False, Role.WORKER),
        ("10107", "赵宏伟", "瓦斯检查工", True, Role.WORKER),
    ]),
    ("综采一队", "安装班", [
        ("10201", "孙立新", "班组长", True, Role.TEAM_LEADER),
        ("10202", "周德明", "绞车司机", False, Role.WORKER),
        ("10203", "吴振华", "电钳工", False, Role.WORKER),
        ("10204", "郑光辉", "支架工", False, Role.WORKER),
        ("10205", "冯春雷", "安全员", True, Role.WORKER),
    ]),
    ("掘进二队", "掘进一班", [
        ("20101", "马文斌", "班组长", True, Role.TEAM_LEADER),
        ("20102", "胡庆丰", "掘进机司机", False, Role.WORKER),
        ("20103", "郭宝山", "锚杆支护工", False, Role.WORKER),
        ("20104", "何金龙", "爆破工", True, Role.WORKER),
        ("20105", "高占奎", "瓦斯检查工", False, Role.WORKER),
        ("20106", "林长青", "电钳工", False, Role.WORKER),
    ]),
    ("掘进二队", "掘进二班", [
        ("20201", "罗振江", "班组长", True, Role.TEAM_LEADER),
        ("20202", "梁永刚", "掘进机司机", False, Role.WORKER),
        ("20203", "宋德胜", "锚杆支护工", False, Role.WORKER),
        ("20204", "唐学军", "爆破工", False, Role.WORKER),
        ("20205", "韩明亮", "输送机司机", True, Role.WORKER),
        ("20206", "曹铁柱", "安全员", False, Role.WORKER),
    ]),
]
# A unit trainer is the 区队's, not a team's: a person's 区队 is the team's, so each sits in the first
# team of the unit, which makes them no member of it (core.auth.MEMBER_ROLES: not listed or counted
# with the team, shown with the unit only). The admin sits in none.
DEMO_STAFF = [
    ("90001", "许文静", "综采一队", "回收班", "安全培训员", True, Role.UNIT_TRAINER),
    ("90002", "邓晓梅", "掘进二队", "掘进一班", "安全培训员", True, Role.UNIT_TRAINER),
    ("admin", "系统管理员", None, None, "", False, Role.ADMIN),
]


@dataclass(frozen=True)
class DemoLogin:
    """A printed demo login; `password` is None for an existing admin, who keeps theirs."""

    username: str
    password: str | None
    role: str
    team: str
    name: str


def _team(mine: Mine, unit_name: str, team_name: str) -> Team:
    unit = db.session.scalar(select(WorkUnit).where(WorkUnit.mine_id == mine.id, WorkUnit.name == unit_name))
    if unit is None:
        unit = WorkUnit(mine=mine, name=unit_name)
        db.session.add(unit)
    team = db.session.scalar(select(Team).where(Team.unit == unit, Team.name == team_name)) if unit.id else None
    if team is None:
        team = Team(unit=unit, name=team_name)
        db.session.add(team)
    db.session.flush()
    return team


PASSWORDS_FILE = "demo_logins.json"


def _fingerprint(password_hash: str | None) -> str:
    return hashlib.sha256((password_hash or "").encode()).hexdigest()


def load_passwords(data_dir: Path) -> dict[str, dict[str, str]]:
    """The demo passwords printed before: {工号: {"password", "hash"}} (empty when none)."""
    try:
        data = json.loads((Path(data_dir) / PASSWORDS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_passwords(data_dir: Path, saved: dict[str, dict[str, str]]) -> None:
    """Write the file readable by its owner only (it holds passwords, like secret_key beside it)."""
    path = Path(data_dir) / PASSWORDS_FILE
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(saved, handle, ensure_ascii=False, indent=1)
    os.replace(temporary, path)


def _upsert(
    username: str,
    name: str,
    team: Team | None,
    job: str,
    party: bool,
    role: Role,
    saved: dict[str, dict[str, str]],
    reset: bool,
) -> DemoLogin:
    """Create or refresh one demo person. An existing admin keeps their password and the admin
    role (the demo must never lock out whoever runs the installation); anyone else keeps the
    password the demo printed before, or — when it was changed since — whatever they chose
    (password None: not printed); a new person, or every demo person with `reset`, gets a
    fresh one."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        user = User(username=username)
        db.session.add(user)
    existing = user.id is not None and user.password_hash is not None
    keep_admin = existing and user.role == Role.ADMIN.value
    user.name, user.team, user.job, user.party_member = name, team, jobs.to_store(job), party
    user.role = Role.ADMIN.value if keep_admin else role.value
    user.active = True
    remembered = saved.get(username) or {}
    if existing and remembered.get("hash") == _fingerprint(user.password_hash) and not (reset and not keep_admin):
        return DemoLogin(username, remembered.get("password"), user.role, team.full_name if team else "", name)
    if keep_admin or (existing and not reset):
        saved.pop(username, None)
        return DemoLogin(username, None, user.role, team.full_name if team else "", name)
    password = generate_password(8)
    set_password(user, password, must_change=False)  # demo accounts keep their printed passwords
    saved[username] = {"password": password, "hash": _fingerprint(user.password_hash)}
    return DemoLogin(username, password, user.role, team.full_name if team else "", name)


def seed_demo(data_dir: Path | None = None, *, reset: bool = False) -> list[DemoLogin]:
    """Create (or refresh) the demo mine and return every demo login.

    With `data_dir`, the passwords printed by an earlier run are kept and printed again
    (see the module note); without it (tests), every existing person keeps theirs unprinted.
    `reset` gives every demo person but an existing admin a fresh password.
    """
    saved = load_passwords(data_dir) if data_dir is not None else {}
    mine = get_or_create_mine()
    if not mine.name:  # a mine that named itself keeps its name
        mine.name = MINE_NAME
    logins = []
    for unit_name, team_name, people in DEMO_ROSTER:
        team = _team(mine, unit_name, team_name)
        logins += [_upsert(u, n, team, job, party, role, saved, reset) for u, n, job, party, role in people]
    for username, name, unit_name, team_name, job, party, role in DEMO_STAFF:
        team = _team(mine, unit_name, team_name) if unit_name else None
        logins.append(_upsert(username, name, team, job, party, role, saved, reset))
    db.session.flush()
    if data_dir is not None:
        save_passwords(data_dir, saved)
    return logins
