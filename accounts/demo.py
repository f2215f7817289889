"""The demo mine: two 区队, four 班组, about two dozen workers, two trainers and an admin."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from accounts.models import Mine, Team, User, WorkUnit
from accounts.passwords import generate_password, set_password
from core.auth import Role
from core.db import db

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
# Trainers sit in the first team of their unit; the admin in none.
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


def get_or_create_mine(name: str = MINE_NAME) -> Mine:
    """The mine with this name, created when missing."""
    mine = db.session.scalar(select(Mine).where(Mine.name == name))
    if mine is None:
        mine = Mine(name=name)
        db.session.add(mine)
        db.session.flush()
    return mine


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


def _upsert(username: str, name: str, team: Team | None, job: str, party: bool, role: Role) -> DemoLogin:
    """Create or refresh one demo person with a fresh password; an existing admin keeps their
    password and the admin role (the demo must never lock out whoever runs the installation)."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        user = User(username=username)
        db.session.add(user)
    keep = user.id is not None and user.role == Role.ADMIN.value and user.password_hash is not None
    user.name, user.team, user.job, user.party_member = name, team, job, party
    user.role = Role.ADMIN.value if keep else role.value
    user.active = True
    password = None
    if not keep:
        password = generate_password(8)
        set_password(user, password, must_change=False)  # demo accounts keep their printed passwords
    return DemoLogin(username, password, user.role, team.full_name if team else "", name)


def seed_demo() -> list[DemoLogin]:
    """Create (or refresh) the demo mine and return every demo login (fresh passwords, but an
    existing admin's is kept)."""
    mine = get_or_create_mine()
    logins = []
    for unit_name, team_name, people in DEMO_ROSTER:
        team = _team(mine, unit_name, team_name)
        logins += [_upsert(u, n, team, job, party, role) for u, n, job, party, role in people]
    for username, name, unit_name, team_name, job, party, role in DEMO_STAFF:
        team = _team(mine, unit_name, team_name) if unit_name else None
        logins.append(_upsert(username, name, team, job, party, role))
    db.session.flush()
    return logins
